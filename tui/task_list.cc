#include "tui/task_list.h"

#include <algorithm>
#include <array>
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

bool TaskList::act(Cmd c, const KeyEvent& k, const Apps& apps, const DrawOptions& o) {
    bool several = apps.size() > 1;
    if (c == Cmd::Group) {
        // Several applications: none, by app, then by app and each grouping.
        if (several && by_ == model::GroupBy::None && !by_app_) {
            by_app_ = true;
            return true;
        }
        by_ = model::next_group_by(by_);
        by_app_ = several && by_ != model::GroupBy::None;
        return true;
    }
    if (!grouped(apps) || c == Cmd::Click) return ModelList::act(c, k, apps, o);
    AppSources s = grouped_sources(apps, o);
    view_.attach(s.source());
    bool group = c == Cmd::Expand || c == Cmd::ExpandArrow || c == Cmd::Collapse || c == Cmd::CollapseArrow ||
                 c == Cmd::ToggleAll;
    if (!group) return view_.act(c, k.key, s.source());
    if (view::MergedSource* merged = s.merged()) return app_group_command(c, *merged);
    auto& src = static_cast<GroupedTaskSource&>(s.source());
    return group_command(c, src, open_, view_.selected(), [&](uint64_t key) { view_.select(key, src); });
}

// The grouped list: one application's GroupedTaskSource, or with several
// a header row for each and under it its tasks, or its own groups.
AppSources TaskList::grouped_sources(const Apps& apps, const DrawOptions& o) {
    fit_columns(apps.size() > 1);
    int column = view_.sort_column();
    bool descending = view_.descending();
    if (apps.size() == 1)
        return AppSources(apps, view::task_fields(), o, merged_, [&](const App& a) {
            return std::make_unique<GroupedTaskSource>(*a.model, a.now, o, by_, open_, column, descending, groups_);
        });
    int member_column = column > 0 ? column - 1 : static_cast<int>(model::TaskColumn::Id);
    auto make = [&](const App& a) -> std::unique_ptr<ModelListSource> {
        if (by_ == model::GroupBy::None) return std::make_unique<TaskSource>(*a.model, a.now, o);
        AppGroups& g = app_groups_[a.slot];
        return std::make_unique<GroupedTaskSource>(*a.model, a.now, o, by_, g.open, member_column, descending, g.cache);
    };
    return AppSources(apps, view::task_fields(), o, merged_, make, true,
                      [this](uint32_t slot) { return shut_apps_.count(slot) > 0; });
}

// Opening and closing groups.  The arrows right and left do so only on a
// row that opens: elsewhere they choose the sort column, as upstream's do.
bool TaskList::group_command(Cmd c, GroupedTaskSource& src, model::Expansion& open, uint64_t sel,
                             const std::function<void(uint64_t)>& select) {
    bool opens = src.opens(sel);
    switch (c) {
    case Cmd::Expand:
    case Cmd::ExpandArrow:
        if (!opens) return c == Cmd::Expand;
        open.set(sel, true);
        return true;
    case Cmd::Collapse:
    case Cmd::CollapseArrow:
        if (opens && open.open(sel)) {
            open.set(sel, false);
            return true;
        }
        if (c == Cmd::CollapseArrow) return opens;  // a closed group's row: nothing to do
        // On a task in a group, or under a parent: close that and stand on it.
        if (uint64_t up = src.parent_key(sel)) {
            open.set(up, false);
            select(up);
        }
        return true;
    case Cmd::ToggleAll: {
        // Closing them all moves the selection to its top-level line.
        uint64_t to = sel;
        if (open.all_open())
            for (uint64_t up = src.parent_key(to); up; up = src.parent_key(up)) to = up;
        open.toggle_all();
        if (to != sel) select(to);
        return true;
    }
    default: return false;
    }
}

// The same with several applications: on an application's header row,
// or within its own groups.  ToggleAll opens every application and its
// groups, or closes the groups of each.
bool TaskList::app_group_command(Cmd c, view::MergedSource& src) {
    auto at = src.locate(view_.selected());
    if (!at) return c == Cmd::Expand || c == Cmd::Collapse || c == Cmd::ToggleAll;
    const view::MergedMember& m = src.member(at->member);
    bool header = at->key == 0;
    if (c == Cmd::ToggleAll) {
        bool all_open = shut_apps_.empty();
        shut_apps_.clear();
        if (by_ != model::GroupBy::None && all_open)
            for (size_t i = 0; i < src.members(); i++) app_groups_[src.member(i).slot].open.toggle_all();
        return true;
    }
    bool shut = shut_apps_.count(m.slot) > 0;
    if (header) {
        if (c == Cmd::Expand || c == Cmd::ExpandArrow) shut_apps_.erase(m.slot);
        if (c == Cmd::Collapse || c == Cmd::CollapseArrow) shut_apps_.insert(m.slot);
        return c == Cmd::Expand || c == Cmd::Collapse || (c == Cmd::ExpandArrow ? shut : !shut);
    }
    uint32_t slot = m.slot;
    auto select = [&](uint64_t key) { view_.select(view::merged_key(slot, key), src); };
    if (by_ != model::GroupBy::None) {
        auto& inner = static_cast<GroupedTaskSource&>(*m.source);
        if (group_command(c, inner, app_groups_[slot].open, at->key, select)) return true;
        if (c != Cmd::Collapse || inner.parent_key(at->key)) return false;
    } else if (c != Cmd::Collapse) {
        return c == Cmd::Expand;
    }
    // Collapse at an application's top level closes the application.
    shut_apps_.insert(slot);
    view_.select(view::app_header_key(slot), src);
    return true;
}

bool TaskList::enter(const Apps& apps, const DrawOptions& o) {
    uint64_t sel = view_.selected();
    if (apps.size() > 1) {
        if (!grouped(apps)) return false;
        AppSources s = grouped_sources(apps, o);
        view_.attach(s.source());
        auto at = s.merged()->locate(sel);
        if (!at) return false;
        uint32_t slot = s.merged()->member(at->member).slot;
        if (!at->key) {
            if (!shut_apps_.erase(slot)) shut_apps_.insert(slot);
            return true;
        }
        if (by_ == model::GroupBy::None || by_ == model::GroupBy::Parent || !(at->key >> 63)) return false;
        auto& inner = static_cast<GroupedTaskSource&>(*s.merged()->member(at->member).source);
        if (!inner.opens(at->key)) return false;
        app_groups_[slot].open.toggle(at->key);
        return true;
    }
    // A group's row (not a task's in the tree, whose Enter opens its details).
    if (by_ == model::GroupBy::None || by_ == model::GroupBy::Parent || !(sel >> 63)) return false;
    AppSources s = grouped_sources(apps, o);
    view_.attach(s.source());
    auto& src = static_cast<GroupedTaskSource&>(s.source());
    if (!src.opens(sel)) return false;
    open_.toggle(sel);
    return true;
}

std::optional<Picked> TaskList::picked(const Apps& apps, const DrawOptions& o) {
    if (!grouped(apps)) return ModelList::picked(apps, o);
    AppSources s = grouped_sources(apps, o);
    view_.attach(s.source());
    std::optional<Picked> p = s.pick(apps, view_.selected());
    if (p && (p->key >> 63)) p->key = 0;  // a group's row: no task, but its application
    return p;
}

// "by location, 3 groups", "as a tree, 12 at the top"; with several
// applications "by app, 3 apps" or "by app, then by location".
std::string TaskList::grouping_words(ModelListSource& src, bool several) const {
    if (several) {
        if (by_ == model::GroupBy::None) return "by app";
        return by_ == model::GroupBy::Parent ? "by app, then as a tree"
                                             : std::string("by app, then by ") + model::group_by_name(by_);
    }
    auto& g = static_cast<GroupedTaskSource&>(src);
    size_t n = g.top_level();
    return by_ == model::GroupBy::Parent ? "as a tree, " + format_count(n) + " at the top"
                                         : std::string("by ") + model::group_by_name(by_) + ", " + format_count(n) +
                                               (n == 1 ? " group" : " groups");
}

void TaskList::draw(Canvas& c, int y0, int height, const Apps& apps, const DrawOptions& o) {
    if (height <= 0) return;
    if (!grouped(apps)) {
        AppSources s = sources(apps, o);
        view_.attach(s.source());
        draw_list(c, y0, height, apps, s.source(), view_.title("Tasks", s.source()), o);
        return;
    }
    AppSources s = grouped_sources(apps, o);
    view_.attach(s.source());
    std::string how = grouping_words(s.source(), apps.size() > 1);
    draw_list(c, y0, height, apps, s.source(), view_.title("Tasks", s.source()) + " " + how, o);
}

void TaskList::draw_list(Canvas& c, int y0, int height, const Apps& apps, ModelListSource& src, std::string title,
                         const DrawOptions& o) {
    int y = y0;
    // The counts of every application shown.
    std::array<uint64_t, 4> counts{};
    std::array<uint64_t, model::kLintCount> lints{};
    for (const App& a : apps) {
        auto by_state = a.model->tasks().count_by_state();
        for (size_t st = 0; st < counts.size(); st++) counts[st] += by_state[st];
        auto by_lint = a.model->tasks().count_by_lint();
        for (size_t l = 0; l < lints.size(); l++) lints[l] += by_lint[l];
    }
    int x = c.text(0, y, title + "  ", Style::Title);
    const char* names[4] = {"Running", "Scheduled", "Idle", "Done"};
    for (int st = 0; st < 4; st++)
        x += c.text(x, y,
                    std::string(state_glyph(static_cast<model::TaskState>(st), o.ascii)) + " " + names[st] + " (" +
                        format_count(counts[st]) + ")  ");
    y++;
    // The warnings summary, one line per lint that fires.
    const model::Model& first = *apps.front().model;
    for (int l = 0; l < model::kLintCount && y < y0 + height - 2; l++) {
        if (!lints[l]) continue;
        c.text(1, y++,
               std::string(glyphs(o.ascii).warn) + " " +
                   model::lint_summary(static_cast<model::Lint>(l), lints[l], first.lint_config(), o.ascii),
               Style::Warn);
    }
    // Lock cycles and crowded resources, leaving the table most of the room;
    // with several applications, each one's, named.
    int room = std::min(y0 + height - 2 - y, std::max(1, height / 5));
    if (apps.size() == 1) {
        y += waits_.draw(c, y, room, first, apps.front().now, o);
    } else {
        for (const App& a : apps) {
            int used = app_waits_[a.slot].draw(c, y, room, *a.model, a.now, o, a.name);
            y += used;
            room -= used;
        }
    }
    view_.draw(c, y, y0 + height - y, src, "No tasks yet.");
}

}  // namespace tui
