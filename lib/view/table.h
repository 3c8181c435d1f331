// Laying out a table's columns in the width there is: each column wants a
// width; when they do not all fit, whole columns go, the empty ones and then
// the lowest priority first, until the rest fit at their narrowest, and the
// widest of those shrink.  A title is never cut and the sort marker always
// has its column; the last column takes what is left.
#pragma once

#include <string>
#include <vector>

#include "view/canvas.h"

namespace view {

struct Column {
    std::string title;
    int want = 0;          // width its content wants (at least the title's)
    int min = 0;           // narrowest useful width; below it the column drops
    int need = 0;          // width of the widest lead cell (ListRow::lead)
    int priority = 0;      // higher stays longer
    bool right = false;    // right-aligned
    bool filled = false;   // some row has text in it
    int x = 0, width = 0;  // filled by layout(); width 0: not shown
};

// Places the columns left to right with one space between them.  Cells
// wider than their column are cut (their text ends in an ellipsis).
void layout(std::vector<Column>& cols, int total_width);

// The header row: titles, the sorted column marked.
void draw_header_row(Canvas& c, int y, const std::vector<Column>& cols, int sorted, bool descending);

}  // namespace view
