// The colours the terminal is given, decided once at start from the
// settings and NO_COLOR.  Apart from options.h because it names the TUI's
// ColorDepth, which `tokio-console dump` has no use for.
#pragma once

#include "config/settings.h"
#include "tui/terminal.h"

namespace tui {

ColorDepth decide_colors(const config::Settings& s);

}  // namespace tui
