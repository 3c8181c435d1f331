// The task list view: a title with counts by state, the warnings summary,
// and the table of tasks (sorted by Total, highest first, to begin with).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>

#include "model/model.h"
#include "model/task_groups.h"
#include "model/task_order.h"
#include "tui/apps.h"
#include "tui/filtered_list.h"
#include "tui/keys.h"
#include "tui/list_view.h"
#include "tui/outline_cache.h"
#include "tui/wait_lines.h"
#include "view/canvas.h"
#include "view/draw_options.h"
#include "view/fields.h"
#include "view/merged_source.h"
#include "view/model_source.h"
#include "view/task_source.h"

namespace tui {

// A view over one model table, of one application or of several merged
// (tui/apps.h): keys, clicks and the selection go to its list and filter
// line through a Source made for the moment.
template <class Source>
class ModelList {
public:
    ModelList(int sort_column, bool descending, model::FilterTable table, std::span<const view::Field> fields)
        : view_(sort_column, descending, table), fields_(fields) {}
    // A command of the list or its filter line (`k`: the key, the
    // mouse's row); false when it does not apply.
    bool act(Cmd c, const KeyEvent& k, const Apps& apps, const view::DrawOptions& o) {
        if (c == Cmd::Click) {
            view_.click(k.mouse_y);
            return true;
        }
        AppSources s = sources(apps, o);
        view_.attach(s.source());
        return view_.act(c, k.key, s.source());
    }
    bool act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, const view::DrawOptions& o) {
        return act(c, k, one_app(m, now), o);
    }
    // Enter, when the selected row does something with it other than
    // open its details (ToggleGroup); false otherwise.
    bool enter(const Apps&, const view::DrawOptions&) { return false; }
    void click(int y) { view_.click(y); }
    // The selected row's key in the list.
    uint64_t selected() const { return view_.selected(); }
    // The selected row's application and its key there; none when no row
    // is selected.
    std::optional<Picked> picked(const Apps& apps, const view::DrawOptions& o) {
        AppSources s = sources(apps, o);
        view_.attach(s.source());
        return s.pick(apps, view_.selected());
    }
    FilteredList& view() { return view_; }
    const FilteredList& view() const { return view_; }

protected:
    // The list's source over `apps` now: one application's, or a merged
    // one whose App column comes first.
    AppSources sources(const Apps& apps, const view::DrawOptions& o) {
        fit_columns(apps.size() > 1);
        return AppSources(apps, fields_, o, merged_,
                          [&o](const App& a) { return std::make_unique<Source>(*a.model, a.now, o); });
    }
    void fit_columns(bool several) {
        if (several == several_) return;
        view_.shift_columns(several ? 1 : -1);
        several_ = several;
    }

    FilteredList view_;
    std::span<const view::Field> fields_;
    view::MergedCache merged_;
    bool several_ = false;  // the App column is there
};

class GroupedTaskSource;

// The task list, flat or grouped (grouped_tasks.h): Group moves on to the
// next grouping; on a group's row Enter, Expand/Collapse and the arrows
// right and left open and close it, ToggleAll opens every group or closes
// them all (keys::groups).  With several applications, a grouping is
// within each application: a header row per application, which opens and
// closes as a group's, then its tasks or its own groups ("by app").
class TaskList : public ModelList<view::TaskSource> {
public:
    TaskList()
        : ModelList(static_cast<int>(model::TaskColumn::Total), true, model::FilterTable::Tasks, view::task_fields()) {}
    bool act(Cmd c, const KeyEvent& k, const Apps& apps, const view::DrawOptions& o);
    bool act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, const view::DrawOptions& o) {
        return act(c, k, one_app(m, now), o);
    }
    bool enter(const Apps& apps, const view::DrawOptions& o);
    void draw(view::Canvas& c, int y0, int height, const Apps& apps, const view::DrawOptions& o);
    void draw(view::Canvas& c, int y0, int height, const model::Model& m, model::Nanos now,
              const view::DrawOptions& o) {
        draw(c, y0, height, one_app(m, now), o);
    }
    std::optional<Picked> picked(const Apps& apps, const view::DrawOptions& o);
    void group_by(model::GroupBy g) { by_ = g; }
    // Several applications: a header row per application first.
    void group_by_app(bool on) { by_app_ = on; }
    model::GroupBy grouping() const { return by_; }
    // Passes so far (tests): of the filter over the tasks, of grouping
    // them, of putting the groups in order.
    uint64_t filter_passes() const { return view_.passes(); }
    uint64_t group_passes() const { return groups_.builds; }
    uint64_t order_passes() const { return groups_.orders; }
    // Of merging several applications' lists (tests).
    uint64_t merge_passes() const { return merged_.merges; }

private:
    // What is kept of one application's grouping when several are shown.
    struct AppGroups {
        model::Expansion open;
        OutlineCache cache;
    };
    bool grouped(const Apps& apps) const { return by_ != model::GroupBy::None || (apps.size() > 1 && by_app_); }
    // The grouped list's source over `apps`.
    AppSources grouped_sources(const Apps& apps, const view::DrawOptions& o);
    bool group_command(Cmd c, GroupedTaskSource& src, model::Expansion& open, uint64_t sel,
                       const std::function<void(uint64_t)>& select);
    bool app_group_command(Cmd c, view::MergedSource& src);
    void draw_list(view::Canvas& c, int y0, int height, const Apps& apps, view::ModelListSource& src, std::string title,
                   const view::DrawOptions& o);
    std::string grouping_words(view::ModelListSource& src, bool several) const;

    model::GroupBy by_ = model::GroupBy::None;
    bool by_app_ = false;  // several applications: grouped by app first
    model::Expansion open_;
    OutlineCache groups_;
    WaitLines waits_;
    std::map<uint32_t, AppGroups> app_groups_;  // by slot
    std::map<uint32_t, WaitLines> app_waits_;
    std::set<uint32_t> shut_apps_;  // applications whose header row is closed
};

}  // namespace tui
