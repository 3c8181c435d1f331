#include "tui/format.h"

#include <algorithm>

#include "util/text.h"

namespace tui {

Duration format_duration(int64_t ns, int precision, bool ascii) {
    util::DurationUnit unit;
    std::string text = util::format_duration(ns, precision, ascii, &unit);
    // DurNs..DurD follow the units in order.
    return {std::move(text), static_cast<Style>(static_cast<int>(Style::DurNs) + static_cast<int>(unit))};
}

int draw_field(Canvas& c, int x, int y, const std::string& kv, int max_width) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) return c.text(x, y, kv, Style::Normal, max_width);
    auto room = [&](int used) { return max_width < 0 ? -1 : std::max(0, max_width - used); };
    int used = c.text(x, y, std::string_view(kv).substr(0, eq), Style::FieldKey, max_width);
    if (room(used) == 0) return used;
    used += c.text(x + used, y, "=", Style::FieldDelim, room(used));
    if (room(used) == 0) return used;
    return used + c.text(x + used, y, std::string_view(kv).substr(eq + 1), Style::FieldValue, room(used));
}

std::string format_count(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); i++) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace tui
