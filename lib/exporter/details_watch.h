// --watch-details N: the poll-time and scheduled-time histograms of the
// N busiest tasks of one target, folded by spawn location into fixed
// buckets (metric.h).  A connection carries one details stream at a time
// (wire::Client), so the watched task rotates among the N: the next one
// is watched once details for the current one have come, or after
// kDwell without them.  The set of N is chosen again at each turn of the
// rotation, as tasks come and go.
//
// A task's histograms only grow while it lives; the last ones folded of
// a task that is gone (or no longer among the N) stay in its location's
// totals, so that the buckets never go down.
#pragma once

#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "exporter/locations.h"
#include "exporter/metric.h"
#include "model/model.h"
#include "model/task_details.h"

namespace exporter {

// Folds a duration histogram (ns) into the fixed buckets (seconds).
Histogram fold(const model::DurationStats& d);

class DetailsWatch {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::seconds kDwell{3};

    explicit DetailsWatch(size_t n) : n_(n) {}
    bool enabled() const { return n_ > 0; }

    // After each pump: takes in the watched task's details, when new.
    // `reset`: a new stream began, every task folded so far is gone.
    void observe(const model::Model& m, LocationSlots& locations, bool reset);
    // The task to watch now (0: none); the caller hands it to the session.
    uint64_t choose(const model::Model& m, Clock::time_point now);
    void write(const std::string& app, const LocationSlots& locations, Families& out) const;

private:
    struct Folded {
        uint32_t slot;
        Histogram poll, scheduled;
    };
    void retire(const Folded& f);

    size_t n_;
    std::vector<uint64_t> turn_;  // the tasks of this turn of the rotation
    size_t next_ = 0;
    uint64_t watched_ = 0;
    bool got_ = false;  // details for watched_ came since it was chosen
    Clock::time_point since_{};
    std::unordered_map<uint64_t, Folded> tasks_;  // by span id
    std::vector<Folded> gone_;                    // by slot
};

}  // namespace exporter
