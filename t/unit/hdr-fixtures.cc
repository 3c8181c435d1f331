// Every HdrHistogram fixture decodes to exactly the values its JSON lists:
// parameters, total count, min, max, mean, percentiles and each recorded
// (value, count) pair.
#include <cstdio>
#include <string>

#include "model/hdr_histogram.h"
#include "t/unit/hdr-fixture.h"
#include "t/unit/tap.h"

using model::HdrHistogram;

static std::string fmt_double(double d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

static void check_fixture(const fixture::Hdr& f) {
    const std::string n = f.name + ": ";
    if (!tap::check(f.json_ok, n + "expected values parse")) return;
    const fixture::Json& e = f.expect;
    model::HdrDecoded d = HdrHistogram::decode(f.bytes);
    if (!tap::check(bool(d), n + "decodes")) {
        tap::diag(d.error);
        return;
    }
    const HdrHistogram& h = *d.histogram;
    tap::check_eq(h.layout().lowest(), e.get("lowest_discernible")->u64(), n + "lowest trackable value");
    tap::check_eq(h.layout().highest(), e.get("highest_trackable")->u64(), n + "highest trackable value");
    tap::check_eq(h.layout().sigfigs(), e.get("significant_figures")->u64(), n + "significant figures");
    tap::check_eq(h.count(), e.get("total_count")->u64(), n + "total count");
    tap::check_eq(h.min(), e.get("min")->u64(), n + "min");
    tap::check_eq(h.max(), e.get("max")->u64(), n + "max");
    tap::check_eq(fmt_double(h.mean()), fmt_double(e.get("mean")->f64()), n + "mean");

    const fixture::Json* pct = e.get("percentiles");
    bool all = pct && !pct->members.empty();
    for (const auto& [key, want] : pct ? pct->members : decltype(pct->members){}) {
        double p = std::strtod(key.c_str(), nullptr);
        uint64_t got = h.value_at_percentile(p);
        if (got != want.u64()) {
            all = false;
            tap::diag(n + "p" + key + ": got " + std::to_string(got) + ", want " + want.text);
        }
    }
    tap::check(all, n + "every percentile");

    const fixture::Json* rec = e.get("recorded");
    std::vector<model::HdrEntry> got = h.recorded();
    bool same = rec && rec->items.size() == got.size();
    for (size_t i = 0; same && i < got.size(); i++) {
        const fixture::Json& pair = rec->items[i];
        same = pair.items.size() == 2 && pair.items[0].u64() == got[i].value && pair.items[1].u64() == got[i].count;
        if (!same)
            tap::diag(n + "entry " + std::to_string(i) + ": got [" + std::to_string(got[i].value) + ", " +
                      std::to_string(got[i].count) + "]");
    }
    tap::check(same, n + "every recorded (value, count) pair (" + std::to_string(got.size()) + ")");

    uint64_t sum = 0;
    for (const auto& entry : got) sum += entry.count;
    tap::check_eq(sum, h.count(), n + "recorded counts add up to the total");
}

int main() {
    if (!fixture::have_fixtures("hdr")) return tap::done();
    std::vector<fixture::Hdr> all = fixture::load_hdr_fixtures();
    tap::check(all.size() >= 8, "fixtures found in " + (fixture::shared_dir() / "fixtures/hdr").string());
    for (const auto& f : all) check_fixture(f);
    return tap::done();
}
