#include "tui/task_view.h"

#include <algorithm>
#include <string>

#include "tui/format.h"
#include "tui/glyphs.h"
#include "tui/histogram_chart.h"

namespace tui {

namespace {

std::string percent(model::Nanos part, model::Nanos whole) {
    if (whole <= 0) return "";
    char buf[16];
    snprintf(buf, sizeof buf, " (%.2f%%)", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

// "label  value" rows of a panel; returns the next row.
int line(Canvas& c, int x, int y, int w, const std::string& label, const std::string& value, Style vs = Style::Normal) {
    int used = c.text(x, y, label, Style::Bold, w);
    c.text(x + used, y, value, vs, w - used);
    return y + 1;
}

int duration_line(Canvas& c, int x, int y, int w, const char* label, model::Nanos d, model::Nanos total,
                  const DrawOptions& o) {
    int used = c.text(x, y, label, Style::Bold, w);
    Duration f = format_duration(d, 2, o.ascii);
    used += c.text(x + used, y, f.text, o.duration_colors ? f.style : Style::Normal, w - used);
    c.text(x + used, y, percent(d, total), Style::Normal, w - used);
    return y + 1;
}

}  // namespace

void draw_task_view(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
                    const model::TaskDetails* details, const DrawOptions& o) {
    const auto& s = m.strings();
    const model::Task* t = m.tasks().find(span_id);
    int y = y0, bottom = y0 + height;
    if (!t) {
        c.text(1, y, "This task is no longer known (completed and expired, or the connection was reset).", Style::Dim);
        c.text(1, y + 1, "Press Esc to go back.", Style::Dim);
        return;
    }
    std::string name(s.get(t->name));
    c.text(0, y++, "Task " + std::to_string(t->id) + (name.empty() ? "" : " (" + name + ")"), Style::Title);

    // Task panel on the left, waker panel on the right.
    int half = c.width() >= 80 ? c.width() / 2 : c.width();
    int ly = y, ry = half == c.width() ? -1 : y;
    int lw = half - 1;
    ly = line(c, 1, ly, lw,
              "ID: ", std::to_string(t->id) + (t->has_task_id ? "" : " (span " + std::to_string(t->span_id) + ")"));
    std::string st = std::string(state_glyph(t->state(), o.ascii)) + " " + model::state_name(t->state());
    ly = line(c, 1, ly, lw, "State: ", st);
    ly = line(c, 1, ly, lw, "Name: ", name);
    ly = line(c, 1, ly, lw, "Target: ", std::string(s.get(t->target)));
    ly = line(c, 1, ly, lw, "Location: ", std::string(s.get(t->location)));
    model::Nanos total = t->total(now);
    ly = duration_line(c, 1, ly, lw, "Total Time: ", total, 0, o);
    ly = duration_line(c, 1, ly, lw, "Busy: ", t->busy(now), total, o);
    ly = duration_line(c, 1, ly, lw, "Scheduled: ", t->scheduled(now), total, o);
    ly = duration_line(c, 1, ly, lw, "Idle: ", t->idle(now), total, o);

    int wx = half == c.width() ? 1 : half + 1, ww = c.width() - wx;
    if (ry < 0) ry = ly + 1;
    c.text(wx - 1, ry++, "Waker", Style::Title);
    ry = line(c, wx, ry, ww, "Current wakers: ",
              std::to_string(t->waker_count()) + " (clones: " + std::to_string(t->stats.waker_clones) +
                  ", drops: " + std::to_string(t->stats.waker_drops) + ")");
    std::string woken = std::to_string(t->stats.wakes) + " times";
    if (t->stats.last_wake)
        woken += ", last woken " + format_duration(model::since(now, t->stats.last_wake), 2, o.ascii).text + " ago";
    ry = line(c, wx, ry, ww, "Woken: ", woken);
    ry = line(c, wx, ry, ww, "Self wakes: ",
              std::to_string(t->stats.self_wakes) + " times (" + std::to_string(t->self_wake_percent()) + "%)");
    ry = line(c, wx, ry, ww, "Polls: ", std::to_string(t->stats.polls));
    y = std::max(ly, ry) + 1;

    // Warnings in full sentences.
    for (int l = 0; l < model::kLintCount && y < bottom; l++) {
        if (!(t->warnings & (1u << l))) continue;
        std::string w = std::string(glyphs(o.ascii).warn) + " " +
                        model::lint_sentence(static_cast<model::Lint>(l), *t, now, m.lint_config(), o.ascii);
        c.text(1, y++, w, Style::Warn);
    }
    if (t->warnings) y++;

    // Histograms, then fields in whatever room is left.
    int fields_rows = std::min<int>(static_cast<int>(t->fields.size()) + 1, 4);
    int room = bottom - y - fields_rows;
    int each = std::max(0, room / 2);
    static const model::DurationStats none;
    const model::DurationStats& polls = details ? details->poll_times : none;
    const model::DurationStats& sched = details ? details->scheduled_times : none;
    if (each >= 3) {
        draw_duration_panel(c, 0, y, c.width(), each, "Poll Times", polls, o.duration_colors);
        draw_duration_panel(c, 0, y + each, c.width(), each, "Scheduled Times", sched, o.duration_colors);
        y += 2 * each;
    }
    if (y < bottom) c.text(0, y++, "Fields", Style::Title);
    for (const auto& f : t->fields) {
        if (y >= bottom) break;
        draw_field(c, 1, y++, model::format_field(f, s));
    }
    if (y < bottom) draw_field(c, 1, y, "target=" + std::string(s.get(t->target)));
}

}  // namespace tui
