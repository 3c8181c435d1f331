// Text forms of durations and counts as the console shows them, with the
// style that colours a duration by its unit.
#pragma once

#include <cstdint>
#include <string>

#include "tui/canvas.h"

namespace tui {

struct Duration {
    std::string text;
    Style style;
};

// 12ns, 450µs (450us in ASCII), 3.25ms with `precision` decimals, then
// 1m05s, 2h03m, 1d04h, 120d for long spans.
Duration format_duration(int64_t ns, int precision, bool ascii);

// "12,345": a count with its thousands marked.
std::string format_count(uint64_t n);

}  // namespace tui
