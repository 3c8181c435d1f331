// The task details view: the task panel, the waker panel, its warnings in
// full sentences, poll-time and scheduled-time histograms (from the
// WatchTaskDetails stream) and its fields.
#pragma once

#include <cstdint>

#include "model/model.h"
#include "model/task_details.h"
#include "tui/canvas.h"
#include "tui/task_list.h"

namespace tui {

void draw_task_view(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
                    const model::TaskDetails* details, const DrawOptions& o);

}  // namespace tui
