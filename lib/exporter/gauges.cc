#include "exporter/gauges.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "model/waits.h"

namespace exporter {

namespace {

const model::TaskState kStates[] = {model::TaskState::Running, model::TaskState::Idle, model::TaskState::Scheduled,
                                    model::TaskState::Done};

const char* state_label(model::TaskState s) {
    switch (s) {
    case model::TaskState::Running: return "running";
    case model::TaskState::Scheduled: return "scheduled";
    case model::TaskState::Idle: return "idle";
    case model::TaskState::Done: return "done";
    }
    return "idle";
}

std::string text(const model::Model& m, model::StrId id) {
    return std::string(m.strings().get(id));
}

}  // namespace

void write_task_states(const model::Model& m, const std::string& app, const LocationSlots& locations, Families& out) {
    std::map<uint32_t, std::array<uint64_t, 4>> counts;  // by slot, by state
    const model::TaskTable& tasks = m.tasks();
    for (size_t i = 0; i < tasks.size(); i++) {
        const model::Task& t = tasks.row(i);
        counts[locations.find(m.strings().get(t.location))][static_cast<size_t>(t.state())]++;
    }
    Family& f = out.get("tokio_console_tasks", MetricType::Gauge,
                        "Tasks by spawn location and state (running, idle, scheduled, done).");
    for (const auto& [slot, by_state] : counts)
        for (model::TaskState s : kStates)
            f.samples.push_back(Sample{"",
                                       {{"app", app}, {"location", locations.label(slot)}, {"state", state_label(s)}},
                                       double(by_state[static_cast<size_t>(s)])});
}

void write_lints(const model::Model& m, const std::string& app, Families& out) {
    auto counts = m.tasks().count_by_lint();
    for (int l = 0; l < model::kLintCount; l++)
        out.gauge("tokio_console_lint_tasks", "Tasks each lint fires on now.",
                  {{"app", app}, {"lint", model::lint_name(static_cast<model::Lint>(l))}}, double(counts[l]));
}

void assign_resource_locations(const model::Model& m, LocationSlots& locations) {
    const model::ResourceTable& rs = m.resources();
    for (size_t i = 0; i < rs.size(); i++) locations.assign(m.strings().get(rs.row(i).location));
}

void write_resources(const model::Model& m, model::Nanos now, model::Nanos blocked_after, const std::string& app,
                     const LocationSlots& locations, Families& out) {
    std::map<std::pair<std::string, std::string>, uint64_t> by_kind;     // (kind, type)
    std::map<std::pair<uint32_t, std::string>, uint64_t> waiting;        // (location slot, type)
    std::set<uint64_t> blocked;                                          // task spans
    const model::ResourceTable& rs = m.resources();
    for (size_t i = 0; i < rs.size(); i++) {
        const model::Resource& r = rs.row(i);
        if (r.dropped()) continue;
        std::string type = text(m, r.concrete_type);
        by_kind[{text(m, r.kind), type}]++;
        uint64_t& w = waiting[{locations.find(m.strings().get(r.location)), type}];
        for (const model::Wait& wait : model::waiters_of(m, r.span_id)) {
            // As the console shows a task's waits: not twice for a Mutex.
            if (model::behind_parent(m, wait)) continue;
            w++;
            if (model::blocked(m, wait, now, blocked_after)) blocked.insert(wait.task_span);
        }
    }
    out.get("tokio_console_resources", MetricType::Gauge, "Live resources by kind and type.");
    for (const auto& [key, n] : by_kind)
        out.gauge("tokio_console_resources", "", {{"app", app}, {"kind", key.first}, {"type", key.second}}, double(n));
    out.get("tokio_console_resource_waiting_tasks", MetricType::Gauge,
            "Tasks waiting on the resources of a location and type now.");
    for (const auto& [key, n] : waiting)
        out.gauge("tokio_console_resource_waiting_tasks", "",
                  {{"app", app}, {"location", locations.label(key.first)}, {"type", key.second}}, double(n));
    out.gauge("tokio_console_blocked_tasks",
              "Tasks idle on a resource other than a timer for --blocked-after or longer.", {{"app", app}},
              double(blocked.size()));
}

void write_per_task(const model::Model& m, size_t max_tasks, const std::string& app, Families& out) {
    const model::TaskTable& tasks = m.tasks();
    std::vector<const model::Task*> rows;
    for (size_t i = 0; i < tasks.size(); i++)
        if (tasks.row(i).has_stats) rows.push_back(&tasks.row(i));
    size_t n = std::min(max_tasks, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + n, rows.end(), [](const model::Task* a, const model::Task* b) {
        return std::tie(a->stats.busy, a->id) > std::tie(b->stats.busy, b->id);
    });
    out.get("tokio_console_task_by_id_polls", MetricType::Counter, "Polls of one task (--per-task).");
    out.get("tokio_console_task_by_id_busy_seconds", MetricType::Counter, "Busy time of one task (--per-task).");
    out.get("tokio_console_task_by_id_scheduled_seconds", MetricType::Counter,
            "Scheduled time of one task (--per-task).");
    for (size_t i = 0; i < n; i++) {
        const model::Task& t = *rows[i];
        Labels l{{"app", app},
                 {"task_id", std::to_string(t.id)},
                 {"task_name", text(m, t.name)},
                 {"location", text(m, t.location)}};
        out.counter("tokio_console_task_by_id_polls", "", l, double(t.stats.polls));
        out.counter("tokio_console_task_by_id_busy_seconds", "", l, double(t.stats.busy) / 1e9);
        out.counter("tokio_console_task_by_id_scheduled_seconds", "", l, double(t.stats.scheduled) / 1e9);
    }
}

}  // namespace exporter
