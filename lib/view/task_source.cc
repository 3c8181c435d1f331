#include "view/task_source.h"

#include <string>

#include "model/filter.h"
#include "model/task_order.h"
#include "model/waits.h"
#include "view/fields.h"
#include "view/format.h"
#include "view/glyphs.h"

namespace view {

using model::TaskColumn;

const std::vector<ListColumn>& TaskSource::columns() const {
    static const std::vector<ListColumn> cols = field_columns(task_fields());
    return cols;
}

std::vector<uint32_t> TaskSource::window(int column, bool descending, size_t& first, size_t count) const {
    model::TaskWindow w = model::task_window(m_.tasks(), m_.strings(), static_cast<TaskColumn>(column), descending,
                                             now_, first, count, only_);
    first = w.first;
    return std::move(w.rows);
}

bool TaskSource::reads_clock(int column) const {
    auto c = static_cast<TaskColumn>(column);
    return c == TaskColumn::Total || c == TaskColumn::Busy || c == TaskColumn::Sched || c == TaskColumn::Idle;
}

long TaskSource::rank(int column, bool descending, uint64_t key) const {
    return model::task_rank(m_.tasks(), m_.strings(), static_cast<TaskColumn>(column), descending, now_, key, only_);
}

std::vector<uint32_t> TaskSource::filter_rows(const model::Filter& f) const {
    return model::filter_tasks(f, m_.tasks(), m_.strings(), now_, app_);
}

uint64_t TaskSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                bool forward) const {
    return model::task_next_match(m_.tasks(), m_.strings(), static_cast<TaskColumn>(column), descending, now_, from,
                                  matches, forward);
}

ListRow TaskSource::row(uint32_t index) const {
    static const std::vector<const Field*> cols = view::columns(task_fields());
    return field_row(cols, cell_context(), index, m_.tasks().row(index).completed() && o_.terminated_colors);
}

bool task_blocked(const model::Model& m, uint64_t task_span, model::Nanos now, const DrawOptions& o) {
    const model::Task* t = m.tasks().find(task_span);
    if (!t || t->state() != model::TaskState::Idle) return false;
    for (const model::Wait& w : model::waits_of_task(m, task_span))
        if (model::blocked(m, w, now, o.blocked_after)) return true;
    return false;
}

}  // namespace view
