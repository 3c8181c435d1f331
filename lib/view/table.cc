#include "view/table.h"
#include "view/glyphs.h"

#include <algorithm>
#include <utility>

namespace view {

void layout(std::vector<Column>& cols, int total) {
    // A title is never cut, and the sorted column's marker needs one more
    // column: that is the floor of every column.
    for (Column& c : cols) {
        int title = display_width(c.title, true) + 1;
        c.want = std::max(c.want, title);
        c.min = std::clamp(c.min, title, c.want);
        c.width = c.want;
    }
    auto used = [&](bool at_min) {
        int w = 0, n = 0;
        for (const Column& c : cols)
            if (c.width) {
                w += at_min ? c.min : c.width;
                n++;
            }
        return w + (n ? n - 1 : 0);
    };
    // Drop columns until the rest fit at their narrowest: first those with
    // nothing to show, then the lowest priority (the rightmost among equals).
    while (used(true) > total) {
        Column* victim = nullptr;
        for (Column& c : cols) {
            if (!c.width) continue;
            auto rank = [](const Column& k) { return std::pair(k.filled ? 1 : 0, k.priority); };
            if (!victim || rank(c) <= rank(*victim)) victim = &c;
        }
        if (!victim || used(false) == victim->width) break;  // keep the last one
        victim->width = 0;
    }
    // Then shrink what can shrink, the widest first, levelling them down
    // together so that one huge column cannot starve the others.
    while (used(false) > total) {
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
        int excess = used(false) - total;
        int cut = std::min(top - next, (excess + n - 1) / n);
        for (Column& c : cols)
            if (c.width > c.min && c.width == top) c.width = std::max(c.min, c.width - cut);
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
    // The last column takes the room that is left, unless its text keeps
    // to the right edge of its content.
    if (last && !last->right && last->x + last->width < total) last->width = total - last->x;
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
        // A right-aligned title ends where its values do, one column
        // short of the edge: the sort marker's place, blank when unsorted.
        if (col.right)
            c.text_right(col.x, y, col.width - (static_cast<int>(i) == sorted ? 0 : 1), title, st);
        else
            c.text(col.x, y, title, st, col.width);
    }
}

}  // namespace view
