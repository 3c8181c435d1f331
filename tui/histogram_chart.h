// A histogram drawn as vertical bars with min and max labels under it, and
// a percentile list beside it: the poll-time and scheduled-time panels of
// the task view.
#pragma once

#include "model/task_details.h"
#include "view/canvas.h"

namespace tui {

// Draws `stats` into the box (x, y, w, h): percentiles on the left, bars on
// the right.  `title` names the panel ("Poll Times").
void draw_duration_panel(view::Canvas& c, int x, int y, int w, int h, const char* title,
                         const model::DurationStats& stats, bool duration_colors);

}  // namespace tui
