#include "tui/header.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "model/dropped_events.h"
#include "model/history.h"
#include "util/duration.h"
#include "view/glyphs.h"

namespace tui {

using view::Canvas;
using view::display_width;
using view::glyphs;
using view::Style;

namespace {

// The last `width` values as a one-line bar chart, scaled to their maximum.
std::string sparkline(const std::vector<double>& v, int width, bool ascii) {
    const char* const* bars = glyphs(ascii).bars;
    std::string out;
    size_t from = v.size() > static_cast<size_t>(width) ? v.size() - width : 0;
    double top = 0;
    for (size_t i = from; i < v.size(); i++)
        if (std::isfinite(v[i])) top = std::max(top, v[i]);
    for (size_t i = from; i < v.size(); i++) {
        // Rates from the peer may be anything: only finite, positive ones count.
        double f = top > 0 && std::isfinite(v[i]) && v[i] > 0 ? v[i] / top : 0.0;
        int level = static_cast<int>(f * 7.0 + 0.5);
        out += bars[1 + (level < 0 ? 0 : level > 7 ? 7 : level)];
    }
    return out;
}

std::string count(double v) {
    char buf[32];
    if (!std::isfinite(v) || v < 0) v = 0;
    if (v >= 10000)
        snprintf(buf, sizeof buf, "%.0fk", v / 1000);
    else
        snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

// The bar: '=' played, '-' to come, '|' where we stand, 'x' a drop.
std::string timeline_bar(const Timeline& t, int width, bool ascii) {
    std::vector<int> cells(static_cast<size_t>(width), 0);  // 0 to come, 1 played, 2 drop
    auto cell = [&](uint64_t ns) {
        if (t.length_ns == 0) return 0;
        long c = static_cast<long>(static_cast<double>(ns) / static_cast<double>(t.length_ns) * (width - 1));
        return static_cast<int>(std::clamp(c, 0L, static_cast<long>(width - 1)));
    };
    int at = t.length_ns ? cell(t.position_ns) : 0;
    for (int i = 0; i < at; i++) cells[static_cast<size_t>(i)] = 1;
    for (uint64_t d : t.drops_ns) cells[static_cast<size_t>(cell(d))] = 2;
    std::string out;
    for (int i = 0; i < width; i++) {
        if (i == at)
            out += ascii ? "|" : "\u25cf";
        else if (cells[static_cast<size_t>(i)] == 2)
            out += ascii ? "x" : "\u2717";
        else if (cells[static_cast<size_t>(i)] == 1)
            out += ascii ? "=" : "\u2501";
        else
            out += ascii ? "-" : "\u2500";
    }
    return out;
}

// A label ("controls: ") and its keys, ", "-separated; what does not fit
// wraps onto further lines under the first key, as upstream's controls
// do, and is cut only when one item alone is wider than the line.
int draw_keys(Canvas& c, int y, const char* label, const std::string& controls) {
    const int indent = c.text(0, y, label, Style::Bold);
    int x = indent;
    size_t at = 0;
    while (at < controls.size()) {
        size_t end = controls.find(", ", at);
        bool last = end == std::string::npos;
        std::string item = controls.substr(at, last ? std::string::npos : end - at) + (last ? "" : ",");
        int w = display_width(item, c.ascii());
        if (x > indent && x + 1 + w > c.width()) {
            y++;
            x = indent;
        } else if (x > indent) {
            x++;
        }
        x += c.text(x, y, item, Style::Normal);
        at = last ? controls.size() : end + 2;
    }
    return y + 1;
}

// "views: t = tasks, r = resources": each key in the key style.
int draw_views(Canvas& c, int y, const std::string& views) {
    int x = c.text(0, y, "views: ", Style::Bold);
    for (size_t at = 0; at < views.size();) {
        size_t end = views.find(", ", at), eq = views.find(" = ", at);
        if (end == std::string::npos) end = views.size();
        if (eq < end) {
            x += c.text(x, y, views.substr(at, eq - at), Style::Key);
            at = eq;
        }
        x += c.text(x, y, views.substr(at, std::min(end + 2, views.size()) - at), Style::Normal);
        at = end + 2;
    }
    return y + 1;
}

int draw_timeline(Canvas& c, int y, const Timeline& t, const std::string& keys) {
    int x = c.text(0, y, "replay: ", Style::Bold);
    x += c.text(x, y, t.state, t.state == "PLAYING" || t.state.rfind("PLAYING", 0) == 0 ? Style::Ok : Style::Warn);
    // Whole seconds in the one duration grammar, so that --start reads them.
    std::string times = " " + util::format_seconds(static_cast<int64_t>(t.position_ns)) + " / " +
                        util::format_seconds(static_cast<int64_t>(t.length_ns)) + " ";
    x += c.text(x, y, times, Style::Normal);
    int w = c.width() - x - 1;
    if (w >= 10) c.text(x, y, timeline_bar(t, w, c.ascii()), Style::Info);
    y++;
    y = draw_keys(c, y, "playback: ", keys);
    if (!t.note.empty()) c.text(0, y++, t.note, Style::Warn);
    return y;
}

}  // namespace

int draw_header(Canvas& c, const HeaderInfo& h, const model::Model& m) {
    int y = 0;
    int x = c.text(0, y, "connection: ", Style::Bold);
    x += c.text(x, y, h.target, Style::Normal);
    x += c.text(x, y, " (", Style::Normal);
    x += c.text(x, y, h.state, h.state_style);
    x += c.text(x, y, ")", Style::Normal);
    if (h.insecure) x += c.text(x, y, "  TLS NOT VERIFIED", Style::Error);
    switch (m.temporality()) {
    case model::Temporality::Paused: x += c.text(x, y, "  PAUSED", Style::Paused); break;
    case model::Temporality::Pausing: x += c.text(x, y, "  PAUSING", Style::Pausing); break;
    case model::Temporality::Unpausing: x += c.text(x, y, "  UNPAUSING", Style::Unpausing); break;
    default: break;
    }
    // Part way through an update the rows are some from it, some from the
    // one before.
    if (m.updating()) x += c.text(x, y, "  updating", Style::Dim);
    if (!m.state_reported()) x += c.text(x, y, "  (pause state unknown: subscriber cannot report it)", Style::Dim);
    // Dropped events by kind; what is new since the last key press stands out.
    const model::DroppedEvents& d = m.dropped();
    if (d.total()) {
        std::string text = "  dropped:";
        for (int k = 0; k < model::kEventKindCount; k++) {
            auto kind = static_cast<model::EventKind>(k);
            if (d.total(kind)) text += " " + std::to_string(d.total(kind)) + " " + model::event_kind_name(kind);
        }
        if (d.unseen()) text += " (+" + std::to_string(d.unseen()) + " new)";
        x += c.text(x, y, text, d.unseen() ? Style::Warn : Style::Dim);
    }
    // Sparklines of live tasks and polls per second, from the history ring.
    const model::History& hist = m.history();
    int room = c.width() - x - 2;
    if (hist.size() >= 2 && room >= 30) {
        int w = std::min(20, (room - 26) / 2);
        std::vector<double> tasks, polls;
        for (size_t i = 0; i < hist.size(); i++) {
            const auto& s = hist.at(i);
            tasks.push_back(s.running + s.scheduled + s.idle);
            polls.push_back(s.polls_per_sec);
        }
        std::string line = "tasks " + sparkline(tasks, w, c.ascii()) + " " + count(tasks.back()) + "  polls/s " +
                           sparkline(polls, w, c.ascii()) + " " + count(polls.back());
        c.text_right(x, y, c.width() - x, line, Style::Info);
    }
    y++;
    if (!h.fleet.empty()) {
        int fx = c.text(0, y, HeaderInfo::kFleetLabel, Style::Bold);
        c.text(fx, y++, h.fleet, h.fleet_ok ? Style::Ok : Style::Warn);
    }
    if (h.timeline) y = draw_timeline(c, y, *h.timeline, h.playback);
    if (!h.error.empty())
        c.text(0, y++, h.error, Style::Error);
    else if (!h.notice.empty())
        c.text(0, y++, h.notice, Style::Info);

    y = draw_views(c, y, h.views);
    return draw_keys(c, y, "controls: ", h.controls);
}

}  // namespace tui
