// The replay's keys and its line on the header: what the program does
// with a recording's playback beside feeding its events to the model.
#pragma once

#include <string>

#include "session/source.h"
#include "tui/header.h"
#include "tui/ui.h"

namespace tui {

// Carries out a playback action (the keys of tui::keys::playback); false
// when `a` is not one.
bool play(session::Playback& src, const Action& a);
// The header's timeline as playback stands.
Timeline replay_timeline(const session::Playback& src);
// What the details view lacks when the task was not watched while
// recording; "" when its details are there or no details view is open.
std::string replay_details_note(uint64_t task, bool have_details);

}  // namespace tui
