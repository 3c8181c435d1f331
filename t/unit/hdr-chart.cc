// Chart buckets: linear_buckets agrees with a step-by-step model of
// HdrHistogram's linear iteration, and chart_buckets gives tokio-console's
// bars for a chart of a given width.
#include <random>
#include <string>
#include <vector>

#include "model/hdr_histogram.h"
#include "model/hdr_writer.h"
#include "t/unit/hdr-fixture.h"
#include "t/unit/tap.h"

using model::HdrHistogram;

// HdrHistogram's linear iterator, walked index by index over a dense counts
// array, with the leading empty steps dropped afterwards.
static std::vector<uint64_t> reference(const HdrHistogram& h, uint64_t step) {
    const model::HdrLayout& l = h.layout();
    std::vector<uint64_t> dense(l.length());
    for (const auto& s : h.slots()) dense[s.index] = s.count;
    long max_index = long(l.index_for(h.max()));
    uint64_t high = step - 1, low = l.lowest_equivalent(high), since = 0;
    size_t cur = 0;
    long last_picked = -1;
    bool fresh = true;
    std::vector<uint64_t> out;
    while (cur < dense.size()) {
        if (last_picked >= max_index) {
            if (!(high < l.value_for(cur + 1))) break;
        } else if (fresh) {
            since += dense[cur];
            fresh = false;
        }
        if (l.value_for(cur) >= low || cur == dense.size() - 1) {
            out.push_back(since);
            since = 0;
            high += step;
            low = l.lowest_equivalent(high);
            last_picked = long(cur);
            continue;
        }
        cur++;
        fresh = true;
    }
    size_t first = 0;
    while (first < out.size() && out[first] == 0) first++;
    return std::vector<uint64_t>(out.begin() + long(first), out.end());
}

static std::string show(const std::vector<uint64_t>& v) {
    std::string s;
    for (uint64_t x : v) s += (s.empty() ? "" : " ") + std::to_string(x);
    return s;
}

static void random_histograms() {
    std::mt19937_64 rng(7);
    int agree = 0, total = 0;
    std::string first_failure;
    for (int round = 0; round < 300; round++) {
        int sigfigs = int(rng() % 3);
        model::HdrWriter w(1, 2000000, sigfigs);
        int n = int(rng() % 50);
        uint64_t base = rng() % 100000, spread = 1 + rng() % 1000000;
        for (int i = 0; i < n; i++) w.record(base + rng() % spread, 1 + rng() % 5);
        HdrHistogram h = w.histogram();
        uint64_t steps[] = {1 + rng() % 64, 1 + rng() % 5000, 1 + rng() % 200000};
        for (uint64_t step : steps) {
            total++;
            std::vector<uint64_t> got = h.linear_buckets(step, SIZE_MAX), want = reference(h, step);
            if (got == want)
                agree++;
            else if (first_failure.empty())
                first_failure = "step " + std::to_string(step) + ": got " + show(got) + "; want " + show(want);
        }
    }
    if (!tap::check(agree == total, "linear buckets follow HdrHistogram's iteration (" + std::to_string(agree) +
                                        " of " + std::to_string(total) + ")"))
        tap::diag(first_failure);
}

static void fixtures_charts() {
    if (!fixture::have_fixtures("hdr")) return;
    for (const auto& f : fixture::load_hdr_fixtures()) {
        model::HdrDecoded d = HdrHistogram::decode(f.bytes);
        if (!d) continue;
        const HdrHistogram& h = *d.histogram;
        bool ok = true;
        for (unsigned width : {1u, 7u, 40u, 117u}) {
            uint64_t span = h.max() - h.min();
            uint64_t step = (span + width - 1) / width + 1;
            std::vector<uint64_t> got = h.chart_buckets(width);
            uint64_t sum = 0;
            for (uint64_t c : got) sum += c;
            if (got != reference(h, step) || got.size() > width + 1 || sum != h.count()) {
                ok = false;
                tap::diag(f.name + " width " + std::to_string(width) + ": " + show(got));
            }
        }
        tap::check(ok, f.name + ": chart bars at widths 1, 7, 40, 117 hold every count, at most width + 1");
    }
}

static void small_cases() {
    model::HdrWriter w(1, 1000, 2);
    w.record(10, 2);
    w.record(19, 3);
    w.record(30, 1);
    HdrHistogram h = w.histogram();
    // Steps of 10 from 0: [10, 20) has 5, [20, 30) none, [30, 40) one.
    tap::check_eq(show(h.linear_buckets(10, 100)), std::string("5 0 1"), "steps of 10");
    tap::check_eq(show(h.linear_buckets(10, 2)), std::string("5 0"), "the limit cuts the tail");
    // span 20 over 4 columns: steps of 6 -> [6,12) 2, [12,18) 0, [18,24) 3, [24,30) 0, [30,36) 1
    tap::check_eq(show(h.chart_buckets(4)), std::string("2 0 3 0 1"), "a chart four columns wide");
    tap::check(h.chart_buckets(0).empty(), "no columns, no bars");
    tap::check(h.linear_buckets(0, 10).empty(), "a step of 0 gives nothing");
    tap::check(HdrHistogram(h.layout()).chart_buckets(40).empty(), "an empty histogram has no bars");

    model::HdrWriter far(1, 1000000000, 2);
    far.record(900000000, 4);
    HdrHistogram one = far.histogram();
    std::vector<uint64_t> bars = one.chart_buckets(80);
    tap::check(!bars.empty() && bars.size() <= 81 && bars[0] == 4,
               "one value far from 0 makes a chart without leading empty steps");
}

int main() {
    small_cases();
    random_histograms();
    fixtures_charts();
    return tap::done();
}
