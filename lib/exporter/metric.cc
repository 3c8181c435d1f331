#include "exporter/metric.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace exporter {

Family& Families::get(const std::string& name, MetricType type, const std::string& help) {
    for (auto& f : families_)
        if (f.name == name) return f;
    families_.push_back(Family{name, type, help, {}});
    return families_.back();
}

void Families::gauge(const std::string& name, const std::string& help, Labels labels, double value) {
    get(name, MetricType::Gauge, help).samples.push_back(Sample{"", std::move(labels), value});
}

void Families::counter(const std::string& name, const std::string& help, Labels labels, double value) {
    get(name, MetricType::Counter, help).samples.push_back(Sample{"_total", std::move(labels), value});
}

std::string format_number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[32];
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (strtod(buf, nullptr) == v) break;
    }
    return buf;
}

const std::vector<double>& duration_buckets() {
    static const std::vector<double> b = [] {
        std::vector<double> v;
        double decade = 1e-6;
        for (int d = 0; d < 7; d++, decade *= 10)
            for (double step : {1.0, 2.5, 5.0}) v.push_back(step * decade);
        v.push_back(10);
        return v;
    }();
    return b;
}

Histogram::Histogram() : counts(duration_buckets().size() + 1, 0) {}

void Histogram::add(const Histogram& o) {
    for (size_t i = 0; i < counts.size(); i++) counts[i] += o.counts[i];
    sum += o.sum;
    count += o.count;
}

void Histogram::write(Family& f, const Labels& labels) const {
    const auto& bounds = duration_buckets();
    double running = 0;
    for (size_t i = 0; i <= bounds.size(); i++) {
        running += counts[i];
        Labels l = labels;
        l.emplace_back("le", i < bounds.size() ? format_number(bounds[i]) : "+Inf");
        f.samples.push_back(Sample{"_bucket", std::move(l), running});
    }
    f.samples.push_back(Sample{"_sum", labels, sum});
    f.samples.push_back(Sample{"_count", labels, count});
}

}  // namespace exporter
