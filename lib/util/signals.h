// Signals as the program takes them: blocked on every thread, let in only
// inside the one wait of the loop (ppoll with the mask they were blocked
// from), so a signal can neither land on a thread that never wakes the
// loop nor slip in between the loop's check of the flag and its wait.
// The handlers only set a flag.
#pragma once

#include <csignal>

namespace util {

// Blocks SIGTERM, SIGHUP, SIGINT, SIGQUIT and SIGWINCH and installs the
// quit handlers.  Call in main before any thread starts: threads inherit
// the mask.  A SIGHUP ignored at start (nohup) stays ignored.
void block_signals();

// The mask from before block_signals(): the one to wait with.
const sigset_t& wait_mask();

// The quit signal that arrived, 0 while none has.
int quit_signal();

// From now on SIGHUP asks to read the configuration again instead of
// quitting (the exporter's targets file); unless it was ignored at start.
void hangup_reloads();
// Whether SIGHUP came since the last call.
bool take_reload();

}  // namespace util
