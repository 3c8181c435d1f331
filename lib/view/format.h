// Text forms of durations and counts as the console shows them, with the
// style that colours a duration by its unit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "view/canvas.h"

namespace view {

struct Duration {
    std::string text;
    Style style;
};

// util::format_duration's text, with the style of its unit.
Duration format_duration(int64_t ns, int precision, bool ascii);

// "12,345": a count with its thousands marked.
std::string format_count(uint64_t n);

// "key=value" in the pieces upstream colours: the key, the "=", the value,
// and an attribute's unit; appended to `out`.
void field_spans(std::vector<Span>& out, std::string_view key_value, std::string_view unit = {});
// Draws them; returns the columns used, at most max_width (-1: to the edge).
int draw_field(Canvas& c, int x, int y, std::string_view key_value, int max_width = -1, std::string_view unit = {});

}  // namespace view
