#include "program/header_status.h"

#include <cstdio>

namespace program {

std::string age_text(Clock::duration age) {
    long long s = std::chrono::duration_cast<std::chrono::seconds>(age).count();
    if (s < 0) s = 0;
    if (s < 120) return std::to_string(s) + " s";
    if (s < 7200) return std::to_string(s / 60) + " min";
    return std::to_string(s / 3600) + " h";
}

std::string error_line(const SourceStatus& st, Clock::time_point now) {
    if (st.last_error.empty()) return "";
    if (st.link != SourceStatus::Link::Connected) return "error: " + st.last_error;
    if (now - st.connected_at >= kErrorShownFor || st.last_error_at > st.connected_at) return "";
    return "last error " + age_text(now - st.last_error_at) + " ago: " + st.last_error;
}

tui::HeaderInfo header_info(const SourceStatus& st, Clock::time_point now) {
    tui::HeaderInfo h;
    h.target = st.name;
    switch (st.link) {
    case SourceStatus::Link::Connecting:
        h.state = "CONNECTING";
        h.state_style = tui::Style::Warn;
        break;
    case SourceStatus::Link::Connected:
        h.state = "CONNECTED";
        h.state_style = tui::Style::Ok;
        break;
    case SourceStatus::Link::BackingOff: {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(st.retry_at - now).count();
        char buf[64];
        snprintf(buf, sizeof buf, "RECONNECTING in %.1fs", (left < 0 ? 0 : left) / 1000.0);
        h.state = buf;
        h.state_style = tui::Style::Error;
        break;
    }
    case SourceStatus::Link::Closed:
        h.state = "CLOSED";
        h.state_style = tui::Style::Error;
        break;
    }
    h.error = error_line(st, now);
    return h;
}

}  // namespace program
