// Duration histograms for the peer's tasks; see histogram.h.
#include "histogram.h"

#include <algorithm>

#include "model/hdr_writer.h"

namespace peer {

namespace {

// Rounds down to three significant decimal digits.
uint64_t quantize(uint64_t v) {
    uint64_t scale = 1;
    while (v / scale >= 1000) scale *= 10;
    return v / scale * scale;
}

}  // namespace

void DurationHist::record(uint64_t ns, uint64_t count) {
    if (count == 0) return;
    if (ns > max_) {
        outliers_ += count;
        highest_outlier_ = std::max(highest_outlier_.value_or(0), ns);
        ns = max_;
    }
    if (ns == 0) ns = 1;
    counts_[quantize(ns)] += count;
    total_ += count;
}

void DurationHist::to_proto(rs::tokio::console::tasks::DurationHistogram* out) const {
    out->set_max_value(max_);
    out->set_high_outliers(outliers_);
    if (highest_outlier_) out->set_highest_outlier(*highest_outlier_);
    model::HdrWriter writer(1, max_, 2);
    for (auto [value, count] : counts_) writer.record(value, count);
    out->set_raw_histogram(writer.encode());
}

}  // namespace peer
