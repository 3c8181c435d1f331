#include "tui/task_view.h"

#include <algorithm>
#include <string>
#include <vector>

#include "tui/histogram_chart.h"
#include "tui/wait_lines.h"
#include "view/format.h"
#include "view/glyphs.h"

namespace tui {

using view::Canvas;
using view::display_width;
using view::DrawOptions;
using view::Duration;
using view::field_spans;
using view::format_duration;
using view::glyphs;
using view::panel;
using view::Span;
using view::spans_width;
using view::state_glyph;
using view::Style;

namespace {

using Line = std::vector<Span>;

int width_of(const Line& l, bool ascii) {
    return spans_width(l, ascii);
}

std::string percent(model::Nanos part, model::Nanos whole) {
    if (whole <= 0) return "";
    char buf[16];
    snprintf(buf, sizeof buf, " (%.2f%%)", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

Line duration_line(const char* label, model::Nanos d, model::Nanos total, const DrawOptions& o) {
    Duration f = format_duration(d, 2, o.ascii);
    return {{label, Style::Bold}, {f.text, o.duration_colors ? f.style : Style::Normal}, {percent(d, total)}};
}

// The task panel's lines.  A location wider than the panel wraps under
// itself, as upstream's does; `short_rows` puts the state on the ID's line.
std::vector<Line> task_lines(const model::Task& t, const model::StringPool& s, model::Nanos now, const DrawOptions& o,
                             int inner, bool short_rows) {
    std::vector<Line> out;
    std::string id = std::to_string(t.id) + (t.has_task_id ? "" : " (span " + std::to_string(t.span_id) + ")");
    std::string st = std::string(state_glyph(t.state(), o.ascii)) + " " + model::state_name(t.state());
    if (short_rows) {
        out.push_back({{"ID: ", Style::Bold}, {id + "  "}, {"State: ", Style::Bold}, {st}});
    } else {
        out.push_back({{"ID: ", Style::Bold}, {id}});
        out.push_back({{"State: ", Style::Bold}, {st}});
    }
    out.push_back({{"Name: ", Style::Bold}, {std::string(s.get(t.name))}});
    out.push_back({{"Target: ", Style::Bold}, {std::string(s.get(t.target))}});
    const std::string label = "Location: ";
    std::string loc(s.get(t.location));
    const int room = std::max(8, inner - static_cast<int>(label.size()));
    // Cut by display columns, never inside a UTF-8 sequence.
    std::vector<std::string> chunks(1);
    for (size_t i = 0; i < loc.size();) {
        size_t n = 1;
        while (i + n < loc.size() && (static_cast<unsigned char>(loc[i + n]) & 0xc0) == 0x80) n++;
        std::string cp = loc.substr(i, n);
        if (!chunks.back().empty() && display_width(chunks.back() + cp, o.ascii) > room) chunks.emplace_back();
        chunks.back() += cp;
        i += n;
    }
    for (size_t k = 0; k < chunks.size(); k++)
        out.push_back({{k ? std::string(label.size(), ' ') : label, Style::Bold}, {chunks[k]}});
    model::Nanos total = t.total(now);
    out.push_back(duration_line("Total Time: ", total, 0, o));
    out.push_back(duration_line("Busy: ", t.busy(now), total, o));
    out.push_back(duration_line("Scheduled: ", t.scheduled(now), total, o));
    out.push_back(duration_line("Idle: ", t.idle(now), total, o));
    return out;
}

// The waker panel's lines: a pair that does not fit on one line takes two.
std::vector<Line> waker_lines(const model::Task& t, model::Nanos now, const DrawOptions& o, int inner) {
    std::vector<Line> out;
    auto add = [&](Line one, Line first, Line second) {
        if (width_of(one, o.ascii) <= inner) {
            out.push_back(std::move(one));
        } else {
            out.push_back(std::move(first));
            out.push_back(std::move(second));
        }
    };
    std::string wakers = std::to_string(t.waker_count());
    std::string clones = std::to_string(t.stats.waker_clones), drops = std::to_string(t.stats.waker_drops);
    add({{"Current wakers: ", Style::Bold}, {wakers + " (clones: " + clones + ", drops: " + drops + ")"}},
        {{"Current wakers: ", Style::Bold}, {wakers}}, {{"  Clones: ", Style::Bold}, {clones + ", drops: " + drops}});
    std::string woken = std::to_string(t.stats.wakes) + " times";
    if (t.stats.last_wake) {
        std::string ago = format_duration(model::since(now, t.stats.last_wake), 2, o.ascii).text + " ago";
        add({{"Woken: ", Style::Bold}, {woken + ", last woken " + ago}}, {{"Woken: ", Style::Bold}, {woken}},
            {{"Last woken: ", Style::Bold}, {ago}});
    } else {
        out.push_back({{"Woken: ", Style::Bold}, {woken}});
    }
    out.push_back({{"Self wakes: ", Style::Bold},
                   {std::to_string(t.stats.self_wakes) + " times (" + std::to_string(t.self_wake_percent()) + "%)"}});
    out.push_back({{"Polls: ", Style::Bold}, {std::to_string(t.stats.polls)}});
    return out;
}

std::vector<Line> field_lines(const model::Task& t, const model::StringPool& s) {
    std::vector<Line> out;
    for (const auto& f : t.fields) {
        out.emplace_back();
        field_spans(out.back(), model::format_field(f, s));
    }
    out.emplace_back();
    field_spans(out.back(), "target=" + std::string(s.get(t.target)));
    return out;
}

// The task's warnings in full sentences, in upstream's words.
std::vector<Line> warning_lines(const model::Task& t, const model::Model& m, model::Nanos now, const DrawOptions& o) {
    std::vector<Line> out;
    for (int l = 0; l < model::kLintCount; l++) {
        if (!(t.warnings & (1u << l))) continue;
        std::string w = std::string(glyphs(o.ascii).warn) + " " +
                        model::lint_sentence(static_cast<model::Lint>(l), t, now, m.lint_config(), o.ascii);
        out.push_back({{w, Style::Warn}});
    }
    return out;
}

// A duration panel's rows: a frame around the seven percentiles.
constexpr int kDurations = 9;

// The warnings in a frame when `height` has room for it, else bare.
void draw_warnings(Canvas& c, int y, int height, const std::vector<Line>& warnings) {
    if (height > static_cast<int>(warnings.size()))
        panel(c, 0, y, c.width(), height, "Warnings", warnings);
    else
        for (int i = 0; i < height; i++) c.spans(1, y + i, warnings[static_cast<size_t>(i)]);
}

// The poll-time and scheduled-time panels: stacked when both fit at full
// size (or the screen is narrow), side by side otherwise.
void draw_durations(Canvas& c, int y, int height, const model::TaskDetails* details, const DrawOptions& o) {
    static const model::DurationStats none;
    const model::DurationStats& polls = details ? details->poll_times : none;
    const model::DurationStats& sched = details ? details->scheduled_times : none;
    if (height >= 2 * kDurations || c.width() < 2 * 36) {
        int each = height / 2;
        draw_duration_panel(c, 0, y, c.width(), each, "Poll Times", polls, o.duration_colors);
        draw_duration_panel(c, 0, y + each, c.width(), height - each, "Scheduled Times", sched, o.duration_colors);
    } else {
        int half = c.width() / 2;
        draw_duration_panel(c, 0, y, half, height, "Poll Times", polls, o.duration_colors);
        draw_duration_panel(c, half, y, c.width() - half, height, "Scheduled Times", sched, o.duration_colors);
    }
}

}  // namespace

// The rows, top to bottom: the title, the warnings, the task and waker
// panels side by side, the poll-time and scheduled-time panels (stacked
// when there is height for both at full size, side by side otherwise), the
// fields (under the waker panel when the rows run short).  At 80x24 all
// seven percentiles and both histograms show.
void draw_task_view(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
                    const model::TaskDetails* details, const DrawOptions& o, LinkSection& waits,
                    std::string_view id_prefix) {
    const auto& s = m.strings();
    const model::Task* t = m.tasks().find(span_id);
    int y = y0, bottom = y0 + height;
    if (!t) {
        c.text(1, y, "This task is no longer known (completed and expired, or the connection was reset).", Style::Dim);
        c.text(1, y + 1, "Press Esc to go back.", Style::Dim);
        return;
    }
    std::string name(s.get(t->name));
    c.text(0, y++, "Task " + std::string(id_prefix) + std::to_string(t->id) + (name.empty() ? "" : " (" + name + ")"),
           Style::Title);

    // What it waits on comes first: it says why the task is stuck.
    auto waiting = waits_on_lines(m, span_id, now, o);
    if (!waiting.empty()) {
        int rows = std::max(3, (bottom - y) / 4);
        y += waits.draw(c, y, std::min(rows, bottom - y), "Waits on", waiting, true);
    }

    std::vector<Line> warnings = warning_lines(*t, m, now, o);
    std::vector<Line> fields = field_lines(*t, s);
    const int fields_h = static_cast<int>(fields.size()) + 2;

    // Side by side from 72 columns, the task panel as wide as its lines
    // want, the waker panel at least 38 wide.
    const bool two = c.width() >= 72;
    auto plan = [&](bool short_rows, int& lw, std::vector<Line>& left, std::vector<Line>& right) {
        lw = two ? c.width() - 38 : c.width();
        left = task_lines(*t, s, now, o, lw - 2, short_rows);
        if (two) {
            int want = 0;
            for (const Line& l : left) want = std::max(want, width_of(l, o.ascii) + 2);
            lw = std::clamp(want, 30, c.width() - 38);
            left = task_lines(*t, s, now, o, lw - 2, short_rows);
        }
        right = waker_lines(*t, now, o, (two ? c.width() - lw : c.width()) - 2);
        return two ? std::max(left.size(), right.size()) + 2 : left.size() + right.size() + 4;
    };
    int lw;
    std::vector<Line> left, right;
    int warn_h = warnings.empty() ? 0 : static_cast<int>(warnings.size()) + 2;
    int top_h = static_cast<int>(plan(false, lw, left, right));
    // Short of rows: the state goes on the ID's line, the warnings lose
    // their frame.
    if (bottom - y - warn_h - top_h < kDurations) top_h = static_cast<int>(plan(true, lw, left, right));
    if (warn_h && bottom - y - warn_h - top_h < kDurations) warn_h -= 2;

    draw_warnings(c, y, warn_h, warnings);
    y += warn_h;
    int waker_h = static_cast<int>(right.size()) + 2;
    // The fields go under the waker panel when they would take the rows
    // the histograms need; otherwise the waker panel is as tall as the
    // task panel.
    int rest = bottom - y - top_h;
    bool fields_aside = two && rest < kDurations + fields_h && top_h - waker_h >= 3;
    if (two && !fields_aside) waker_h = top_h;
    if (two) {
        panel(c, 0, y, lw, top_h, "Task", left);
        panel(c, lw, y, c.width() - lw, waker_h, "Waker", right);
    } else {
        panel(c, 0, y, c.width(), static_cast<int>(left.size()) + 2, "Task", left);
        panel(c, 0, y + static_cast<int>(left.size()) + 2, c.width(), waker_h, "Waker", right);
    }
    y += top_h;

    int dur_h = fields_aside ? rest : std::max(std::min(rest, kDurations), rest - fields_h);
    if (fields_aside) panel(c, lw, y - top_h + waker_h, c.width() - lw, top_h - waker_h, "Fields", fields);
    draw_durations(c, y, dur_h, details, o);
    y += dur_h;
    if (!fields_aside && bottom - y >= 3) panel(c, 0, y, c.width(), bottom - y, "Fields", fields);
}

}  // namespace tui
