#include "tui/wait_lines.h"

#include "view/glyphs.h"

namespace tui {

using view::Canvas;
using view::display_width;
using view::DrawOptions;
using view::Glyphs;
using view::glyphs;
using view::Style;

namespace {

// A cycle's line in rows of `width`, broken before an arrow; the rows
// after the first are indented under the text.
std::vector<std::string> wrap_cycle(const std::string& text, int width, bool ascii) {
    const std::string arrow = ascii ? " -> " : " \u2192 ";
    std::vector<std::string> rows;
    std::string rest = text;
    while (display_width(rest, ascii) > width) {
        size_t cut = std::string::npos;
        for (size_t p = rest.find(arrow); p != std::string::npos; p = rest.find(arrow, p + 1)) {
            if (display_width(rest.substr(0, p), ascii) > width) break;
            cut = p;
        }
        if (cut == std::string::npos || cut == 0) break;
        rows.push_back(rest.substr(0, cut));
        rest = "  " + rest.substr(cut + 1);
    }
    rows.push_back(rest);
    return rows;
}

}  // namespace

const model::WaitGraph& WaitLines::graph(const model::Model& m) {
    if (generation_ != m.generation()) {
        graph_ = model::build_wait_graph(m);
        generation_ = m.generation();
    }
    return graph_;
}

int WaitLines::draw(Canvas& c, int y, int max_lines, const model::Model& m, model::Nanos now, const DrawOptions& o,
                    std::string_view app) {
    if (max_lines <= 0) return 0;
    const std::string whose = app.empty() ? std::string() : std::string(app) + ": ";
    const model::WaitGraph& g = graph(m);
    const Glyphs& gl = glyphs(o.ascii);
    int used = 0;
    for (const model::Cycle& cy : model::lock_cycles(g, m)) {
        std::string line = std::string(gl.warn) + " " + whose + model::describe_cycle(m, cy, o.ascii);
        for (const std::string& row : wrap_cycle(line, c.width() - 2, o.ascii)) {
            if (used >= max_lines) return used;
            c.text(1, y + used++, row, Style::Warn);
        }
    }
    auto crowds = model::crowds(g, m, now, o.blocked_after, kCrowd);
    for (size_t i = 0; i < crowds.size() && used < max_lines; i++) {
        std::string line = std::string(gl.blocked) + " " + whose + model::describe_crowd(m, crowds[i]);
        // The last line that fits speaks for the rest too.
        if (used + 1 == max_lines && i + 1 < crowds.size())
            line += " (and " + std::to_string(crowds.size() - i - 1) + " more resources)";
        c.text(1, y + used++, line, Style::Warn);
    }
    return used;
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
        out.push_back(
            {model::task_words(m, w.task_span) + ", " + model::waited_words(w, now, o.ascii), w.task_span, st});
    }
    return out;
}

}  // namespace tui
