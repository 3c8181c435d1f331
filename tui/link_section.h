// A titled section of lines in a details view, each leading to another
// view, one of them selected: the task view's "Waits on" (to resources)
// and the resource view's "Held by / waiting" (to tasks).  A line too
// wide for the screen breaks after its "; " onto a second row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tui/keys.h"
#include "view/canvas.h"

namespace tui {

struct LinkLine {
    std::string text;
    uint64_t target = 0;  // span id the line leads to; 0: none
    view::Style style = view::Style::Normal;
};

class LinkSection {
public:
    // Draws the title and as many lines as fit in `max_rows` rows from
    // row y, scrolled to the selection, which shows when `focused`;
    // returns the rows used.
    int draw(view::Canvas& c, int y, int max_rows, const std::string& title, const std::vector<LinkLine>& lines,
             bool focused);
    // Up and Down move the selection among `count` lines; false for
    // other commands.
    bool act(Cmd c, size_t count);
    // The target of the selected line, 0 when none.
    uint64_t selected(const std::vector<LinkLine>& lines) const;
    // Back to the first line (another task or resource is shown).
    void reset() { sel_ = top_ = 0; }

private:
    size_t sel_ = 0;
    size_t top_ = 0;
};

}  // namespace tui
