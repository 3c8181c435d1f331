// Every task's waits at once (see waits.h), for what the task list says
// about all of them: the resources many tasks are blocked on, and lock
// cycles — tasks that each wait on a lock another of them holds, as the
// data shows it (holders as hold_of finds them, never guessed).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/waits.h"

namespace model {

struct WaitGraph {
    std::vector<Wait> waits;                   // by task span, then resource id
    std::unordered_map<uint64_t, Hold> holds;  // of every lock waited on, by span
};

WaitGraph build_wait_graph(const Model& m);

// A resource and how many tasks are blocked on it (see blocked()).
struct Crowd {
    uint64_t resource_span = 0;
    size_t blocked = 0;
};
// Resources with at least `min_tasks` blocked tasks, most first (ties by
// resource id).
std::vector<Crowd> crowds(const WaitGraph& g, const Model& m, Nanos now, Nanos after, size_t min_tasks);

// One step of a cycle: the task waits on the resource, which the next
// step's task holds (the last step's resource, the first's task).
struct CycleStep {
    uint64_t task_span = 0;
    uint64_t resource_span = 0;
    bool operator==(const CycleStep&) const = default;
};
using Cycle = std::vector<CycleStep>;
// Each cycle once, from its task with the lowest id; cycles by that id.
std::vector<Cycle> lock_cycles(const WaitGraph& g, const Model& m);

// "lock cycle: task 7 (left) → Mutex at a.rs:1:1 → task 8 (right) →
// Mutex at b.rs:2:2 → task 7"; `ascii` writes "->".
std::string describe_cycle(const Model& m, const Cycle& c, bool ascii);
// "48 tasks waiting on Mutex at src/db/pool.rs:41:23"
std::string describe_crowd(const Model& m, const Crowd& c);

}  // namespace model
