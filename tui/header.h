// The header: where we are connected and how that goes, whether the
// stream is paused, dropped events, then the views line and the controls
// of the current view.
#pragma once

#include <cstdint>
#include <string>

#include "model/model.h"
#include "tui/canvas.h"

namespace tui {

struct HeaderInfo {
    std::string target;
    std::string state;      // "CONNECTED", "CONNECTING", "RECONNECTING in 2.0s", ...
    Style state_style = Style::Normal;
    std::string error;      // the last error, one line, drawn as it is
    std::string notice;     // e.g. the result of the last pause request
    bool insecure = false;  // TLS without verification
    std::string controls;   // the current view's keys
};

// Draws from row 0; returns the number of rows used.
int draw_header(Canvas& c, const HeaderInfo& h, const model::Model& m);

}  // namespace tui
