// Metric families as Prometheus and OpenMetrics expose them: a name, a
// type, a help line and samples with labels.  Plain data, built by
// lib/exporter/collect and written by lib/exporter/exposition.
//
// A counter's family name has no `_total`; its samples add it (the text
// format 0.0.4 names the family with it, OpenMetrics without).  A
// histogram's samples are its `_bucket` (with `le`), `_sum` and `_count`.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace exporter {

enum class MetricType { Gauge, Counter, Histogram };

using Labels = std::vector<std::pair<std::string, std::string>>;

struct Sample {
    std::string suffix;  // "", "_total", "_bucket", "_sum", "_count"
    Labels labels;
    double value = 0;
};

struct Family {
    std::string name;
    MetricType type = MetricType::Gauge;
    std::string help;
    std::vector<Sample> samples;
};

// The families of one scrape, in the order they are written.
class Families {
public:
    // The family `name`, made with `type` and `help` on first use.
    Family& get(const std::string& name, MetricType type, const std::string& help);
    void gauge(const std::string& name, const std::string& help, Labels labels, double value);
    void counter(const std::string& name, const std::string& help, Labels labels, double value);
    const std::vector<Family>& all() const { return families_; }

private:
    std::vector<Family> families_;
};

// A sample value or bound as both formats read it: the shortest text that
// reads back to the same double ("2.5e-06", "42"), "+Inf", "-Inf", "NaN".
std::string format_number(double v);

// The fixed histogram buckets, upper bounds in seconds: 1 µs to 10 s in
// steps of 1, 2.5 and 5; +Inf comes after them.
const std::vector<double>& duration_buckets();

// One histogram: counts per bucket of duration_buckets() (not cumulative;
// the last slot is above the last bound), the sum in seconds and the count.
struct Histogram {
    std::vector<double> counts;
    double sum = 0;
    double count = 0;

    Histogram();
    void add(const Histogram& o);
    // The histogram's samples (cumulative buckets, _sum, _count).
    void write(Family& f, const Labels& labels) const;
};

}  // namespace exporter
