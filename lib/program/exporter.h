// `tokio-console exporter`: the settings turned into the exporter's
// options (lib/exporter), then its loop with the program's signals.
#pragma once

#include "config/settings.h"

namespace program {

// Exit status: 0 when stopped by a signal, 2 when it cannot start (a bad
// target list, an address that cannot be listened on, a TLS file that
// cannot be read), 1 for other failures.
int run_exporter(const config::Settings& settings);

}  // namespace program
