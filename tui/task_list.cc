#include "tui/task_list.h"

#include <algorithm>
#include <string>

#include "model/filter.h"

#include "model/task_order.h"
#include "tui/format.h"
#include "tui/grouped_tasks.h"
#include "tui/glyphs.h"
#include "tui/terminal.h"
#include "view/fields.h"

namespace tui {

using model::TaskColumn;

namespace {

// The column of the task field of this name (lib/view/task_fields.cc).
int col(const char* name) {
    return view::find_field(view::task_fields(), name)->column;
}

}  // namespace

const std::vector<ListColumn>& TaskSource::columns() const {
    static const std::vector<ListColumn> cols = [] {
        std::vector<ListColumn> out;
        for (const view::Field* f : view::columns(view::task_fields()))
            out.push_back({f->title, f->priority, f->right, f->min_width});
        return out;
    }();
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

bool TaskList::act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, const DrawOptions& o) {
    if (c == Cmd::Group) {
        by_ = model::next_group_by(by_);
        return true;
    }
    if (by_ == model::GroupBy::None || c == Cmd::Click) return ModelList::act(c, k, m, now, o);
    GroupedTaskSource src(m, now, o, by_, open_, view_.sort_column(), view_.descending(), groups_);
    view_.attach(src);
    switch (c) {
    case Cmd::Expand:
    case Cmd::ExpandArrow:
    case Cmd::Collapse:
    case Cmd::CollapseArrow:
    case Cmd::ToggleAll: return group_command(c, src);
    default: return view_.act(c, k.key, src);
    }
}

// Opening and closing groups.  The arrows right and left do so only on a
// row that opens: elsewhere they choose the sort column, as upstream's do.
bool TaskList::group_command(Cmd c, GroupedTaskSource& src) {
    uint64_t sel = view_.selected();
    bool opens = src.opens(sel);
    switch (c) {
    case Cmd::Expand:
    case Cmd::ExpandArrow:
        if (!opens) return c == Cmd::Expand;
        open_.set(sel, true);
        return true;
    case Cmd::Collapse:
    case Cmd::CollapseArrow:
        if (opens && open_.open(sel)) {
            open_.set(sel, false);
            return true;
        }
        if (c == Cmd::CollapseArrow) return opens;  // a closed group's row: nothing to do
        // On a task in a group, or under a parent: close that and stand on it.
        if (uint64_t up = src.parent_key(sel)) {
            open_.set(up, false);
            view_.select(up, src);
        }
        return true;
    case Cmd::ToggleAll: {
        // Closing them all moves the selection to its top-level line.
        if (open_.all_open())
            for (uint64_t up = src.parent_key(sel); up; up = src.parent_key(up)) sel = up;
        open_.toggle_all();
        if (sel != view_.selected()) view_.select(sel, src);
        return true;
    }
    default: return false;
    }
}

bool TaskList::enter(const model::Model& m, model::Nanos now, const DrawOptions& o) {
    uint64_t sel = view_.selected();
    // A group's row (not a task's in the tree, whose Enter opens its details).
    if (by_ == model::GroupBy::None || by_ == model::GroupBy::Parent || !(sel >> 63)) return false;
    GroupedTaskSource src(m, now, o, by_, open_, view_.sort_column(), view_.descending(), groups_);
    view_.attach(src);
    if (!src.opens(sel)) return false;
    open_.toggle(sel);
    return true;
}

void TaskList::draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, const DrawOptions& o) {
    if (height <= 0) return;
    if (by_ == model::GroupBy::None) {
        TaskSource src(m, now, o);
        view_.attach(src);
        draw_list(c, y0, height, m, now, src, view_.title("Tasks", src), o);
        return;
    }
    GroupedTaskSource src(m, now, o, by_, open_, view_.sort_column(), view_.descending(), groups_);
    view_.attach(src);
    size_t n = src.top_level();
    std::string how = by_ == model::GroupBy::Parent ? "as a tree, " + format_count(n) + " at the top"
                                                    : std::string("by ") + model::group_by_name(by_) + ", " +
                                                          format_count(n) + (n == 1 ? " group" : " groups");
    draw_list(c, y0, height, m, now, src, view_.title("Tasks", src) + " " + how, o);
}

void TaskList::draw_list(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, ModelListSource& src,
                         std::string title, const DrawOptions& o) {
    const auto& tasks = m.tasks();
    int y = y0;
    auto counts = tasks.count_by_state();
    int x = c.text(0, y, title + "  ", Style::Title);
    const char* names[4] = {"Running", "Scheduled", "Idle", "Done"};
    for (int st = 0; st < 4; st++)
        x += c.text(x, y,
                    std::string(state_glyph(static_cast<model::TaskState>(st), o.ascii)) + " " + names[st] + " (" +
                        format_count(counts[st]) + ")  ");
    y++;
    // The warnings summary, one line per lint that fires.
    auto lints = tasks.count_by_lint();
    for (int l = 0; l < model::kLintCount && y < y0 + height - 2; l++) {
        if (!lints[l]) continue;
        c.text(1, y++,
               std::string(glyphs(o.ascii).warn) + " " +
                   model::lint_summary(static_cast<model::Lint>(l), lints[l], m.lint_config(), o.ascii),
               Style::Warn);
    }
    // Lock cycles and crowded resources, leaving the table most of the room.
    y += waits_.draw(c, y, std::min(y0 + height - 2 - y, std::max(1, height / 5)), m, now, o);
    view_.draw(c, y, y0 + height - y, src, "No tasks yet.");
}

}  // namespace tui
