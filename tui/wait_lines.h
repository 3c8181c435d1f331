// What the task list says about waits (model/wait_graph.h): a warning line
// per lock cycle, and a line per resource two or more tasks are blocked
// on.  The graph is built once per generation of the model (an update
// that changes what it holds), not per frame.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/model.h"
#include "model/wait_graph.h"
#include "tui/link_section.h"
#include "view/canvas.h"
#include "view/draw_options.h"

namespace tui {

class WaitLines {
public:
    // Tasks blocked on one resource before it gets a line.
    static constexpr size_t kCrowd = 2;

    // Draws at most `max_lines` lines from row y; returns how many.  With
    // several applications, each line names its own (`app`).
    int draw(view::Canvas& c, int y, int max_lines, const model::Model& m, model::Nanos now, const view::DrawOptions& o,
             std::string_view app = {});

private:
    const model::WaitGraph& graph(const model::Model& m);

    model::WaitGraph graph_;
    uint64_t generation_ = 0;  // the model's, when graph_ was built (0: never)
};

// The task view's "Waits on": a line per resource, leading to it.
std::vector<LinkLine> waits_on_lines(const model::Model& m, uint64_t task_span, model::Nanos now,
                                     const view::DrawOptions& o);
// The resource view's "Held by / waiting": what is known of the holder
// (a lock only), then a line per waiting task; each leads to its task.
std::vector<LinkLine> held_by_lines(const model::Model& m, uint64_t resource_span, model::Nanos now,
                                    const view::DrawOptions& o);

}  // namespace tui
