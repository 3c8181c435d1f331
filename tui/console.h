// The interactive console: the TUI's own loop over one session.  It
// waits with one ppoll on the terminal, the session's source and the next
// frame; lets the session apply what came, hands the keys to the screen
// (tui::Ui) and carries out the actions they ask for.  bin/ makes the
// session (a live connection or a recording) and hands it over.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "model/task_groups.h"
#include "session/fleet.h"
#include "tui/terminal.h"
#include "view/draw_options.h"

namespace tui {

struct ConsoleOptions {
    view::DrawOptions draw;
    ColorDepth colors = ColorDepth::Ansi256;
    std::string filter;  // the task list's, checked already
    model::GroupBy group_by = model::GroupBy::None;
    bool group_by_app = false;  // several targets: a header row per application
    bool insecure = false;  // the header marks a connection without checks
    // Reads the targets again on SIGHUP (--targets-file): the (name,
    // address) pairs, or false with a one-line error; none: SIGHUP quits.
    std::function<bool(std::vector<std::pair<std::string, std::string>>&, std::string&)> reload_targets;
};

// Checks that standard input and output are a terminal (else says so and
// returns false) and sets the process up for the console.  Before the
// session is made, so that nothing is recorded when the console cannot run.
bool prepare_terminal();

// Runs the console over the fleet's targets (one, or several: the lists
// show one target at a time, chosen in the targets view) until the user
// quits or a signal comes; returns the process exit status.
int run_console(const ConsoleOptions& o, session::Fleet& fleet);

}  // namespace tui
