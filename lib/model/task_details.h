// The details of one task from WatchTaskDetails: its poll-time and
// scheduled-time histograms, decoded into what the task view shows —
// percentiles p10..p99, min and max, the recorder's max_value with the
// outliers it clamped, and the bars of a chart.  A histogram that is absent
// or fails to decode is shown as nothing, with the reason kept in `error`.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/hdr_histogram.h"
#include "model/time.h"
#include "tasks.pb.h"

namespace model {

// One duration histogram (nanoseconds) of a task.
struct DurationStats {
    // The percentiles the task view lists, in this order.
    static constexpr std::array<double, 7> kPercentiles = {10, 25, 50, 75, 90, 95, 99};

    bool present = false;                   // the message carried this histogram
    std::optional<HdrHistogram> histogram;  // decoded, when present and valid
    std::string error;                      // why a present histogram did not decode
    uint64_t max_value = 0;                 // the recorder's clamp; 0 when unknown (legacy)
    uint64_t high_outliers = 0;             // values above max_value, recorded as max_value
    std::optional<uint64_t> highest_outlier;

    // From the histogram; all 0 without one.
    std::array<uint64_t, 7> percentiles{};  // value at each of kPercentiles
    uint64_t min = 0;
    uint64_t max = 0;
    uint64_t count = 0;

    bool ok() const { return histogram.has_value(); }
    // Value at kPercentiles[i] by name, e.g. at(99).
    uint64_t at(double p) const;
    // Bars for a chart `width` columns wide, as tokio-console draws them
    // (HdrHistogram::chart_buckets); empty without a histogram.
    std::vector<uint64_t> chart(unsigned width) const;
};

struct TaskDetails {
    uint64_t task_id = 0;  // the server's span id of the task
    bool has_task_id = false;
    Nanos now = 0;  // server time of these details; 0 when not given
    DurationStats poll_times;
    DurationStats scheduled_times;

    static TaskDetails from_proto(const rs::tokio::console::tasks::TaskDetails& pb);
};

// Fills stats from raw V2 bytes (the legacy form: no max_value, no outliers).
DurationStats duration_stats_from_bytes(std::string_view raw);
// Fills stats from a DurationHistogram message.
DurationStats duration_stats_from_proto(const rs::tokio::console::tasks::DurationHistogram& pb);

}  // namespace model
