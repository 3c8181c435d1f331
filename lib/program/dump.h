// `tokio-console dump`: the headless front end.  It takes its events
// from a Source as the console does, feeds the same Model, and instead
// of drawing prints snapshots (program/dump_rows.h, dump_writer.h) to
// standard output: once after the first full update and --wait, or every
// --interval with --watch.  No terminal is needed; standard error gets
// errors only.
#pragma once

#include "config/settings.h"

namespace program {

// Exit statuses, as tokio-console(1) gives them.
enum DumpStatus { kDumpOk = 0, kDumpFailed = 1, kDumpUsage = 2, kDumpUnreachable = 3 };

// Runs the dump of settings.dump; returns the process exit status.
// Errors are one line on standard error.
int run_dump(const config::Settings& settings);

}  // namespace program
