#include "tui/header.h"

namespace tui {

int draw_header(Canvas& c, const HeaderInfo& h, const model::Model& m) {
    int y = 0;
    int x = c.text(0, y, "connection: ", Style::Bold);
    x += c.text(x, y, h.target, Style::Normal);
    x += c.text(x, y, " (", Style::Normal);
    x += c.text(x, y, h.state, h.state_style);
    x += c.text(x, y, ")", Style::Normal);
    if (h.insecure) x += c.text(x, y, "  TLS NOT VERIFIED", Style::Error);
    switch (m.temporality()) {
    case model::Temporality::Paused: x += c.text(x, y, "  PAUSED", Style::Warn); break;
    case model::Temporality::Pausing: x += c.text(x, y, "  PAUSING", Style::Warn); break;
    case model::Temporality::Unpausing: x += c.text(x, y, "  UNPAUSING", Style::Warn); break;
    default: break;
    }
    if (!h.state_supported) x += c.text(x, y, "  (pause state unknown: subscriber cannot report it)", Style::Dim);
    uint64_t dropped = m.tasks().dropped_events();
    if (dropped) x += c.text(x, y, "  dropped: " + std::to_string(dropped) + " task events", Style::Warn);
    y++;
    if (!h.error.empty()) c.text(0, y++, "error: " + h.error, Style::Error);
    else if (!h.notice.empty()) c.text(0, y++, h.notice, Style::Info);

    x = c.text(0, y, "views: ", Style::Bold);
    x += c.text(x, y, "t", Style::Key);
    x += c.text(x, y, " = tasks, ", Style::Normal);
    x += c.text(x, y, "r", Style::Key);
    x += c.text(x, y, " = resources, ", Style::Normal);
    x += c.text(x, y, "?", Style::Key);
    c.text(x, y, " = help", Style::Normal);
    y++;
    x = c.text(0, y, "controls: ", Style::Bold);
    c.text(x, y, h.controls, Style::Normal);
    return y + 1;
}

}  // namespace tui
