// Task details decoding; see task_details.h.
#include "model/task_details.h"

namespace model {

namespace pb = rs::tokio::console::tasks;

uint64_t DurationStats::at(double p) const {
    for (size_t i = 0; i < kPercentiles.size(); i++)
        if (kPercentiles[i] == p) return percentiles[i];
    return histogram ? histogram->value_at_percentile(p) : 0;
}

std::vector<uint64_t> DurationStats::chart(unsigned width) const {
    return histogram ? histogram->chart_buckets(width) : std::vector<uint64_t>();
}

DurationStats duration_stats_from_bytes(std::string_view raw) {
    DurationStats s;
    s.present = true;
    HdrDecoded d = HdrHistogram::decode(raw);
    if (!d) {
        s.error = std::move(d.error);
        return s;
    }
    s.histogram = std::move(d.histogram);
    const HdrHistogram& h = *s.histogram;
    for (size_t i = 0; i < DurationStats::kPercentiles.size(); i++)
        s.percentiles[i] = h.value_at_percentile(DurationStats::kPercentiles[i]);
    s.min = h.min();
    s.max = h.max();
    s.count = h.count();
    return s;
}

DurationStats duration_stats_from_proto(const pb::DurationHistogram& m) {
    DurationStats s = duration_stats_from_bytes(m.raw_histogram());
    s.max_value = m.max_value();
    s.high_outliers = m.high_outliers();
    if (m.has_highest_outlier()) s.highest_outlier = m.highest_outlier();
    return s;
}

TaskDetails TaskDetails::from_proto(const pb::TaskDetails& m) {
    TaskDetails t;
    if (m.has_task_id()) {
        t.task_id = m.task_id().id();
        t.has_task_id = true;
    }
    if (m.has_now()) t.now = model::from_proto(m.now());
    switch (m.poll_times_histogram_case()) {
    case pb::TaskDetails::kLegacyHistogram: t.poll_times = duration_stats_from_bytes(m.legacy_histogram()); break;
    case pb::TaskDetails::kHistogram: t.poll_times = duration_stats_from_proto(m.histogram()); break;
    default: break;
    }
    if (m.has_scheduled_times_histogram()) t.scheduled_times = duration_stats_from_proto(m.scheduled_times_histogram());
    return t;
}

}  // namespace model
