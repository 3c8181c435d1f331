// libFuzzer target over HdrHistogram V2 decoding, the bytes of every poll
// and scheduling histogram an application sends.  Whatever the bytes,
// decoding must not crash, leak or read out of bounds, must either give a
// histogram or say why not, and what it gives must answer every question
// the views ask of it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/hdr_histogram.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    model::HdrDecoded d = model::HdrHistogram::decode(bytes);
    if (!d) {
        if (d.error.empty()) abort();
        return 0;
    }
    const model::HdrHistogram& h = *d.histogram;
    uint64_t total = 0;
    for (const model::HdrEntry& e : h.recorded()) total += e.count;
    if (total != h.count()) abort();
    if (h.count() && h.min() > h.max()) abort();
    for (double p : {0.0, 10.0, 50.0, 99.0, 99.9, 100.0})
        if (h.value_at_percentile(p) > h.max() && h.count()) abort();
    (void)h.mean();
    (void)h.chart_buckets(80);
    (void)h.linear_buckets(h.max() / 100 + 1, 200);
    return 0;
}
