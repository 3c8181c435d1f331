// The interactive console: connects to the target, feeds the model and
// draws it until the user quits.
#pragma once

#include "config/settings.h"

namespace tui {

// Runs the console; returns the process exit status.
int run(const config::Settings& settings);

}  // namespace tui
