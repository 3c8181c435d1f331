// The order of the task list: by any column, stable (ties by id), either
// direction.  Only the window on screen is put in full order, so that a
// million tasks need no full sort per frame.
#pragma once

#include <cstdint>
#include <vector>

#include "model/task_table.h"

namespace model {

enum class TaskColumn : uint8_t { Warn, Id, State, Name, Total, Busy, Sched, Idle, Polls, Kind, Location, Fields };
constexpr int kTaskColumnCount = 12;
const char* task_column_name(TaskColumn c);

struct TaskWindow {
    std::vector<uint32_t> rows;  // row indices into the TaskTable, in order
    size_t first = 0;            // rank of rows[0]
    size_t total = 0;            // tasks in all
};

// The key the order sorts row `row` by (a text column: its string's rank).
uint64_t task_sort_key(const TaskTable& tasks, const StringPool& strings, TaskColumn column, Nanos now, size_t row);

// Ranks [first, first+count) of the tasks sorted by `column`, highest
// first when `descending`.  Times are taken at server time `now`.  With
// `only` (rows, as a filter keeps them), among those rows alone.
TaskWindow task_window(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending, Nanos now,
                       size_t first, size_t count, const std::vector<uint32_t>* only = nullptr);

// The rank of the task with this span id in that order; -1 if none (or
// not among `only`).
long task_rank(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending, Nanos now,
               uint64_t span_id, const std::vector<uint32_t>* only = nullptr);

// For search (keep every row, jump between matches): the span id of the
// first task among `matches` that comes after the task `from_span` in
// that order (before it, unless `forward`), wrapping around; from the
// top (bottom) when `from_span` is unknown.  0 when `matches` is empty.
uint64_t task_next_match(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending,
                         Nanos now, uint64_t from_span, const std::vector<uint32_t>& matches, bool forward);

}  // namespace model
