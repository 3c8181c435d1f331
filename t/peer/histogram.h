// A duration histogram as console-subscriber keeps one per task: values in
// nanoseconds clamped to a maximum (1 s by default), counting the clamped
// outliers.  Values are kept with three significant digits, which is finer
// than the two the wire encoding uses, so memory stays bounded however many
// polls a long-running scenario records.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "tasks.pb.h"

namespace peer {

class DurationHist {
public:
    explicit DurationHist(uint64_t max_ns = 1'000'000'000ull) : max_(max_ns) {}

    void record(uint64_t ns, uint64_t count = 1);
    uint64_t total() const { return total_; }
    // Fills a DurationHistogram: HdrHistogram V2 bytes (lowest 1, highest
    // the maximum, 2 significant figures), the maximum and the outliers.
    void to_proto(rs::tokio::console::tasks::DurationHistogram* out) const;

private:
    uint64_t max_;
    uint64_t total_ = 0;
    uint64_t outliers_ = 0;
    std::optional<uint64_t> highest_outlier_;
    std::map<uint64_t, uint64_t> counts_;
};

}  // namespace peer
