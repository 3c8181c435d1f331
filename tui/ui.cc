#include "tui/ui.h"
#include "tui/wait_lines.h"
#include "view/glyphs.h"

#include <algorithm>
#include <iterator>
#include <optional>

namespace tui {

using view::Canvas;
using view::Glyphs;
using view::glyphs;
using view::Style;

Action Ui::on_key(const KeyEvent& k, const Apps& apps) {
    if (apps.empty()) return {};
    for (const KeyTable* t : by_rank(key_tables()))
        if (const Binding* b = t->find(k.key))
            if (std::optional<Action> a = run(*b, k, apps)) return *a;
    return {};
}

std::vector<const KeyTable*> Ui::key_tables() const {
    std::vector<const KeyTable*> t;
    // While the filter line is open it takes every key but Ctrl-C.
    if (editing()) {
        t.push_back(&keys::typing);
    } else {
        bool search = searching();
        auto list = [&](bool grouped) {
            if (search) t.push_back(&keys::search);
            t.insert(t.end(), {&keys::list, &keys::list_open});
            if (!search) t.push_back(&keys::filter);
            if (grouped) t.push_back(&keys::groups);
        };
        switch (view().kind) {
        case ViewKind::Tasks: list(true); break;
        case ViewKind::Resources: list(false); break;
        case ViewKind::Resource:
            if (resource_view_.on_links()) {
                t.insert(t.end(), {&keys::links, &keys::back});
                break;
            }
            if (search) t.push_back(&keys::search);
            t.insert(t.end(), {&keys::async_ops, &keys::back});
            if (!search) t.push_back(&keys::filter);
            t.push_back(&keys::list);
            break;
        case ViewKind::Task: t.insert(t.end(), {&keys::task_waits, &keys::back}); break;
        case ViewKind::Targets: t.insert(t.end(), {&keys::targets, &keys::list}); break;
        }
        t.push_back(&keys::views);
        if (several()) t.push_back(&keys::fleet_views);
        t.insert(t.end(), {playback_ ? &keys::playback : &keys::live, &keys::global});
    }
    // The help takes ? and Esc first; every other key goes to the view
    // under it, as upstream's (so q still quits).
    if (help_) t.push_back(&keys::help);
    return t;
}

std::optional<Action> Ui::run(const Binding& b, const KeyEvent& k, const Apps& apps) {
    switch (b.cmd) {
    case Cmd::Quit: return Action{Action::Quit};
    case Cmd::Pause: return Action{Action::TogglePause, 0, 0, selected_target(apps)};
    case Cmd::Reconnect: return Action{Action::Reconnect, 0, 0, selected_target(apps)};
    case Cmd::PlayToggle: return Action{Action::PlayToggle};
    case Cmd::Faster: return Action{Action::Faster};
    case Cmd::Slower: return Action{Action::Slower};
    case Cmd::Step: return Action{Action::Step};
    case Cmd::Seek: return Action{Action::Seek, 0, int64_t{b.arg} * 1'000'000'000};
    case Cmd::SeekStart: return Action{Action::SeekStart};
    case Cmd::SeekEnd: return Action{Action::SeekEnd};
    case Cmd::OpenHelp: help_ = true; return Action{};
    case Cmd::CloseHelp: help_ = false; return Action{};
    case Cmd::ShowTasks: return go({ViewKind::Tasks, 0}, false);
    case Cmd::ShowResources: return go({ViewKind::Resources, 0}, false);
    case Cmd::ShowTargets:
        if (!several()) return std::nullopt;
        return go({ViewKind::Targets, 0}, false);
    case Cmd::Back: return back();
    case Cmd::Open: return open(apps);
    default: break;
    }
    if (view_command(b.cmd, k, apps)) return Action{};
    return std::nullopt;
}

// A command of the view on screen; false when it does not apply there.
bool Ui::view_command(Cmd c, const KeyEvent& k, const Apps& apps) {
    switch (view().kind) {
    case ViewKind::Tasks:
        if (c == Cmd::ToggleGroup) return tasks_.enter(apps, draw_);
        return tasks_.act(c, k, apps, draw_);
    case ViewKind::Resources: return resources_.act(c, k, apps, draw_);
    case ViewKind::Targets: return target_list_.act(c, TargetSource(targets_));
    default: break;
    }
    // A task's or a resource's details: within its own application.
    const App* a = shown_app(apps);
    if (!a) return false;
    if (view().kind == ViewKind::Resource) return resource_view_.act(c, k, *a->model, a->now, view().id, draw_);
    return task_waits_.act(c, waits_on_lines(*a->model, view().id, a->now, draw_).size());
}

// Enter: the view of the selected row or line.  A task's or a
// resource's details, and the links from there, stay within the
// application the row came from.
Action Ui::open(const Apps& apps) {
    const App* a = shown_app(apps);
    switch (view().kind) {
    case ViewKind::Tasks:
        if (auto p = tasks_.picked(apps, draw_); p && p->key) return go({ViewKind::Task, p->key, p->slot}, true);
        break;
    case ViewKind::Resources:
        if (auto p = resources_.picked(apps, draw_); p && p->key)
            return go({ViewKind::Resource, p->key, p->slot}, true);
        break;
    case ViewKind::Resource:
        // A waiting task or an async op leads to that task.
        if (!a) break;
        if (uint64_t task = resource_view_.selected_task(*a->model, a->now, view().id, draw_))
            return go({ViewKind::Task, task, a->slot}, true);
        break;
    case ViewKind::Task:
        // The lines of "Waits on" lead to their resources.
        if (!a) break;
        if (uint64_t r = task_waits_.selected(waits_on_lines(*a->model, view().id, a->now, draw_)))
            return go({ViewKind::Resource, r, a->slot}, true);
        break;
    case ViewKind::Targets:
        // The task list, narrowed to that application (its filter line
        // says so, and Esc there shows them all again); the header shows
        // that target.
        if (int64_t slot = selected_target(apps); slot >= 0) {
            if (const App* to = app_of(apps, static_cast<uint32_t>(slot))) tasks_.view().set_filter("app=" + to->name);
            go({ViewKind::Tasks, 0}, false);
            return Action{Action::ShowTarget, 0, 0, slot};
        }
        break;
    }
    return {};
}

int64_t Ui::selected_target(const Apps& apps) {
    switch (view().kind) {
    case ViewKind::Targets: return target_list_.selected() ? static_cast<int64_t>(target_list_.selected() - 1) : -1;
    case ViewKind::Tasks:
    case ViewKind::Resources: {
        if (apps.size() < 2) return -1;
        auto p = view().kind == ViewKind::Tasks ? tasks_.picked(apps, draw_) : resources_.picked(apps, draw_);
        return p ? static_cast<int64_t>(p->slot) : -1;
    }
    default: return apps.size() < 2 ? -1 : static_cast<int64_t>(view().slot);
    }
}

std::string Ui::id_prefix(const Apps& apps) const {
    const App* a = shown_app(apps);
    return apps.size() > 1 && a ? a->name + "/" : std::string();
}

const FilteredList* Ui::list() const {
    switch (view().kind) {
    case ViewKind::Tasks: return &tasks_.view();
    case ViewKind::Resources: return &resources_.view();
    case ViewKind::Resource: return &resource_view_.ops();
    case ViewKind::Task:
    case ViewKind::Targets: break;
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
    return want ? Action{Action::OpenDetails, want, 0, view().slot} : Action{Action::CloseDetails};
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

void Ui::draw(Canvas& c, HeaderInfo h, const Apps& apps) {
    if (apps.empty()) return;
    playback_ = h.timeline.has_value();
    const Glyphs& g = glyphs(draw_.ascii);
    h.controls = hint_line(key_tables(), HintLine::Controls, g);
    h.views = several() ? hint_line({&keys::views, &keys::fleet_views}, HintLine::Views, g)
                        : hint_line({&keys::views}, HintLine::Views, g);
    if (playback_) h.playback = hint_line({&keys::playback}, HintLine::Playback, g);
    int y = draw_header(c, h, *apps.front().model);  // the target the header shows
    int rows = c.height() - y;
    const App* a = shown_app(apps);
    switch (view().kind) {
    case ViewKind::Tasks: tasks_.draw(c, y, rows, apps, draw_); break;
    case ViewKind::Task:
        if (a)
            draw_task_view(c, y, rows, *a->model, a->now, view().id, a->model->task_details(view().id), draw_,
                           task_waits_, id_prefix(apps));
        break;
    case ViewKind::Resources: resources_.draw(c, y, rows, apps, draw_); break;
    case ViewKind::Resource:
        if (a) resource_view_.draw(c, y, rows, *a->model, a->now, view().id, draw_, id_prefix(apps));
        break;
    case ViewKind::Targets: draw_targets(c, y, rows); break;
    }
    if (!a && (view().kind == ViewKind::Task || view().kind == ViewKind::Resource))
        c.text(1, y, "This application is no longer watched. Press Esc to go back.", Style::Dim);
    if (help_) draw_help(c);
}

void Ui::draw_targets(Canvas& c, int y, int rows) {
    if (rows <= 0) return;
    TargetSource src(targets_);
    c.text(0, y, "Targets (" + std::to_string(targets_.size()) + ")", Style::Title);
    target_list_.draw(c, y + 1, rows - 1, src, "No targets.");
}

void Ui::draw_help(Canvas& c) const {
    // The keys of the view under the help, then the help's own.
    std::vector<std::string> lines = help_lines(key_tables());
    // In a frame, as upstream's popup; the widest line is 63 columns.
    int n = static_cast<int>(lines.size());
    int w = std::min(68, c.width()), h = std::min(n + 2, c.height());
    int x0 = std::max(0, (c.width() - w) / 2), y0 = std::max(0, (c.height() - h) / 2);
    for (int y = 0; y < h; y++) c.fill(x0, y0 + y, w, U' ', Style::Normal);
    c.box(x0, y0, w, h, "Keys");
    for (int i = 0; i < n && i < h - 2; i++) c.text(x0 + 1, y0 + 1 + i, lines[i], Style::Normal, w - 2);
}

}  // namespace tui
