#include "util/report.h"

#include <cstdio>
#include <string>

#include "util/text.h"

namespace util {

void report_error(std::string_view message, std::string_view hint) {
    // A newline in a peer's or a file's text must not split the line.
    std::string line = "error: " + escape_controls(message, Escape::Hex) + "\n";
    if (!hint.empty()) line += "hint: " + escape_controls(hint, Escape::Hex) + "\n";
    fputs(line.c_str(), stderr);
}

}  // namespace util
