// --watch-details N: the poll-time and scheduled-time histograms of the
// N busiest tasks of one target, folded by spawn location into fixed
// buckets (metric.h).  The N are watched at once, each on a details
// stream of its own, side by side on the target's one HTTP/2 connection
// (wire::Client::watch_tasks_details).  The set is chosen again every
// kRechoose, and at once when a watched task ends or goes, so it follows
// tasks as they come and go; a task stays watched while it stays among
// the N.
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
    static constexpr std::chrono::seconds kRechoose{5};

    explicit DetailsWatch(size_t n) : n_(n) {}
    bool enabled() const { return n_ > 0; }

    // After each pump: takes in the watched tasks' details that are new.
    // `reset`: a new stream began, every task folded so far is gone.
    void observe(const model::Model& m, LocationSlots& locations, bool reset);
    // The tasks to watch now, busiest first; the caller hands them to the
    // session (Session::watch_details).
    const std::vector<uint64_t>& choose(const model::Model& m, Clock::time_point now);
    // The histograms, and how many watched tasks have details in `m` now
    // (their streams are open and sending).
    void write(const model::Model& m, const std::string& app, const LocationSlots& locations, Families& out) const;

private:
    struct Folded {
        uint32_t slot;
        Histogram poll, scheduled;
        model::Nanos at = 0;  // the server time of the details folded
    };
    void retire(const Folded& f);

    size_t n_;
    std::vector<uint64_t> watched_;
    Clock::time_point chosen_at_{};
    std::unordered_map<uint64_t, Folded> tasks_;  // by span id
    std::vector<Folded> gone_;                    // by slot
};

}  // namespace exporter
