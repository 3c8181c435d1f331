#include "exporter/details_watch.h"

#include <algorithm>
#include <tuple>

namespace exporter {

Histogram fold(const model::DurationStats& d) {
    Histogram h;
    if (!d.ok()) return h;
    const model::HdrHistogram& hdr = *d.histogram;
    const auto& bounds = duration_buckets();
    for (const auto& slot : hdr.slots()) {
        double seconds = double(hdr.layout().median_equivalent(hdr.layout().value_for(slot.index))) / 1e9;
        size_t b = std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();
        h.counts[b] += double(slot.count);
        h.sum += seconds * double(slot.count);
        h.count += double(slot.count);
    }
    return h;
}

void DetailsWatch::retire(const Folded& f) {
    while (gone_.size() <= f.slot) gone_.push_back(Folded{static_cast<uint32_t>(gone_.size()), {}, {}, 0});
    gone_[f.slot].poll.add(f.poll);
    gone_[f.slot].scheduled.add(f.scheduled);
}

void DetailsWatch::observe(const model::Model& m, LocationSlots& locations, bool reset) {
    if (!enabled()) return;
    if (reset) {
        for (const auto& [span, f] : tasks_) retire(f);
        tasks_.clear();
        watched_.clear();
    }
    // Tasks gone from the model keep their last histograms as totals.
    for (auto it = tasks_.begin(); it != tasks_.end();) {
        if (m.tasks().find(it->first)) {
            ++it;
            continue;
        }
        retire(it->second);
        it = tasks_.erase(it);
    }
    for (uint64_t span : watched_) {
        const model::TaskDetails* d = m.task_details(span);
        const model::Task* t = m.tasks().find(span);
        if (!d || !t) continue;
        auto it = tasks_.find(span);
        if (it != tasks_.end() && d->now && d->now == it->second.at) continue;  // folded already
        Folded f{locations.assign(m.strings().get(t->location)), fold(d->poll_times), fold(d->scheduled_times), d->now};
        // Histograms of a live task only grow; one that shrank is another task.
        if (it != tasks_.end() && (f.poll.count < it->second.poll.count || f.slot != it->second.slot))
            retire(it->second);
        tasks_[span] = f;
    }
}

namespace {

bool live(const model::Model& m, uint64_t span) {
    const model::Task* t = m.tasks().find(span);
    return t && !t->completed();
}

}  // namespace

const std::vector<uint64_t>& DetailsWatch::choose(const model::Model& m, Clock::time_point now) {
    if (!enabled()) return watched_;
    bool all_live = std::all_of(watched_.begin(), watched_.end(), [&](uint64_t s) { return live(m, s); });
    if (all_live && !watched_.empty() && now - chosen_at_ < kRechoose) return watched_;
    std::vector<const model::Task*> rows;
    const model::TaskTable& tasks = m.tasks();
    for (size_t i = 0; i < tasks.size(); i++)
        if (tasks.row(i).has_stats && !tasks.row(i).completed()) rows.push_back(&tasks.row(i));
    size_t n = std::min(n_, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + n, rows.end(), [](const model::Task* a, const model::Task* b) {
        return std::tie(a->stats.busy, a->span_id) > std::tie(b->stats.busy, b->span_id);
    });
    watched_.clear();
    for (size_t i = 0; i < n; i++) watched_.push_back(rows[i]->span_id);
    chosen_at_ = now;
    return watched_;
}

void DetailsWatch::write(const model::Model& m, const std::string& app, const LocationSlots& locations,
                         Families& out) const {
    if (!enabled()) return;
    size_t streaming = 0;
    for (uint64_t span : watched_) streaming += m.task_details(span) != nullptr;
    out.gauge("tokio_console_watched_tasks", "Tasks whose details are watched now and have come (--watch-details).",
              {{"app", app}}, double(streaming));
    std::vector<Folded> by_slot = gone_;
    for (const auto& [span, f] : tasks_) {
        while (by_slot.size() <= f.slot) by_slot.push_back(Folded{static_cast<uint32_t>(by_slot.size()), {}, {}, 0});
        by_slot[f.slot].poll.add(f.poll);
        by_slot[f.slot].scheduled.add(f.scheduled);
    }
    const char* poll_name = "tokio_console_task_poll_duration_seconds";
    const char* sched_name = "tokio_console_task_scheduled_duration_seconds";
    out.get(poll_name, MetricType::Histogram, "Poll times of the watched tasks (--watch-details), by spawn location.");
    out.get(sched_name, MetricType::Histogram,
            "Scheduled times of the watched tasks (--watch-details), by spawn location.");
    // Both made first: a reference into the families lives until the next new one.
    Family& poll = out.get(poll_name, MetricType::Histogram, "");
    Family& sched = out.get(sched_name, MetricType::Histogram, "");
    for (const Folded& f : by_slot) {
        if (!f.poll.count && !f.scheduled.count) continue;
        Labels l{{"app", app}, {"location", locations.label(f.slot)}};
        f.poll.write(poll, l);
        f.scheduled.write(sched, l);
    }
}

}  // namespace exporter
