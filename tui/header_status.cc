#include "tui/header_status.h"

#include <algorithm>

#include "util/duration.h"

namespace tui {

std::string age_text(session::Clock::duration age) {
    return util::format_seconds(std::chrono::duration_cast<std::chrono::nanoseconds>(age).count());
}

std::string error_line(const session::SourceStatus& st, session::Clock::time_point now) {
    if (st.last_error.empty()) return "";
    if (st.link != session::SourceStatus::Link::Connected) return "error: " + st.last_error;
    if (now - st.connected_at >= kErrorShownFor || st.last_error_at > st.connected_at) return "";
    return "last error " + age_text(now - st.last_error_at) + " ago: " + st.last_error;
}

HeaderInfo header_info(const session::SourceStatus& st, session::Clock::time_point now) {
    HeaderInfo h;
    h.target = st.name;
    switch (st.link) {
    case session::SourceStatus::Link::Connecting:
        h.state = "CONNECTING";
        h.state_style = view::Style::Warn;
        break;
    case session::SourceStatus::Link::Connected:
        h.state = "CONNECTED";
        h.state_style = view::Style::Ok;
        break;
    case session::SourceStatus::Link::BackingOff: {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(st.retry_at - now).count();
        h.state = "RECONNECTING in " + util::format_duration(std::max<int64_t>(left, 0) * 1'000'000, 1, true);
        h.state_style = view::Style::Error;
        break;
    }
    case session::SourceStatus::Link::Closed:
        h.state = "CLOSED";
        h.state_style = view::Style::Error;
        break;
    }
    h.error = error_line(st, now);
    return h;
}

}  // namespace tui
