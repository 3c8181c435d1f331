// The task list view: a title with counts by state, the warnings summary,
// and the table of tasks (sorted by Total, highest first, to begin with).
#pragma once

#include <cstdint>

#include "model/model.h"
#include "model/task_groups.h"
#include "model/task_order.h"
#include "tui/filtered_list.h"
#include "tui/keys.h"
#include "tui/list_view.h"
#include "tui/outline_cache.h"
#include "tui/wait_lines.h"
#include "view/canvas.h"
#include "view/draw_options.h"
#include "view/model_source.h"
#include "view/task_source.h"

namespace tui {

// A view over one model table: keys, clicks and the selection go to its
// list and filter line through a Source made for the moment.
template <class Source>
class ModelList {
public:
    ModelList(int sort_column, bool descending, model::FilterTable table) : view_(sort_column, descending, table) {}
    // A command of the list or its filter line (`k`: the key, the
    // mouse's row); false when it does not apply.
    bool act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, const view::DrawOptions& o) {
        if (c == Cmd::Click) {
            view_.click(k.mouse_y);
            return true;
        }
        Source src(m, now, o);
        view_.attach(src);
        return view_.act(c, k.key, src);
    }
    // Enter, when the selected row does something with it other than
    // open its details (ToggleGroup); false otherwise.
    bool enter(const model::Model&, model::Nanos, const view::DrawOptions&) { return false; }
    void click(int y) { view_.click(y); }
    uint64_t selected() const { return view_.selected(); }
    FilteredList& view() { return view_; }
    const FilteredList& view() const { return view_; }

protected:
    FilteredList view_;
};

class GroupedTaskSource;

// The task list, flat or grouped (grouped_tasks.h): Group moves on to the
// next grouping; on a group's row Enter, Expand/Collapse and the arrows
// right and left open and close it, ToggleAll opens every group or closes
// them all (keys::groups).
class TaskList : public ModelList<view::TaskSource> {
public:
    TaskList() : ModelList(static_cast<int>(model::TaskColumn::Total), true, model::FilterTable::Tasks) {}
    bool act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, const view::DrawOptions& o);
    bool enter(const model::Model& m, model::Nanos now, const view::DrawOptions& o);
    void draw(view::Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, const view::DrawOptions& o);
    void group_by(model::GroupBy g) { by_ = g; }
    model::GroupBy grouping() const { return by_; }
    // Passes so far (tests): of the filter over the tasks, of grouping
    // them, of putting the groups in order.
    uint64_t filter_passes() const { return view_.passes(); }
    uint64_t group_passes() const { return groups_.builds; }
    uint64_t order_passes() const { return groups_.orders; }

private:
    bool group_command(Cmd c, GroupedTaskSource& src);
    void draw_list(view::Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, view::ModelListSource& src,
                   std::string title, const view::DrawOptions& o);

    model::GroupBy by_ = model::GroupBy::None;
    model::Expansion open_;
    OutlineCache groups_;
    WaitLines waits_;
};

}  // namespace tui
