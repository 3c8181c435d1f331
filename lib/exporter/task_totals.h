// The task counters of one target by spawn location: polls, busy time,
// scheduled time and wakes.  They never go down: the last values seen of
// every task that is gone (retention dropped it, or a new connection
// began with a fresh model) are kept in the location's totals.
//
// observe() runs after every update, so that no task is dropped before
// its last values are seen (retention keeps a completed task for
// --retain-for, far longer than an update interval).
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "exporter/locations.h"
#include "exporter/metric.h"
#include "model/model.h"

namespace exporter {

// polls, busy ns, scheduled ns, wakes.
using TaskCounts = std::array<uint64_t, 4>;

class TaskTotals {
public:
    // Takes in the model's tasks; `reset`: a new stream began since the
    // last call, so every task seen before is gone.
    void observe(const model::Model& m, LocationSlots& locations, bool reset);
    // The totals by slot now, each never below what it was last time.
    const std::vector<TaskCounts>& totals();
    void write(const std::string& app, const LocationSlots& locations, Families& out);

private:
    struct Seen {
        uint32_t slot;
        uint64_t epoch;
        TaskCounts counts;
    };
    void retire(const Seen& s);

    std::unordered_map<uint64_t, Seen> seen_;  // by span id
    std::vector<TaskCounts> gone_;             // by slot
    std::vector<TaskCounts> shown_;            // by slot, as last returned
    uint64_t epoch_ = 0;
};

}  // namespace exporter
