// `tokio-console exporter`: the settings turned into the exporter's
// options (lib/exporter), then its loop with the program's signals.
#pragma once

#include <vector>

#include "config/settings.h"
#include "config/targets.h"

namespace program {

// Over `targets` (config::targets_of, as the console's), read again on
// SIGHUP as the console does.  Exit status: 0 when stopped by a signal, 2
// when it cannot start (an address that cannot be listened on, a TLS file
// that cannot be read), 1 for other failures.
int run_exporter(const config::Settings& settings, const std::vector<config::NamedTarget>& targets);

}  // namespace program
