// The exposition writers (lib/exporter/exposition.h): the text format
// 0.0.4 and OpenMetrics 1.0, escaping, numbers, the Accept header, and
// histograms' cumulative buckets.
#include <string>

#include "exporter/exposition.h"
#include "exporter/metric.h"
#include "t/unit/tap.h"

using namespace exporter;

namespace {

bool has(const std::string& text, const std::string& line) {
    return text.find(line) != std::string::npos;
}

void test_escaping() {
    tap::check_eq(escape_label_value("a\\b\"c\nd"), std::string("a\\\\b\\\"c\\nd"), "label values escape \\ \" and newline");
    tap::check_eq(escape_label_value("src/main.rs:12:5"), std::string("src/main.rs:12:5"), "a location stays as it is");
    tap::check_eq(escape_label_value("\xc3\xa9t\xe9"), std::string("\xc3\xa9t\xef\xbf\xbd"),
                  "bytes that are not UTF-8 become U+FFFD");
    tap::check_eq(escape_help("a\\b\n\"q\"", Format::Text004), std::string("a\\\\b\\n\"q\""),
                  "help text 0.0.4: backslash and newline");
    tap::check_eq(escape_help("\"q\"", Format::OpenMetrics), std::string("\\\"q\\\""),
                  "help text OpenMetrics: the quote too");
}

void test_numbers() {
    tap::check_eq(format_number(42), std::string("42"), "whole numbers without a point");
    tap::check_eq(format_number(2.5e-6), std::string("2.5e-06"), "the shortest text that reads back");
    tap::check_eq(format_number(0.1), std::string("0.1"), "0.1");
    tap::check_eq(format_number(1.0 / 0.0), std::string("+Inf"), "+Inf");
    tap::check_eq(format_number(0.0 / 0.0), std::string("NaN"), "NaN");
}

void test_accept() {
    tap::check(format_for_accept("") == Format::Text004, "no Accept: text 0.0.4");
    tap::check(format_for_accept("text/plain;version=0.0.4;q=0.5,*/*;q=0.1") == Format::Text004, "text/plain");
    tap::check(format_for_accept("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                                 "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1") ==
                   Format::OpenMetrics,
               "Prometheus's own header: OpenMetrics");
    tap::check(format_for_accept("application/openmetrics-text;q=0") == Format::Text004, "q=0 refuses it");
    tap::check(format_for_accept("text/plain, application/openmetrics-text;q=0.3") == Format::Text004,
               "a higher q for text/plain wins");
    tap::check(has(content_type(Format::OpenMetrics), "application/openmetrics-text; version=1.0.0"),
               "the OpenMetrics content type");
}

Families sample_families() {
    Families f;
    f.gauge("tokio_console_tasks", "Tasks.", {{"app", "a\"b"}, {"state", "idle"}}, 3);
    f.counter("tokio_console_task_polls", "Polls.", {{"app", "x"}}, 12);
    Histogram h;
    h.counts[0] = 1;  // <= 1 us
    h.counts[9] = 2;  // <= 1 ms
    h.counts.back() = 1;
    h.count = 4;
    h.sum = 11.5;
    h.write(f.get("tokio_console_task_poll_duration_seconds", MetricType::Histogram, "Poll times."), {{"app", "x"}});
    return f;
}

void test_text() {
    std::string t = write_text(sample_families().all());
    tap::check(has(t, "# HELP tokio_console_tasks Tasks.\n# TYPE tokio_console_tasks gauge\n"), "gauge HELP and TYPE");
    tap::check(has(t, "tokio_console_tasks{app=\"a\\\"b\",state=\"idle\"} 3\n"), "a gauge sample, its label escaped");
    tap::check(has(t, "# TYPE tokio_console_task_polls_total counter\n"), "0.0.4 names a counter with _total");
    tap::check(has(t, "tokio_console_task_polls_total{app=\"x\"} 12\n"), "the counter's sample");
    tap::check(has(t, "tokio_console_task_poll_duration_seconds_bucket{app=\"x\",le=\"1e-06\"} 1\n"),
               "the first bucket");
    tap::check(has(t, "tokio_console_task_poll_duration_seconds_bucket{app=\"x\",le=\"0.001\"} 3\n"),
               "buckets are cumulative");
    tap::check(has(t, "tokio_console_task_poll_duration_seconds_bucket{app=\"x\",le=\"10\"} 3\n"), "le=10");
    tap::check(has(t, "tokio_console_task_poll_duration_seconds_bucket{app=\"x\",le=\"+Inf\"} 4\n"), "+Inf has all");
    tap::check(has(t, "tokio_console_task_poll_duration_seconds_sum{app=\"x\"} 11.5\n") &&
                   has(t, "tokio_console_task_poll_duration_seconds_count{app=\"x\"} 4\n"),
               "_sum and _count");
    tap::check(!has(t, "# EOF"), "no # EOF in 0.0.4");
    tap::check_eq(duration_buckets().size(), size_t(22), "22 bounds from 1 us to 10 s");
}

void test_openmetrics() {
    std::string t = write_openmetrics(sample_families().all());
    tap::check(has(t, "# TYPE tokio_console_task_polls counter\n"), "OpenMetrics names a counter without _total");
    tap::check(has(t, "tokio_console_task_polls_total{app=\"x\"} 12\n"), "its sample has _total");
    tap::check(t.size() > 6 && t.compare(t.size() - 6, 6, "# EOF\n") == 0, "ends with # EOF");
}

}  // namespace

int main() {
    test_escaping();
    test_numbers();
    test_accept();
    test_text();
    test_openmetrics();
    return tap::done();
}
