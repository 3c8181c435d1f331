#include "model/wait_graph.h"

#include <algorithm>
#include <functional>
#include <set>

namespace model {

WaitGraph build_wait_graph(const Model& m) {
    WaitGraph g;
    std::set<uint64_t> tasks;
    m.poll_ops().each([&](const PollLink& l) {
        if (!l.ready) tasks.insert(l.task_span);
    });
    for (uint64_t t : tasks) {
        for (const Wait& w : waits_of_task(m, t)) {
            g.waits.push_back(w);
            if (!g.holds.count(w.resource_span)) {
                Hold h = hold_of(m, w.resource_span);
                if (h.state != LockState::NotALock) g.holds[w.resource_span] = h;
            }
        }
    }
    return g;
}

std::vector<Crowd> crowds(const WaitGraph& g, const Model& m, Nanos now, Nanos after, size_t min_tasks) {
    std::unordered_map<uint64_t, size_t> n;
    for (const Wait& w : g.waits)
        if (blocked(m, w, now, after)) n[w.resource_span]++;
    std::vector<Crowd> out;
    for (const auto& [res, count] : n)
        if (count >= min_tasks && count > 0) out.push_back({res, count});
    auto id = [&](uint64_t span) {
        const Resource* r = m.resources().find(span);
        return r ? r->id : 0;
    };
    std::sort(out.begin(), out.end(), [&](const Crowd& a, const Crowd& b) {
        if (a.blocked != b.blocked) return a.blocked > b.blocked;
        return id(a.resource_span) < id(b.resource_span);
    });
    return out;
}

namespace {

uint64_t task_id(const Model& m, uint64_t span) {
    const Task* t = m.tasks().find(span);
    return t ? t->id : 0;
}

// Starts the cycle at its task with the lowest id.
Cycle rotated(const Model& m, Cycle c) {
    auto lowest = std::min_element(c.begin(), c.end(), [&](const CycleStep& a, const CycleStep& b) {
        return task_id(m, a.task_span) < task_id(m, b.task_span);
    });
    std::rotate(c.begin(), lowest, c.end());
    return c;
}

}  // namespace

std::vector<Cycle> lock_cycles(const WaitGraph& g, const Model& m) {
    // Edges: a task waits on a lock whose holder is known.
    std::unordered_map<uint64_t, std::vector<CycleStep>> out_of;
    std::unordered_map<uint64_t, uint64_t> holder;
    for (const auto& [res, h] : g.holds)
        if (h.state == LockState::Held && h.holder_span) holder[res] = h.holder_span;
    for (const Wait& w : g.waits)
        if (holder.count(w.resource_span)) out_of[w.task_span].push_back({w.task_span, w.resource_span});

    // Depth first; an edge back to a task on the path closes a cycle.
    std::unordered_map<uint64_t, int> colour;  // 1: on the path, 2: done
    std::vector<CycleStep> path;
    std::vector<Cycle> found;
    std::function<void(uint64_t)> visit = [&](uint64_t task) {
        colour[task] = 1;
        for (const CycleStep& e : out_of[task]) {
            uint64_t next = holder[e.resource_span];
            path.push_back(e);
            if (colour[next] == 1) {
                auto start =
                    std::find_if(path.begin(), path.end(), [&](const CycleStep& s) { return s.task_span == next; });
                Cycle c = rotated(m, Cycle(start, path.end()));
                if (std::find(found.begin(), found.end(), c) == found.end()) found.push_back(std::move(c));
            } else if (colour[next] == 0) {
                visit(next);
            }
            path.pop_back();
        }
        colour[task] = 2;
    };
    std::vector<uint64_t> starts;
    for (const auto& [task, edges] : out_of) starts.push_back(task);
    std::sort(starts.begin(), starts.end(), [&](uint64_t a, uint64_t b) { return task_id(m, a) < task_id(m, b); });
    for (uint64_t t : starts)
        if (!colour[t]) visit(t);
    std::sort(found.begin(), found.end(),
              [&](const Cycle& a, const Cycle& b) { return task_id(m, a[0].task_span) < task_id(m, b[0].task_span); });
    return found;
}

std::string describe_cycle(const Model& m, const Cycle& c, bool ascii) {
    const char* arrow = ascii ? " -> " : " \u2192 ";
    std::string out = "lock cycle: ";
    for (const CycleStep& s : c) {
        const Resource* r = m.resources().find(s.resource_span);
        out += task_words(m, s.task_span) + arrow;
        if (r)
            out += std::string(m.strings().get(r->concrete_type)) + " at " + std::string(m.strings().get(r->location));
        out += arrow;
    }
    const Task* first = c.empty() ? nullptr : m.tasks().find(c[0].task_span);
    out += first ? "task " + std::to_string(first->id) : "task ?";
    return out;
}

std::string describe_crowd(const Model& m, const Crowd& c) {
    const Resource* r = m.resources().find(c.resource_span);
    std::string what =
        r ? std::string(m.strings().get(r->concrete_type)) + " at " + std::string(m.strings().get(r->location))
          : "a resource no longer known";
    return std::to_string(c.blocked) + (c.blocked == 1 ? " task waiting on " : " tasks waiting on ") + what;
}

}  // namespace model
