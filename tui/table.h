// Laying out a table's columns in the width there is: each column wants a
// width; when they do not all fit, the columns of lowest priority go first
// and the last flexible column takes what is left.
#pragma once

#include <string>
#include <vector>

#include "tui/canvas.h"

namespace tui {

struct Column {
    std::string title;
    int want = 0;          // width its content wants (at least the title's)
    int min = 0;           // narrowest useful width; below it the column drops
    int priority = 0;      // higher stays longer
    bool right = false;    // right-aligned
    int x = 0, width = 0;  // filled by layout(); width 0: not shown
};

// Places the columns left to right with one space between them.  A column
// wider than the room left is cut to it (its text ends in an ellipsis).
void layout(std::vector<Column>& cols, int total_width);

// The header row: titles, the sorted column marked.
void draw_header_row(Canvas& c, int y, const std::vector<Column>& cols, int sorted, bool descending);

}  // namespace tui
