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

Action Ui::on_key(const KeyEvent& k, const model::Model& m, model::Nanos now) {
    for (const KeyTable* t : by_rank(key_tables()))
        if (const Binding* b = t->find(k.key))
            if (std::optional<Action> a = run(*b, k, m, now)) return *a;
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

std::optional<Action> Ui::run(const Binding& b, const KeyEvent& k, const model::Model& m, model::Nanos now) {
    switch (b.cmd) {
    case Cmd::Quit: return Action{Action::Quit};
    case Cmd::Pause: return Action{Action::TogglePause, 0, 0, selected_target()};
    case Cmd::Reconnect: return Action{Action::Reconnect, 0, 0, selected_target()};
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
    case Cmd::Open: return open(m, now);
    default: break;
    }
    if (view_command(b.cmd, k, m, now)) return Action{};
    return std::nullopt;
}

// A command of the view on screen; false when it does not apply there.
bool Ui::view_command(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now) {
    switch (view().kind) {
    case ViewKind::Tasks:
        if (c == Cmd::ToggleGroup) return tasks_.enter(m, now, draw_);
        return tasks_.act(c, k, m, now, draw_);
    case ViewKind::Resources: return resources_.act(c, k, m, now, draw_);
    case ViewKind::Resource: return resource_view_.act(c, k, m, now, view().id, draw_);
    case ViewKind::Task: return task_waits_.act(c, waits_on_lines(m, view().id, now, draw_).size());
    case ViewKind::Targets: return target_list_.act(c, TargetSource(targets_));
    }
    return false;
}

// Enter: the view of the selected row or line.
Action Ui::open(const model::Model& m, model::Nanos now) {
    switch (view().kind) {
    case ViewKind::Tasks:
        if (tasks_.selected()) return go({ViewKind::Task, tasks_.selected()}, true);
        break;
    case ViewKind::Resources:
        if (resources_.selected()) return go({ViewKind::Resource, resources_.selected()}, true);
        break;
    case ViewKind::Resource:
        // A waiting task or an async op leads to that task.
        if (uint64_t task = resource_view_.selected_task(m, now, view().id, draw_))
            return go({ViewKind::Task, task}, true);
        break;
    case ViewKind::Task:
        // The lines of "Waits on" lead to their resources.
        if (uint64_t r = task_waits_.selected(waits_on_lines(m, view().id, now, draw_)))
            return go({ViewKind::Resource, r}, true);
        break;
    case ViewKind::Targets:
        // The lists show that application now; they keep their filter,
        // sort and grouping.
        if (int64_t slot = selected_target(); slot >= 0) {
            go({ViewKind::Tasks, 0}, false);
            return Action{Action::ShowTarget, 0, 0, slot};
        }
        break;
    }
    return {};
}

int64_t Ui::selected_target() const {
    if (view().kind != ViewKind::Targets || !target_list_.selected()) return -1;
    return static_cast<int64_t>(target_list_.selected() - 1);
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

void Ui::draw(Canvas& c, HeaderInfo h, const model::Model& m, model::Nanos now) {
    playback_ = h.timeline.has_value();
    const Glyphs& g = glyphs(draw_.ascii);
    h.controls = hint_line(key_tables(), HintLine::Controls, g);
    h.views = several() ? hint_line({&keys::views, &keys::fleet_views}, HintLine::Views, g)
                        : hint_line({&keys::views}, HintLine::Views, g);
    if (playback_) h.playback = hint_line({&keys::playback}, HintLine::Playback, g);
    int y = draw_header(c, h, m);
    int rows = c.height() - y;
    switch (view().kind) {
    case ViewKind::Tasks: tasks_.draw(c, y, rows, m, now, draw_); break;
    case ViewKind::Task:
        draw_task_view(c, y, rows, m, now, view().id, m.task_details(view().id), draw_, task_waits_);
        break;
    case ViewKind::Resources: resources_.draw(c, y, rows, m, now, draw_); break;
    case ViewKind::Resource: resource_view_.draw(c, y, rows, m, now, view().id, draw_); break;
    case ViewKind::Targets: draw_targets(c, y, rows); break;
    }
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
