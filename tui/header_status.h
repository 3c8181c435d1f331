// The header's account of the source: its state ("CONNECTED",
// "RECONNECTING in 2.0s", ...) and the last error.  An error is shown
// while the link is down, and after it is up again, with its age ("last
// error 12s ago: ..."), until the link has held for kErrorShownFor, so
// that a brief disconnect can still be read.
#pragma once

#include <string>

#include "session/source.h"
#include "tui/header.h"

namespace tui {

inline constexpr std::chrono::seconds kErrorShownFor{30};

// The error line, empty when there is nothing to say.
std::string error_line(const session::SourceStatus& st, session::Clock::time_point now);
// Whole seconds, as util::format_seconds writes them: "12s", "2m30s".
std::string age_text(session::Clock::duration age);
// Target, state and error; the rest of the header is the caller's.
HeaderInfo header_info(const session::SourceStatus& st, session::Clock::time_point now);

}  // namespace tui
