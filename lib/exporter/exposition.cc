#include "exporter/exposition.h"

#include <cstdlib>

#include "util/text.h"

namespace exporter {

const char* const kTextContentType = "text/plain; version=0.0.4; charset=utf-8";
const char* const kOpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

namespace {

std::string trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return "";
    size_t e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

// One media range of an Accept header: its type and q (1 when not given).
void media_range(std::string_view range, std::string& type, double& q) {
    size_t semi = range.find(';');
    type = util::ascii_lower(trim(range.substr(0, semi)));
    q = 1;
    while (semi != std::string_view::npos) {
        size_t next = range.find(';', semi + 1);
        std::string param = trim(range.substr(semi + 1, next == std::string_view::npos ? next : next - semi - 1));
        if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
            q = strtod(param.c_str() + 2, nullptr);
        semi = next;
    }
}

const char* type_name(MetricType t) {
    switch (t) {
    case MetricType::Gauge: return "gauge";
    case MetricType::Counter: return "counter";
    case MetricType::Histogram: return "histogram";
    }
    return "untyped";
}

void write_sample(std::string& out, const Family& f, const Sample& s) {
    out += f.name;
    out += s.suffix;
    if (!s.labels.empty()) {
        out += '{';
        for (size_t i = 0; i < s.labels.size(); i++) {
            if (i) out += ',';
            out += s.labels[i].first;
            out += "=\"";
            out += escape_label_value(s.labels[i].second);
            out += '"';
        }
        out += '}';
    }
    out += ' ';
    out += format_number(s.value);
    out += '\n';
}

std::string write_families(const std::vector<Family>& families, Format format) {
    std::string out;
    out.reserve(4096);
    for (const Family& f : families) {
        // 0.0.4 names a counter's family with its samples' `_total`.
        std::string name = f.name;
        if (format == Format::Text004 && f.type == MetricType::Counter) name += "_total";
        out += "# HELP " + name + " " + escape_help(f.help, format) + "\n";
        out += "# TYPE " + name + " " + type_name(f.type) + "\n";
        for (const Sample& s : f.samples) write_sample(out, f, s);
    }
    if (format == Format::OpenMetrics) out += "# EOF\n";
    return out;
}

// The length of the valid UTF-8 sequence at v[i], 0 when it is not one.
size_t utf8_length(std::string_view v, size_t i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!n || i + n > v.size()) return 0;
    for (size_t k = 1; k < n; k++)
        if ((static_cast<unsigned char>(v[i + k]) & 0xc0) != 0x80) return 0;
    return n;
}

}  // namespace

Format format_for_accept(std::string_view accept) {
    double om = 0, text = 0;
    for (size_t at = 0; at <= accept.size();) {
        size_t comma = accept.find(',', at);
        if (comma == std::string_view::npos) comma = accept.size();
        std::string type;
        double q;
        media_range(accept.substr(at, comma - at), type, q);
        if (type == "application/openmetrics-text") om = std::max(om, q);
        if (type == "text/plain") text = std::max(text, q);
        at = comma + 1;
    }
    return om > 0 && om >= text ? Format::OpenMetrics : Format::Text004;
}

const char* content_type(Format f) {
    return f == Format::OpenMetrics ? kOpenMetricsContentType : kTextContentType;
}

// The application's strings may be any bytes; both formats want UTF-8.
std::string escape_label_value(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (size_t i = 0; i < v.size();) {
        size_t n = utf8_length(v, i);
        if (!n) {
            out += "\xef\xbf\xbd";  // U+FFFD
            i++;
            continue;
        }
        char c = v[i];
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out.append(v.data() + i, n);
        i += n;
    }
    return out;
}

std::string escape_help(std::string_view v, Format f) {
    std::string out;
    for (char c : v) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && f == Format::OpenMetrics)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

std::string write_text(const std::vector<Family>& families) {
    return write_families(families, Format::Text004);
}

std::string write_openmetrics(const std::vector<Family>& families) {
    return write_families(families, Format::OpenMetrics);
}

std::string write(const std::vector<Family>& families, Format f) {
    return write_families(families, f);
}

}  // namespace exporter
