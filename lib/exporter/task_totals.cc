#include "exporter/task_totals.h"

#include <algorithm>

namespace exporter {

namespace {

TaskCounts counts_of(const model::Task& t) {
    return {t.stats.polls, static_cast<uint64_t>(t.stats.busy), static_cast<uint64_t>(t.stats.scheduled),
            t.stats.wakes};
}

// A later snapshot of the same task never has less of anything.
bool grew(const TaskCounts& before, const TaskCounts& now) {
    for (size_t i = 0; i < before.size(); i++)
        if (now[i] < before[i]) return false;
    return true;
}

void add(TaskCounts& into, const TaskCounts& c) {
    for (size_t i = 0; i < c.size(); i++) into[i] += c[i];
}

}  // namespace

void TaskTotals::retire(const Seen& s) {
    if (gone_.size() <= s.slot) gone_.resize(s.slot + 1);
    add(gone_[s.slot], s.counts);
}

void TaskTotals::observe(const model::Model& m, LocationSlots& locations, bool reset) {
    if (reset) {
        for (const auto& [span, s] : seen_) retire(s);
        seen_.clear();
    }
    epoch_++;
    const model::TaskTable& tasks = m.tasks();
    for (size_t i = 0; i < tasks.size(); i++) {
        const model::Task& t = tasks.row(i);
        if (!t.has_stats) continue;
        TaskCounts now = counts_of(t);
        auto it = seen_.find(t.span_id);
        if (it == seen_.end()) {
            uint32_t slot = locations.assign(m.strings().get(t.location));
            seen_.emplace(t.span_id, Seen{slot, epoch_, now});
            continue;
        }
        if (!grew(it->second.counts, now)) {  // the span id was reused by another task
            retire(it->second);
            it->second.slot = locations.assign(m.strings().get(t.location));
        }
        it->second.counts = now;
        it->second.epoch = epoch_;
    }
    for (auto it = seen_.begin(); it != seen_.end();) {
        if (it->second.epoch == epoch_) {
            ++it;
            continue;
        }
        retire(it->second);
        it = seen_.erase(it);
    }
}

const std::vector<TaskCounts>& TaskTotals::totals() {
    std::vector<TaskCounts> now = gone_;
    for (const auto& [span, s] : seen_) {
        if (now.size() <= s.slot) now.resize(s.slot + 1);
        add(now[s.slot], s.counts);
    }
    if (shown_.size() < now.size()) shown_.resize(now.size());
    for (size_t slot = 0; slot < now.size(); slot++)
        for (size_t i = 0; i < now[slot].size(); i++) shown_[slot][i] = std::max(shown_[slot][i], now[slot][i]);
    return shown_;
}

void TaskTotals::write(const std::string& app, const LocationSlots& locations, Families& out) {
    const auto& t = totals();
    for (size_t slot = 0; slot < t.size(); slot++) {
        Labels l{{"app", app}, {"location", locations.label(static_cast<uint32_t>(slot))}};
        out.counter("tokio_console_task_polls", "Polls of the tasks spawned at the location.", l, double(t[slot][0]));
        out.counter("tokio_console_task_busy_seconds", "Time the tasks spawned at the location spent being polled.",
                    l, double(t[slot][1]) / 1e9);
        out.counter("tokio_console_task_scheduled_seconds",
                    "Time the tasks spawned at the location spent woken and waiting to be polled.", l,
                    double(t[slot][2]) / 1e9);
        out.counter("tokio_console_task_wakes", "Wakes of the tasks spawned at the location.", l,
                    double(t[slot][3]));
    }
}

}  // namespace exporter
