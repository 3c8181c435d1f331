#include "tui/task_list.h"

#include <algorithm>
#include <string>
#include <vector>

#include "tui/format.h"
#include "tui/glyphs.h"
#include "tui/table.h"
#include "tui/terminal.h"

namespace tui {

using model::TaskColumn;

namespace {

struct RowText {
    std::string cells[model::kTaskColumnCount];
    Style styles[model::kTaskColumnCount] = {};
    bool done = false;
};

RowText row_text(const model::Task& t, const model::Model& m, model::Nanos now, const DrawOptions& o) {
    RowText r;
    const auto& s = m.strings();
    int nwarn = __builtin_popcount(t.warnings);
    if (nwarn) {
        r.cells[0] = std::string(glyphs(o.ascii).warn) + " " + std::to_string(nwarn);
        r.styles[0] = Style::Warn;
    }
    r.cells[1] = std::to_string(t.id);
    r.cells[2] = state_glyph(t.state(), o.ascii);
    r.styles[2] = t.state() == model::TaskState::Running ? Style::Ok : Style::Normal;
    r.cells[3] = std::string(s.get(t.name));
    model::Nanos d[4] = {t.total(now), t.busy(now), t.scheduled(now), t.idle(now)};
    for (int i = 0; i < 4; i++) {
        Duration f = format_duration(d[i], 0, o.ascii);
        r.cells[4 + i] = f.text;
        r.styles[4 + i] = o.duration_colors ? f.style : Style::Normal;
    }
    r.cells[8] = std::to_string(t.stats.polls);
    r.cells[9] = std::string(s.get(t.kind));
    r.cells[10] = std::string(s.get(t.location));
    std::string fields;
    for (const auto& f : t.fields) {
        if (!fields.empty()) fields += ' ';
        fields += model::format_field(f, s);
    }
    if (!fields.empty()) fields += ' ';
    fields += "target=" + std::string(s.get(t.target));
    r.cells[11] = fields;
    r.done = t.completed();
    if (r.done && o.terminated_colors)
        for (auto& st : r.styles) st = Style::Dim;
    return r;
}

}  // namespace

void TaskList::draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now,
                    const DrawOptions& o) {
    const auto& tasks = m.tasks();
    const auto& s = m.strings();
    if (height <= 0) return;
    int y = y0;

    // Title: counts by state.
    auto counts = tasks.count_by_state();
    std::string title = "Tasks (" + std::to_string(tasks.size()) + ") ";
    int x = c.text(0, y, title, Style::Title);
    const char* names[4] = {"Running", "Scheduled", "Idle", "Done"};
    for (int st = 0; st < 4; st++) {
        std::string part = std::string(state_glyph(static_cast<model::TaskState>(st), o.ascii)) + " " +
                           names[st] + " (" + std::to_string(counts[st]) + ")  ";
        x += c.text(x, y, part, Style::Normal);
    }
    y++;

    // Warnings summary, one line per lint that fires.
    auto lints = tasks.count_by_lint();
    for (int l = 0; l < model::kLintCount && y < y0 + height - 2; l++) {
        if (!lints[l]) continue;
        std::string line = std::string(glyphs(o.ascii).warn) + " " +
                           model::lint_summary(static_cast<model::Lint>(l), lints[l], m.lint_config());
        c.text(1, y++, line, Style::Warn);
    }

    int header_y = y++;
    page_ = std::max(1, y0 + height - y);
    rows_y_ = y;

    // Keep the selection on its task; find where that task now ranks.
    long total = static_cast<long>(tasks.size());
    if (selected_span_ && !follow_rank_) {
        long r = model::task_rank(tasks, s, sort_, descending_, now, selected_span_);
        if (r >= 0) rank_ = r;
    }
    follow_rank_ = false;
    rank_ = std::clamp(rank_, 0L, std::max(0L, total - 1));
    if (rank_ < top_) top_ = rank_;
    if (rank_ >= top_ + page_) top_ = rank_ - page_ + 1;
    top_ = std::clamp(top_, 0L, std::max(0L, total - page_));

    model::TaskWindow w = model::task_window(tasks, s, sort_, descending_, now, top_, page_);
    std::vector<RowText> rows;
    rows.reserve(w.rows.size());
    for (uint32_t r : w.rows) rows.push_back(row_text(tasks.row(r), m, now, o));
    if (!w.rows.empty()) {
        long sel = rank_ - static_cast<long>(w.first);
        if (sel >= 0 && sel < static_cast<long>(w.rows.size())) selected_span_ = tasks.row(w.rows[sel]).span_id;
    } else {
        selected_span_ = 0;
    }

    // Column widths from what is on screen.
    std::vector<Column> cols(model::kTaskColumnCount);
    static const int priority[model::kTaskColumnCount] = {5, 10, 9, 8, 9, 7, 6, 6, 7, 3, 4, 2};
    for (int i = 0; i < model::kTaskColumnCount; i++) {
        cols[i].title = model::task_column_name(static_cast<TaskColumn>(i));
        cols[i].priority = priority[i];
        int want = 0;
        for (const RowText& r : rows) want = std::max(want, display_width(r.cells[i], o.ascii));
        cols[i].want = want + 1;
        cols[i].min = cols[i].want;
    }
    for (int i : {4, 5, 6, 7}) { cols[i].right = true; cols[i].want = std::max(cols[i].want, 7); }
    cols[8].right = true;
    cols[3].min = std::min(cols[3].want, 12);   // names and locations shrink
    cols[10].min = std::min(cols[10].want, 16); // before anything drops
    cols[11].min = std::min(cols[11].want, 10);
    layout(cols, c.width());
    draw_header_row(c, header_y, cols, static_cast<int>(sort_), descending_);

    rows_drawn_ = static_cast<long>(rows.size());
    for (size_t i = 0; i < rows.size(); i++) {
        int ry = rows_y_ + static_cast<int>(i);
        for (int k = 0; k < model::kTaskColumnCount; k++) {
            const Column& col = cols[k];
            if (!col.width) continue;
            if (col.right) c.text_right(col.x, ry, col.width - 1, rows[i].cells[k], rows[i].styles[k]);
            else c.text(col.x, ry, rows[i].cells[k], rows[i].styles[k], col.width);
        }
        if (static_cast<long>(w.first + i) == rank_) c.restyle(0, ry, c.width(), Style::Selected);
    }
    if (tasks.size() == 0)
        c.text(1, rows_y_, "No tasks yet.", Style::Dim);
}

void TaskList::move_to(long rank, const model::Model& m, model::Nanos now) {
    long total = static_cast<long>(m.tasks().size());
    rank_ = std::clamp(rank, 0L, std::max(0L, total - 1));
    model::TaskWindow w = model::task_window(m.tasks(), m.strings(), sort_, descending_, now, rank_, 1);
    if (!w.rows.empty()) selected_span_ = m.tasks().row(w.rows[0]).span_id;
}

bool TaskList::handle_key(int key, const model::Model& m, model::Nanos now) {
    bool was_g = pending_g_;
    pending_g_ = false;
    switch (key) {
    case KeyUp: case 'k': move_to(rank_ - 1, m, now); return true;
    case KeyDown: case 'j': move_to(rank_ + 1, m, now); return true;
    case KeyMouseWheelUp: move_to(rank_ - 3, m, now); return true;
    case KeyMouseWheelDown: move_to(rank_ + 3, m, now); return true;
    case KeyPageUp: move_to(rank_ - page_, m, now); return true;
    case KeyPageDown: move_to(rank_ + page_, m, now); return true;
    case KeyHome: move_to(0, m, now); return true;
    case KeyEnd: case 'G': move_to(static_cast<long>(m.tasks().size()) - 1, m, now); return true;
    case 'g':
        if (was_g) move_to(0, m, now);
        else pending_g_ = true;
        return true;
    case KeyLeft: case 'h':
        sort_ = static_cast<TaskColumn>((static_cast<int>(sort_) + model::kTaskColumnCount - 1) % model::kTaskColumnCount);
        return true;
    case KeyRight: case 'l':
        sort_ = static_cast<TaskColumn>((static_cast<int>(sort_) + 1) % model::kTaskColumnCount);
        return true;
    case 'i': descending_ = !descending_; return true;
    }
    return false;
}

void TaskList::click(int y) {
    long row = y - rows_y_;
    if (row < 0 || row >= rows_drawn_) return;
    rank_ = top_ + row;
    follow_rank_ = true;
}

}  // namespace tui
