// What the grouped task list keeps of the grouping from frame to frame
// (tui/grouped_tasks.h works it out and reads it).
#pragma once

#include <cstdint>
#include <optional>

#include "model/task_groups.h"

namespace tui {

// The grouping as last worked out, which the task list keeps from frame to
// frame.  It is grouped again only when the model's generation, the rows
// the filter keeps or the grouping change, or when the clock leaves the
// span where the groups' sums grow steadily (GroupTotals::until); within
// it the sums are brought up to the clock once a second
// (TaskOutline::advance), not on every frame or key.  It is put in order
// again when the sort column, the direction or the open groups change,
// and once a second when sorted by a time, which grows with the clock.
struct OutlineCache {
    std::optional<model::TaskOutline> outline;
    uint64_t generation = 0;  // what it was grouped for
    uint64_t rows = 0;        // FilteredList::stamp()
    model::GroupBy by = model::GroupBy::None;
    int64_t second = 0;  // of the clock its sums are at
    bool ordered = false;
    int column = 0;  // what it was put in order for
    bool descending = false;
    uint64_t open_version = 0;
    int64_t order_second = 0;
    uint64_t builds = 0, orders = 0;  // passes so far (tests)
};

}  // namespace tui
