#include "tui/task_list.h"

#include <algorithm>
#include <string>

#include "model/filter.h"

#include "model/task_order.h"
#include "tui/grouped_tasks.h"
#include "tui/terminal.h"
#include "view/format.h"
#include "view/glyphs.h"

namespace tui {

using view::Canvas;
using view::DrawOptions;
using view::format_count;
using view::glyphs;
using view::ModelListSource;
using view::state_glyph;
using view::Style;
using view::TaskSource;

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
