// Every glyph the views draw, with its ASCII form: one table, chosen once
// from the terminal's charset (Canvas::ascii()).
#pragma once

#include "model/task.h"

namespace view {

struct Glyphs {
    const char* state[4];  // running, scheduled, idle, done
    const char* warn;
    const char* pub;  // resource visibility
    const char* internal;
    const char* sort_ascending;  // after the sorted column's title
    const char* sort_descending;
    char32_t ellipsis;  // where text is cut
    // Eighths of a cell, from empty to full: histograms and sparklines.
    const char* bars[9];
    const char* keys_sideways;  // the arrow keys, in the controls line
    const char* keys_updown;
    const char* match;  // marks a row a search matches
    // Frames, one column each: top left, across, top right, down, bottom
    // right, bottom left.
    const char* frame[6];
    // The grouped task list: a closed and an open group, the dash
    // between a group's size and its counts.
    const char* group_closed;
    const char* group_open;
    const char* dash;
    const char* blocked;  // a task idle on a resource too long (state column)
};

const Glyphs& glyphs(bool ascii);
inline const char* state_glyph(model::TaskState s, bool ascii) {
    return glyphs(ascii).state[static_cast<int>(s)];
}

}  // namespace view
