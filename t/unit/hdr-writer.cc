// HdrWriter encodes exactly as HdrHistogram does: decoded fixtures re-encode
// to their own bytes, and what it writes decodes to what was recorded.
#include <stdexcept>
#include <string>

#include "model/hdr_histogram.h"
#include "model/hdr_writer.h"
#include "t/unit/hdr-fixture.h"
#include "t/unit/tap.h"

using model::HdrHistogram;
using model::HdrWriter;

static void re_encodes_fixtures() {
    if (!fixture::have_fixtures("hdr")) return;
    for (const auto& f : fixture::load_hdr_fixtures()) {
        model::HdrDecoded d = HdrHistogram::decode(f.bytes);
        if (!tap::check(bool(d), f.name + ": decodes")) continue;
        tap::check(HdrWriter(*d.histogram).encode() == f.bytes, f.name + ": re-encodes to the same bytes");
    }
}

static void records_single_value() {
    HdrWriter w(1, 1000000000, 2);
    tap::check(w.record(620000), "records a value in range");
    if (!fixture::have_fixtures("hdr")) return;
    std::string single = fixture::slurp(fixture::shared_dir() / "fixtures/hdr/single.hdr");
    tap::check(w.encode() == single, "one value of 620000 encodes as single.hdr");
}

static void round_trip() {
    HdrWriter w(1, 60000000000ull, 2);
    uint64_t values[] = {0, 1, 2, 127, 128, 255, 256, 1000, 123456, 999999999, 60000000000ull};
    for (uint64_t v : values) w.record(v, v % 7 + 1);
    w.record(5000, 3);
    w.record(5001, 2);  // same bucket as 5000
    model::HdrDecoded d = HdrHistogram::decode(w.encode());
    if (!tap::check(bool(d), "writer output decodes")) {
        tap::diag(d.error);
        return;
    }
    const HdrHistogram& h = *d.histogram;
    HdrHistogram direct = w.histogram();
    tap::check_eq(h.count(), w.count(), "round trip keeps the total count");
    tap::check_eq(h.count(), direct.count(), "histogram() has the same total");
    tap::check(h.recorded() == direct.recorded(), "round trip keeps every bucket");
    tap::check_eq(h.min(), 0u, "value 0 is the min");
    tap::check_eq(h.max(), h.layout().highest_equivalent(60000000000ull), "max is the top bucket's highest value");
    tap::check_eq(h.layout().highest(), 60000000000ull, "header keeps the highest trackable value");
    bool found = false;
    for (const auto& e : h.recorded())
        if (e.value == h.layout().highest_equivalent(5000)) found = e.count == 5;
    tap::check(found, "values in one bucket add up");
}

static void big_counts() {
    HdrWriter w(1, 1000, 1);
    uint64_t big = uint64_t(INT64_MAX);
    tap::check(w.record(3, big), "records a count of INT64_MAX");
    tap::check(!w.record(3, 1), "refuses to pass INT64_MAX in one bucket");
    std::string bytes = w.encode();
    tap::check_eq(bytes.size(), size_t(40 + 1 + 9), "a run of three empty buckets, then INT64_MAX in nine bytes");
    model::HdrDecoded d = HdrHistogram::decode(bytes);
    tap::check(d && d.histogram->count() == big, "and decodes back");
}

static void limits() {
    HdrWriter w(1, 1000000, 2);
    tap::check(!w.record(uint64_t(1) << 40), "refuses a value beyond the trackable range");
    tap::check_eq(w.count(), 0u, "and counts nothing");
    model::HdrDecoded d = HdrHistogram::decode(w.encode());
    tap::check(d && d.histogram->count() == 0 && d.histogram->max() == 0, "an empty writer encodes an empty histogram");

    bool threw = false;
    try {
        HdrWriter bad(0, 100, 2);
    } catch (const std::invalid_argument&) {
        threw = true;
    }
    tap::check(threw, "lowest 0 is rejected");
    threw = false;
    try {
        HdrWriter bad(1, 100, 6);
    } catch (const std::invalid_argument&) {
        threw = true;
    }
    tap::check(threw, "six significant figures are rejected");

    HdrWriter one(1, 1000, 2);
    one.record(1);
    one.record(3);  // index 2 stays empty: one zero, written as 0
    std::string bytes = one.encode();
    tap::check(bytes.substr(40) == std::string("\x00\x02\x00\x02", 4),
               "a single empty bucket is written as a zero count");
}

int main() {
    re_encodes_fixtures();
    records_single_value();
    round_trip();
    big_counts();
    limits();
    return tap::done();
}
