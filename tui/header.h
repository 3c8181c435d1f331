// The header: where we are connected and how that goes, whether the
// stream is paused, dropped events, then the views line and the controls
// of the current view.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "view/canvas.h"

namespace tui {

// A recording's playback: a line with its state and a bar of its length
// (position, markers where the connection dropped), the replay keys, and
// a note (what the format lacks, where a damaged file ends) when any.
struct Timeline {
    std::string state;  // "PLAYING 2x", "PAUSED", "END"
    uint64_t position_ns = 0;
    uint64_t length_ns = 0;
    std::vector<uint64_t> drops_ns;
    std::string note;
};

struct HeaderInfo {
    std::string target;
    std::string state;  // "CONNECTED", "CONNECTING", "RECONNECTING in 2.0s", ...
    view::Style state_style = view::Style::Normal;
    std::string error;                 // the last error, one line, drawn as it is
    std::string notice;                // e.g. the result of the last pause request
    bool insecure = false;             // TLS without verification
    std::string controls;              // the current view's keys: "k/j = move, q = quit"
    std::string views;                 // the keys to the views: "t = tasks, ..."
    std::string playback;              // a recording's keys, on its timeline
    std::optional<Timeline> timeline;  // replaying
    // Several targets: "2 of 3 connected; api: connection refused"
    // (tui/fleet_status.h); empty with one.
    std::string fleet;
    bool fleet_ok = true;  // every target connected
    // What leads the fleet's line; the line has the rest of the width.
    static constexpr std::string_view kFleetLabel = "targets: ";
};

// Draws from row 0; returns the number of rows used.
int draw_header(view::Canvas& c, const HeaderInfo& h, const model::Model& m);

}  // namespace tui
