#include "tui/table.h"

#include <algorithm>

namespace tui {

void layout(std::vector<Column>& cols, int total) {
    for (Column& c : cols) {
        c.want = std::max<int>(c.want, display_width(c.title, true) + 1);
        c.min = std::min(std::max(c.min, 1), c.want);
        c.width = c.want;
    }
    auto used = [&] {
        int w = 0, n = 0;
        for (const Column& c : cols)
            if (c.width) { w += c.width; n++; }
        return w + (n ? n - 1 : 0);
    };
    // First shrink what can shrink, widest first, down to its minimum.
    while (used() > total) {
        Column* widest = nullptr;
        for (Column& c : cols)
            if (c.width > c.min && (!widest || c.width > widest->width)) widest = &c;
        if (!widest) break;
        widest->width = std::max(widest->min, widest->width - (used() - total));
    }
    // Then drop columns, lowest priority first (the rightmost among equals).
    while (used() > total) {
        Column* victim = nullptr;
        for (Column& c : cols)
            if (c.width && (!victim || c.priority <= victim->priority)) victim = &c;
        if (!victim) break;
        victim->width = 0;
    }
    int x = 0;
    for (Column& c : cols) {
        if (!c.width) continue;
        c.x = x;
        if (x + c.width > total) c.width = std::max(0, total - x);
        x += c.width + 1;
    }
}

void draw_header_row(Canvas& c, int y, const std::vector<Column>& cols, int sorted, bool descending) {
    for (size_t i = 0; i < cols.size(); i++) {
        const Column& col = cols[i];
        if (!col.width) continue;
        std::string title = col.title;
        Style st = Style::Header;
        if (static_cast<int>(i) == sorted) {
            title += c.ascii() ? (descending ? "v" : "^") : (descending ? "\u25bf" : "\u25b5");
            st = Style::HeaderSorted;
        }
        if (col.right) c.text_right(col.x, y, col.width, title, st);
        else c.text(col.x, y, title, st, col.width);
    }
}

}  // namespace tui
