#include "tui/ui.h"
#include "tui/wait_lines.h"
#include "view/glyphs.h"

#include <algorithm>
#include <iterator>

namespace tui {

using view::Canvas;
using view::Glyphs;
using view::glyphs;
using view::Style;

Action Ui::on_key(const KeyEvent& k, const model::Model& m, model::Nanos now) {
    // The help closes on ? and Esc; every other key goes to the view under
    // it, as upstream does (so q still quits).
    if (help_ && (k.key == '?' || k.key == KeyEscape)) {
        help_ = false;
        return {};
    }
    if (k.key == 3) return {Action::Quit};
    // While the filter line is open it takes every key but Ctrl-C.
    if (editing()) return on_view_key(k, m, now);
    switch (k.key) {
    case 'q':
    case 4: return {Action::Quit};
    case '?': help_ = true; return {};
    case 'R': return {Action::Reconnect};
    case ' ': return {Action::TogglePause};
    case 't': return go({ViewKind::Tasks, 0}, false);
    case 'r': return go({ViewKind::Resources, 0}, false);
    case KeyEscape:
        // Esc drops the list's filter before it leaves the view.
        if (list() && list()->line().active()) return on_view_key(k, m, now);
        return back();
    case KeyResize: return {};
    }
    return on_view_key(k, m, now);
}

// The keys of the current view.
Action Ui::on_view_key(const KeyEvent& k, const model::Model& m, model::Nanos now) {
    // A list: Enter opens the selected row's own view.
    auto on_list = [&](auto& list, ViewKind details) -> Action {
        if (list.view().editing()) {
            list.handle_key(k.key, m, now, draw_);
        } else if (k.key == KeyEnter) {
            if (list.enter(m, now, draw_)) return {};  // a group's row opens or closes
            if (list.selected()) return go({details, list.selected()}, true);
        } else if (k.key == KeyMouseClick) {
            list.click(k.mouse_y);
        } else {
            list.handle_key(k.key, m, now, draw_);
        }
        return {};
    };
    switch (view().kind) {
    case ViewKind::Tasks: return on_list(tasks_, ViewKind::Task);
    case ViewKind::Resources: return on_list(resources_, ViewKind::Resource);
    case ViewKind::Resource:
        if (resource_view_.ops().editing()) {
            resource_view_.handle_key(k.key, m, now, view().id, draw_);
        } else if (k.key == KeyEnter) {
            // A waiting task or an async op leads to that task.
            if (uint64_t task = resource_view_.selected_task(m, now, view().id, draw_))
                return go({ViewKind::Task, task}, true);
        } else if (k.key == KeyMouseClick) {
            resource_view_.click(k.mouse_y);
        } else {
            resource_view_.handle_key(k.key, m, now, view().id, draw_);
        }
        return {};
    case ViewKind::Task: {
        // The lines of "Waits on" lead to their resources.
        auto lines = waits_on_lines(m, view().id, now, draw_);
        if (k.key != KeyEnter) {
            task_waits_.handle_key(k.key, lines.size());
        } else if (uint64_t r = task_waits_.selected(lines)) {
            return go({ViewKind::Resource, r}, true);
        }
        return {};
    }
    }
    return {};
}

const FilteredList* Ui::list() const {
    switch (view().kind) {
    case ViewKind::Tasks: return &tasks_.view();
    case ViewKind::Resources: return &resources_.view();
    case ViewKind::Resource: return &resource_view_.ops();
    case ViewKind::Task: break;
    }
    return nullptr;
}

uint64_t Ui::details_task() const {
    return view().kind == ViewKind::Task ? view().id : 0;
}

// The details stream the new view needs, when it differs from before.
Action Ui::details_change(uint64_t before) const {
    uint64_t want = details_task();
    if (want == before) return {};
    return want ? Action{Action::OpenDetails, want} : Action{Action::CloseDetails};
}

Action Ui::go(ViewRef v, bool push) {
    uint64_t before = details_task();
    task_waits_.reset();
    resource_view_.reset_links();
    if (!push) history_.clear();
    history_.push_back(v);
    if (history_.size() > 32) history_.erase(history_.begin());
    return details_change(before);
}

Action Ui::back() {
    uint64_t before = details_task();
    task_waits_.reset();
    resource_view_.reset_links();
    if (history_.size() > 1) history_.pop_back();
    return details_change(before);
}

// The current view's keys; a replay has its own space and no R (its
// keys are on the timeline's line).
std::string Ui::controls(bool replay) const {
    std::string live = replay ? "" : ", space = pause, R = reconnect";
    if (editing())
        return "typing a filter: enter = keep, esc = clear, backspace = delete, ?text = search, ctrl-c = quit";
    if (list() && list()->line().search()) return "n/N = next/previous match, / = edit the search, esc = end it";
    switch (view().kind) {
    case ViewKind::Task: return "k/j = move, enter = resource waited on, esc = back" + live + ", q = quit";
    case ViewKind::Resource:
        if (resource_view_.on_links()) return "k/j = move, enter = the task, tab = async ops, esc = back, q = quit";
        return "enter = task of the async op, tab = holder and waiting, esc = back, / = filter, h/l = sort, "
               "i = invert, k/j = move, q = quit";
    default:
        const Glyphs& g = glyphs(draw_.ascii);
        return std::string(g.keys_sideways) + " h/l = sort column, " + g.keys_updown +
               " k/j = move, i = invert, enter = details, / = filter" +
               (view().kind == ViewKind::Tasks ? ", T = group" : "") + live + ", q = quit";
    }
}

void Ui::draw(Canvas& c, HeaderInfo h, const model::Model& m, model::Nanos now) {
    h.controls = controls(h.timeline.has_value());
    int y = draw_header(c, h, m);
    int rows = c.height() - y;
    switch (view().kind) {
    case ViewKind::Tasks: tasks_.draw(c, y, rows, m, now, draw_); break;
    case ViewKind::Task:
        draw_task_view(c, y, rows, m, now, view().id, m.task_details(view().id), draw_, task_waits_);
        break;
    case ViewKind::Resources: resources_.draw(c, y, rows, m, now, draw_); break;
    case ViewKind::Resource: resource_view_.draw(c, y, rows, m, now, view().id, draw_); break;
    }
    if (help_) draw_help(c, h.timeline.has_value());
}

void Ui::draw_help(Canvas& c, bool replay) const {
    // The keys of the view under the help, then the ones that work everywhere.
    std::vector<const char*> lines;
    static const char* const list_keys[] = {
        "  enter               details of the selected row",
        "  h l, left right     choose the sort column",
        "  i                   invert the sort order",
        "  j k, up down        move the selection",
        "  gg / G              top / bottom",
        "  PgUp PgDn Home End  move by pages, to the ends",
        "  mouse               wheel scrolls, click selects",
        "  /                   filter the rows (Enter keeps, Esc clears)",
        "  /?text              search: every row stays, matches marked",
        "  n / N               next / previous match of the search",
        "  esc                 drop the filter or the search",
    };
    static const char* const group_keys[] = {
        "  T                   group: location, name, kind, target, tree",
        "  enter, + -          open / close the group (also right left)",
        "  *                   open every group, or close them all",
    };
    switch (view().kind) {
    case ViewKind::Tasks:
        lines.insert(lines.end(), std::begin(list_keys), std::end(list_keys));
        lines.insert(lines.end(), std::begin(group_keys), std::end(group_keys));
        break;
    case ViewKind::Resources: lines.insert(lines.end(), std::begin(list_keys), std::end(list_keys)); break;
    case ViewKind::Resource:
        lines.insert(lines.end(), std::begin(list_keys) + 1, std::end(list_keys));
        lines.push_back("  enter               the task of the selected async op");
        lines.push_back("  tab                 holder and waiting tasks / async ops");
        break;
    case ViewKind::Task:
        lines.push_back("  j k, up down        move among what the task waits on");
        lines.push_back("  enter               the resource of the selected line");
        break;
    }
    static const char* const common[] = {
        "  esc                 back to the previous view",
        "  t / r               tasks / resources view",
        "  space               pause or resume the stream",
        "  R                   reconnect now",
        "  ?                   close this help",
        "  q, Ctrl-C, Ctrl-D   quit",
    };
    static const char* const replay_keys[] = {
        "  esc                 back to the previous view",
        "  t / r               tasks / resources view",
        "  space               play or pause the recording",
        "  + / -               faster / slower",
        "  .                   play the next update",
        "  [ ] / { }           back / on 10 s / 1 min",
        "  0 / $               the start / the end",
        "  ?                   close this help",
        "  q, Ctrl-C, Ctrl-D   quit",
    };
    if (replay)
        lines.insert(lines.end(), std::begin(replay_keys), std::end(replay_keys));
    else
        lines.insert(lines.end(), std::begin(common), std::end(common));
    // In a frame, as upstream's popup; the widest line is 64 columns.
    int n = static_cast<int>(lines.size());
    int w = std::min(68, c.width()), h = std::min(n + 2, c.height());
    int x0 = std::max(0, (c.width() - w) / 2), y0 = std::max(0, (c.height() - h) / 2);
    for (int y = 0; y < h; y++) c.fill(x0, y0 + y, w, U' ', Style::Normal);
    c.box(x0, y0, w, h, "Keys");
    for (int i = 0; i < n && i < h - 2; i++) c.text(x0 + 1, y0 + 1 + i, lines[i], Style::Normal, w - 2);
}

}  // namespace tui
