// The task details view: the task panel, the waker panel, its warnings in
// full sentences, what it waits on (`waits`: a line per resource, Enter
// opens it), poll-time and scheduled-time histograms (from the
// WatchTaskDetails stream) and its fields.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/model.h"
#include "model/task_details.h"
#include "tui/link_section.h"
#include "tui/task_list.h"
#include "view/canvas.h"

namespace tui {

void draw_task_view(view::Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
                    const model::TaskDetails* details, const view::DrawOptions& o, LinkSection& waits,
                    std::string_view id_prefix = {});

}  // namespace tui
