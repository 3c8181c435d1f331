// TaskDetails messages become the numbers the task view shows: both forms of
// the poll-time histogram, the scheduled-time histogram, max_value and the
// outliers, percentiles and chart bars; bad histograms become an error.
#include <string>

#include "model/hdr_writer.h"
#include "model/task_details.h"
#include "t/unit/hdr-fixture.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console::tasks;
using model::TaskDetails;

static std::string poll_bytes() {
    model::HdrWriter w(1, 1000000000, 2);  // as console-subscriber records polls
    for (uint64_t v = 1000; v <= 100000; v += 1000) w.record(v);
    w.record(1000000000, 3);  // three outliers, clamped to max_value
    return w.encode();
}

static void duration_form() {
    pb::TaskDetails m;
    m.mutable_task_id()->set_id(42);
    m.mutable_now()->set_seconds(7);
    pb::DurationHistogram* h = m.mutable_histogram();
    h->set_raw_histogram(poll_bytes());
    h->set_max_value(1000000000);
    h->set_high_outliers(3);
    h->set_highest_outlier(2500000000);

    TaskDetails d = TaskDetails::from_proto(m);
    tap::check(d.has_task_id && d.task_id == 42, "task id");
    tap::check_eq(d.now, model::Nanos(7000000000), "server time");
    const model::DurationStats& p = d.poll_times;
    tap::check(p.present && p.ok() && p.error.empty(), "poll times decode");
    tap::check_eq(p.count, 103u, "poll count");
    tap::check_eq(p.max_value, 1000000000u, "max_value");
    tap::check_eq(p.high_outliers, 3u, "high outliers");
    tap::check(p.highest_outlier == 2500000000u, "highest outlier");
    tap::check_eq(p.min, 1000u, "min is the lowest bucket's lowest value");
    tap::check_eq(p.max, p.histogram->layout().highest_equivalent(1000000000), "max reaches the clamped outliers");
    tap::check_eq(p.at(50), p.histogram->value_at_percentile(50), "p50 from the histogram");
    tap::check_eq(p.at(50), 52223u, "p50 is the top of the bucket of the 52nd value, 52000");
    tap::check_eq(p.at(99), 1002438655u, "p99 lands on the outliers");
    bool ordered = true;
    for (size_t i = 1; i < p.percentiles.size(); i++) ordered = ordered && p.percentiles[i - 1] <= p.percentiles[i];
    tap::check(ordered, "percentiles rise");
    std::vector<uint64_t> bars = p.chart(50);
    uint64_t sum = 0;
    for (uint64_t b : bars) sum += b;
    tap::check(bars.size() <= 51 && sum == 103 && bars.back() == 3, "chart bars hold every poll, outliers last");
    tap::check(!d.scheduled_times.present && !d.scheduled_times.ok(), "no scheduled times when not sent");
    tap::check(d.scheduled_times.chart(50).empty(), "and no bars for them");
}

static void legacy_form() {
    pb::TaskDetails m;
    m.set_legacy_histogram(poll_bytes());
    TaskDetails d = TaskDetails::from_proto(m);
    tap::check(!d.has_task_id, "no task id when not sent");
    tap::check(d.poll_times.ok() && d.poll_times.count == 103, "the legacy histogram decodes");
    tap::check(d.poll_times.max_value == 0 && d.poll_times.high_outliers == 0 && !d.poll_times.highest_outlier,
               "the legacy form has no max_value or outliers");
}

static void scheduled_from_fixture() {
    if (!fixture::have_fixtures("hdr")) return;
    for (const auto& f : fixture::load_hdr_fixtures()) {
        if (f.name != "lognormal" || !f.json_ok) continue;
        pb::TaskDetails m;
        m.mutable_scheduled_times_histogram()->set_raw_histogram(f.bytes);
        TaskDetails d = TaskDetails::from_proto(m);
        const model::DurationStats& s = d.scheduled_times;
        tap::check(s.ok(), "scheduled times decode");
        const fixture::Json* pct = f.expect.get("percentiles");
        bool same = true;
        for (double p : model::DurationStats::kPercentiles) {
            char key[16];
            std::snprintf(key, sizeof key, "%.1f", p);
            same = same && pct->get(key) && pct->get(key)->u64() == s.at(p);
        }
        tap::check(same, "scheduled percentiles match the fixture");
        tap::check(s.min == f.expect.get("min")->u64() && s.max == f.expect.get("max")->u64(),
                   "scheduled min and max match the fixture");
        tap::check(!d.poll_times.present, "no poll times when not sent");
    }
}

static void broken() {
    pb::TaskDetails m;
    m.mutable_histogram()->set_raw_histogram(poll_bytes().substr(0, 45));
    m.mutable_scheduled_times_histogram()->set_raw_histogram("garbage");
    TaskDetails d = TaskDetails::from_proto(m);
    tap::check(d.poll_times.present && !d.poll_times.ok() && !d.poll_times.error.empty(),
               "a truncated poll histogram is an error");
    tap::check(d.poll_times.percentiles == std::array<uint64_t, 7>{} && d.poll_times.max == 0, "with no numbers");
    tap::check(d.scheduled_times.error.find("cookie") != std::string::npos, "garbage is named by its cookie");

    pb::TaskDetails empty_hist;
    empty_hist.mutable_histogram();  // present, but no bytes
    TaskDetails e = TaskDetails::from_proto(empty_hist);
    tap::check(e.poll_times.present && !e.poll_times.ok(), "an empty DurationHistogram is an error, not a crash");
}

int main() {
    duration_form();
    legacy_form();
    scheduled_from_fixture();
    broken();
    return tap::done();
}
