#include "tui/table.h"
#include "tui/glyphs.h"

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
            if (c.width) {
                w += c.width;
                n++;
            }
        return w + (n ? n - 1 : 0);
    };
    // First shrink what can shrink, the widest first, levelling them down
    // together so that one huge column cannot starve the others.
    while (used() > total) {
        int top = 0, next = 0, n = 0;
        for (const Column& c : cols)
            if (c.width > c.min) top = std::max(top, c.width);
        if (!top) break;
        for (const Column& c : cols) {
            if (c.width > c.min && c.width == top)
                n++;
            else if (c.width > c.min)
                next = std::max(next, c.width);
        }
        int excess = used() - total;
        int cut = std::min(top - next, (excess + n - 1) / n);
        for (Column& c : cols)
            if (c.width > c.min && c.width == top) c.width = std::max(c.min, c.width - cut);
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
    Column* last = nullptr;
    for (Column& c : cols) {
        if (!c.width) continue;
        c.x = x;
        if (x + c.width > total) c.width = std::max(0, total - x);
        x += c.width + 1;
        last = &c;
    }
    // The last column takes the room that is left.
    if (last && last->x + last->width < total) last->width = total - last->x;
}

void draw_header_row(Canvas& c, int y, const std::vector<Column>& cols, int sorted, bool descending) {
    for (size_t i = 0; i < cols.size(); i++) {
        const Column& col = cols[i];
        if (!col.width) continue;
        std::string title = col.title;
        Style st = Style::Header;
        if (static_cast<int>(i) == sorted) {
            title += descending ? glyphs(c.ascii()).sort_descending : glyphs(c.ascii()).sort_ascending;
            st = Style::HeaderSorted;
        }
        if (col.right)
            c.text_right(col.x, y, col.width, title, st);
        else
            c.text(col.x, y, title, st, col.width);
    }
}

}  // namespace tui
