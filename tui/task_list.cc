#include "tui/task_list.h"

#include <string>

#include "model/filter.h"

#include "model/task_order.h"
#include "tui/format.h"
#include "tui/glyphs.h"

namespace tui {

using model::TaskColumn;

const std::vector<ListColumn>& TaskSource::columns() const {
    static const std::vector<ListColumn> cols = {
        // Priorities in the order the columns give way (README).
        {"Warn", 4, false, 0},  {"ID", 12, true, 0},   {"State", 10, false, 0},    {"Name", 9, false, 12},
        {"Total", 11, true, 0}, {"Busy", 8, true, 0},  {"Sched", 5, true, 0},      {"Idle", 6, true, 0},
        {"Polls", 7, true, 0},  {"Kind", 2, false, 0}, {"Location", 3, false, 16}, {"Fields", 1, false, 10},
    };
    return cols;
}

std::vector<uint32_t> TaskSource::window(int column, bool descending, size_t& first, size_t count) const {
    model::TaskWindow w = model::task_window(m_.tasks(), m_.strings(), static_cast<TaskColumn>(column), descending,
                                             now_, first, count, only_);
    first = w.first;
    return std::move(w.rows);
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
    ListRow r;
    r.cells.resize(model::kTaskColumnCount);
    r.styles.assign(model::kTaskColumnCount, Style::Normal);
    int nwarn = __builtin_popcount(t.warnings);
    if (nwarn) {
        r.cells[0] = std::string(glyphs(o_.ascii).warn) + " " + std::to_string(nwarn);
        r.styles[0] = Style::Warn;
    }
    r.cells[1] = std::to_string(t.id);
    r.cells[2] = state_glyph(t.state(), o_.ascii);
    if (t.state() == model::TaskState::Running) r.styles[2] = Style::Ok;
    r.cells[3] = std::string(s.get(t.name));
    model::Nanos d[4] = {t.total(now_), t.busy(now_), t.scheduled(now_), t.idle(now_)};
    for (int i = 0; i < 4; i++) {
        Duration f = format_duration(d[i], 0, o_.ascii);
        r.cells[4 + i] = f.text;
        if (o_.duration_colors) r.styles[4 + i] = f.style;
    }
    r.cells[8] = std::to_string(t.stats.polls);
    r.cells[9] = std::string(s.get(t.kind));
    r.cells[10] = std::string(s.get(t.location));
    std::string fields;
    r.spans.resize(model::kTaskColumnCount);
    std::vector<Span>& pieces = r.spans[11];
    for (const auto& f : t.fields) {
        std::string kv = model::format_field(f, s);
        fields += kv + ' ';
        field_spans(pieces, kv);
        pieces.push_back({" ", Style::Normal});
    }
    std::string target = "target=" + std::string(s.get(t.target));
    r.cells[11] = fields + target;
    field_spans(pieces, target);
    if (t.completed() && o_.terminated_colors) {
        r.styles.assign(model::kTaskColumnCount, Style::Dim);
        r.spans.clear();
    }
    return r;
}

void TaskList::draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, const DrawOptions& o) {
    if (height <= 0) return;
    const auto& tasks = m.tasks();
    int y = y0;
    TaskSource src(m, now, o);
    view_.attach(src);
    auto counts = tasks.count_by_state();
    int x = c.text(0, y, view_.title("Tasks", src) + "  ", Style::Title);
    const char* names[4] = {"Running", "Scheduled", "Idle", "Done"};
    for (int st = 0; st < 4; st++)
        x += c.text(x, y,
                    std::string(state_glyph(static_cast<model::TaskState>(st), o.ascii)) + " " + names[st] + " (" +
                        std::to_string(counts[st]) + ")  ");
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
    view_.draw(c, y, y0 + height - y, src, "No tasks yet.");
}

}  // namespace tui
