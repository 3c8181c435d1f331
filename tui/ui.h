// The console's screen: which view is shown (with the way back), the
// state of each view's list, and the help.  It draws a model it only
// reads, and turns the keys it does not use itself into actions for the
// program to carry out.  Its keys are the tables of tui/keys.h that the
// view on screen stacks: they drive the dispatch, the header's key lines
// and the help.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "tui/apps.h"
#include "tui/header.h"
#include "tui/fleet_status.h"
#include "tui/keys.h"
#include "tui/list_view.h"
#include "tui/resource_list.h"
#include "tui/resource_view.h"
#include "tui/task_list.h"
#include "tui/task_view.h"
#include "tui/terminal.h"
#include "view/canvas.h"

namespace tui {

// What a key asks of the program.
struct Action {
    enum Kind {
        None,
        Quit,
        TogglePause,
        Reconnect,
        OpenDetails,
        CloseDetails,
        // A recording's playback.
        PlayToggle,
        Faster,
        Slower,
        Step,
        Seek,  // by offset_ns from where playback stands
        SeekStart,
        SeekEnd,
        // Several targets: the lists show this one (`target`).
        ShowTarget,
    };
    Kind kind = None;
    uint64_t task = 0;      // OpenDetails: the task's span id
    int64_t offset_ns = 0;  // Seek: back when negative
    // TogglePause, Reconnect, ShowTarget, OpenDetails: the target's slot
    // (session/fleet.h); -1: the one the header shows.
    int64_t target = -1;
};

class Ui {
public:
    explicit Ui(const view::DrawOptions& options) : draw_(options) {}

    // The applications shown (tui/apps.h), each with its model's clock.
    // The keys are those of the screen drawn last: a recording's when it
    // had a timeline.
    Action on_key(const KeyEvent& k, const Apps& apps);
    Action on_key(const KeyEvent& k, const model::Model& m, model::Nanos now) { return on_key(k, one_app(m, now)); }
    // Draws the header (with the current view's controls), the view and
    // the help over it.
    void draw(view::Canvas& c, HeaderInfo header, const Apps& apps);
    void draw(view::Canvas& c, HeaderInfo header, const model::Model& m, model::Nanos now) {
        draw(c, std::move(header), one_app(m, now));
    }
    // The task whose details are on screen, 0 when none; and the slot of
    // its application.
    uint64_t details_task() const;
    uint32_t details_target() const { return view().slot; }
    // Filters the task list as if the line had been typed and kept (the
    // command line's --filter); false when it does not parse.
    bool filter_tasks(std::string_view text) { return tasks_.view().set_filter(text); }
    // Groups the task list from the start (the command line's --group-by).
    void group_tasks(model::GroupBy by, bool by_app = false) {
        tasks_.group_by(by);
        tasks_.group_by_app(by_app);
    }

    // The targets, when the console watches several (tui/fleet_status.h):
    // before each key and frame.  With one, none: the screens are those of
    // one application.
    void set_targets(std::vector<TargetRow> rows) { targets_ = std::move(rows); }
    bool several() const { return targets_.size() > 1; }

    // A filter line is open: every key is text for it.
    bool editing() const { return list() && list()->editing(); }

private:
    enum class ViewKind { Tasks, Task, Resources, Resource, Targets };
    struct ViewRef {
        ViewKind kind;
        uint64_t id;        // span id of the task or resource shown
        uint32_t slot = 0;  // of its application
    };

    const ViewRef& view() const { return history_.back(); }
    // The list of the current view, with its filter line; nullptr in a
    // task's details.
    const FilteredList* list() const;
    // The key tables of what is on screen, in the order the help and the
    // header show them.
    std::vector<const KeyTable*> key_tables() const;
    bool searching() const { return list() && list()->line().search() && list()->line().active(); }
    // What a binding does here; nullopt when its command does not apply
    // (the next table may have the key).
    std::optional<Action> run(const Binding& b, const KeyEvent& k, const Apps& apps);
    bool view_command(Cmd c, const KeyEvent& k, const Apps& apps);
    Action open(const Apps& apps);
    // The application of the view on screen; nullptr when it has left.
    const App* shown_app(const Apps& apps) const { return app_of(apps, view().slot); }
    // The name to show before an ID, "api/": with several applications.
    std::string id_prefix(const Apps& apps) const;
    Action go(ViewRef v, bool push);
    Action back();
    Action details_change(uint64_t before) const;
    void draw_help(view::Canvas& c) const;
    void draw_targets(view::Canvas& c, int y, int rows);
    // The slot of the target selected in the targets view, or of the
    // selected row's application in a list of several; -1 elsewhere.
    int64_t selected_target(const Apps& apps);

    view::DrawOptions draw_;
    std::vector<ViewRef> history_{{ViewKind::Tasks, 0}};
    TaskList tasks_;
    ResourceList resources_;
    ResourceView resource_view_;
    LinkSection task_waits_;  // the task view's "Waits on"
    std::vector<TargetRow> targets_;
    ListView target_list_;  // by name
    bool help_ = false;
    bool playback_ = false;  // the screen drawn last was a recording's
};

}  // namespace tui
