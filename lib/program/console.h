// The interactive console: the program's one loop.  It waits with one
// ppoll on the terminal, the source and the next frame; passes the
// source's events to the model, the keys to the screen (tui::Ui), and
// carries out the actions the keys ask for.
#pragma once

#include <string>

#include "config/settings.h"

namespace program {

// Runs the console on the live source of settings.target; returns the
// process exit status.  Needs a terminal on standard input and output.
int run_console(const config::Settings& settings);
// Runs the console over the recording at `path` (replay), from
// settings.start_ns.
int run_replay(const config::Settings& settings, const std::string& path);

}  // namespace program
