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

namespace {

// The column of the task field of this name (lib/view/task_fields.cc).
int col(const char* name) {
    return find_field(task_fields(), name)->column;
}

}  // namespace

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
    return model::filter_tasks(f, m_.tasks(), m_.strings(), now_);
}

uint64_t TaskSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                bool forward) const {
    return model::task_next_match(m_.tasks(), m_.strings(), static_cast<TaskColumn>(column), descending, now_, from,
                                  matches, forward);
}

ListRow TaskSource::row(uint32_t index) const {
    const model::Task& t = m_.tasks().row(index);
    const auto& s = m_.strings();
    static const int warn = col("warnings"), id = col("id"), state = col("state"), name = col("name"),
                     polls = col("polls"), kind = col("kind"), location = col("location"), fields_col = col("fields");
    static const int times[4] = {col("total_ns"), col("busy_ns"), col("sched_ns"), col("idle_ns")};
    size_t ncols = columns().size();
    ListRow r;
    r.cells.resize(ncols);
    r.styles.assign(ncols, Style::Normal);
    int nwarn = __builtin_popcount(t.warnings);
    if (nwarn) {
        r.cells[warn] = std::string(glyphs(o_.ascii).warn) + " " + std::to_string(nwarn);
        r.styles[warn] = Style::Warn;
    }
    r.cells[id] = std::to_string(t.id);
    r.cells[state] = state_glyph(t.state(), o_.ascii);
    if (t.state() == model::TaskState::Running) r.styles[state] = Style::Ok;
    if (task_blocked(m_, t.span_id, now_, o_)) {
        r.cells[state] = glyphs(o_.ascii).blocked;
        r.styles[state] = Style::Warn;
    }
    r.cells[name] = std::string(s.get(t.name));
    model::Nanos d[4] = {t.total(now_), t.busy(now_), t.scheduled(now_), t.idle(now_)};
    for (int i = 0; i < 4; i++) {
        Duration f = format_duration(d[i], 0, o_.ascii);
        r.cells[times[i]] = f.text;
        if (o_.duration_colors) r.styles[times[i]] = f.style;
    }
    r.cells[polls] = std::to_string(t.stats.polls);
    r.cells[kind] = std::string(s.get(t.kind));
    r.cells[location] = std::string(s.get(t.location));
    std::string fields;
    r.spans.resize(ncols);
    std::vector<Span>& pieces = r.spans[fields_col];
    for (const auto& f : t.fields) {
        std::string kv = model::format_field(f, s);
        fields += kv + ' ';
        field_spans(pieces, kv);
        pieces.push_back({" ", Style::Normal});
    }
    std::string target = "target=" + std::string(s.get(t.target));
    r.cells[fields_col] = fields + target;
    field_spans(pieces, target);
    if (t.completed() && o_.terminated_colors) {
        r.styles.assign(ncols, Style::Dim);
        r.spans.clear();
    }
    return r;
}

bool task_blocked(const model::Model& m, uint64_t task_span, model::Nanos now, const DrawOptions& o) {
    const model::Task* t = m.tasks().find(task_span);
    if (!t || t->state() != model::TaskState::Idle) return false;
    for (const model::Wait& w : model::waits_of_task(m, task_span))
        if (model::blocked(m, w, now, o.blocked_after)) return true;
    return false;
}

}  // namespace view
