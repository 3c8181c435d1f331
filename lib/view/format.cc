#include "view/format.h"

#include <algorithm>

#include "util/duration.h"

namespace view {

Duration format_duration(int64_t ns, int precision, bool ascii) {
    util::DurationUnit unit;
    std::string text = util::format_duration(ns, precision, ascii, &unit);
    // DurNs..DurD follow the units in order.
    return {std::move(text), static_cast<Style>(static_cast<int>(Style::DurNs) + static_cast<int>(unit))};
}

void field_spans(std::vector<Span>& out, std::string_view kv, std::string_view unit) {
    size_t eq = kv.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        out.push_back({std::string(kv), Style::Normal});
    } else {
        out.push_back({std::string(kv.substr(0, eq)), Style::FieldKey});
        out.push_back({"=", Style::FieldDelim});
        out.push_back({std::string(kv.substr(eq + 1)), Style::FieldValue});
    }
    if (!unit.empty()) out.push_back({std::string(unit), Style::FieldUnit});
}

int draw_field(Canvas& c, int x, int y, std::string_view kv, int max_width, std::string_view unit) {
    std::vector<Span> pieces;
    field_spans(pieces, kv, unit);
    return c.spans(x, y, pieces, max_width);
}

std::string format_count(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); i++) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace view
