#include "tui/wait_lines.h"

#include "tui/glyphs.h"

namespace tui {

const model::WaitGraph& WaitLines::graph(const model::Model& m) {
    if (model_ != &m || updates_ != m.updates() || at_ != m.last_update_now()) {
        graph_ = model::build_wait_graph(m);
        model_ = &m;
        updates_ = m.updates();
        at_ = m.last_update_now();
    }
    return graph_;
}

int WaitLines::draw(Canvas& c, int y, int max_lines, const model::Model& m, model::Nanos now, const DrawOptions& o) {
    if (max_lines <= 0) return 0;
    const model::WaitGraph& g = graph(m);
    const Glyphs& gl = glyphs(o.ascii);
    int used = 0;
    for (const model::Cycle& cy : model::lock_cycles(g, m)) {
        if (used >= max_lines) return used;
        c.text(1, y + used++, std::string(gl.warn) + " " + model::describe_cycle(m, cy, o.ascii), Style::Warn);
    }
    auto crowds = model::crowds(g, m, now, o.blocked_after, kCrowd);
    for (size_t i = 0; i < crowds.size() && used < max_lines; i++) {
        std::string line = std::string(gl.blocked) + " " + model::describe_crowd(m, crowds[i]);
        // The last line that fits speaks for the rest too.
        if (used + 1 == max_lines && i + 1 < crowds.size())
            line += " (and " + std::to_string(crowds.size() - i - 1) + " more resources)";
        c.text(1, y + used++, line, Style::Warn);
    }
    return used;
}

bool task_blocked(const model::Model& m, uint64_t task_span, model::Nanos now, const DrawOptions& o) {
    const model::Task* t = m.tasks().find(task_span);
    if (!t || t->state() != model::TaskState::Idle) return false;
    for (const model::Wait& w : model::waits_of_task(m, task_span))
        if (model::blocked(m, w, now, o.blocked_after)) return true;
    return false;
}

std::vector<LinkLine> waits_on_lines(const model::Model& m, uint64_t task_span, model::Nanos now,
                                     const DrawOptions& o) {
    std::vector<LinkLine> out;
    for (const model::Wait& w : model::waits_of_task(m, task_span)) {
        Style st = model::blocked(m, w, now, o.blocked_after) ? Style::Warn : Style::Normal;
        out.push_back({model::describe_wait(m, w, now, o.ascii), w.resource_span, st});
    }
    return out;
}

std::vector<LinkLine> held_by_lines(const model::Model& m, uint64_t resource_span, model::Nanos now,
                                    const DrawOptions& o) {
    std::vector<LinkLine> out;
    model::Hold h = model::hold_of(m, resource_span);
    std::string held = model::hold_words(m, h, now, o.ascii);
    if (!held.empty()) out.push_back({held, h.holder_span, h.holder_span ? Style::Bold : Style::Dim});
    for (const model::Wait& w : model::waiters_of(m, resource_span)) {
        Style st = model::blocked(m, w, now, o.blocked_after) ? Style::Warn : Style::Normal;
        out.push_back({model::task_words(m, w.task_span) + ", " + model::waited_words(w, now, o.ascii), w.task_span, st});
    }
    return out;
}

}  // namespace tui
