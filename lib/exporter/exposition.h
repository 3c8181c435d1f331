// Writing metric families in the Prometheus text format 0.0.4 and in
// OpenMetrics 1.0, and choosing between them from a request's Accept
// header.  Label values and help text are escaped as each format says.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exporter/metric.h"

namespace exporter {

enum class Format { Text004, OpenMetrics };

extern const char* const kTextContentType;         // text/plain; version=0.0.4; charset=utf-8
extern const char* const kOpenMetricsContentType;  // application/openmetrics-text; version=1.0.0; ...

// OpenMetrics when the header names application/openmetrics-text with a
// q above 0 (and no higher q for text/plain); else the text format.
Format format_for_accept(std::string_view accept);
const char* content_type(Format f);

// A label value: backslash, double quote and newline escaped.
std::string escape_label_value(std::string_view v);
// Help text: backslash and newline escaped (OpenMetrics also the quote).
std::string escape_help(std::string_view v, Format f);

std::string write_text(const std::vector<Family>& families);
std::string write_openmetrics(const std::vector<Family>& families);
std::string write(const std::vector<Family>& families, Format f);

}  // namespace exporter
