// The task list view: a title with counts by state, the warnings summary,
// and the table of tasks, sorted by a chosen column.  The selection
// follows a task (by span id), not a row, when the rows re-sort.
#pragma once

#include <cstdint>

#include "model/model.h"
#include "model/task_order.h"
#include "tui/canvas.h"

namespace tui {

struct DrawOptions {
    bool ascii = false;
    bool duration_colors = true;
    bool terminated_colors = true;
};

class TaskList {
public:
    void draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, const DrawOptions& o);
    // Sort and movement keys; returns false for keys it does not use.
    bool handle_key(int key, const model::Model& m, model::Nanos now);
    // Selects the row under a click at screen row y.
    void click(int y);
    uint64_t selected() const { return selected_span_; }
    model::TaskColumn sort_column() const { return sort_; }

private:
    void move_to(long rank, const model::Model& m, model::Nanos now);

    model::TaskColumn sort_ = model::TaskColumn::Total;
    bool descending_ = true;
    uint64_t selected_span_ = 0;
    long rank_ = 0;
    long top_ = 0;
    int page_ = 10;
    int rows_y_ = 0;  // screen row of the first table row
    long rows_drawn_ = 0;
    bool pending_g_ = false;
    bool follow_rank_ = false;  // the selected task went away: keep the rank
};

}  // namespace tui
