// `tokio-console dump`: the headless front end.  It takes its events
// from a Source as the console does, feeds the same Model, and instead
// of drawing prints snapshots (program/dump_rows.h, dump_writer.h) to
// standard output: once after the first full update and --wait, or every
// --interval with --watch.  No terminal is needed; standard error gets
// errors only.
#pragma once

#include <vector>

#include "config/settings.h"
#include "config/targets.h"

namespace program {

// Exit statuses, as tokio-console(1) gives them.
enum DumpStatus { kDumpOk = 0, kDumpFailed = 1, kDumpUsage = 2, kDumpUnreachable = 3 };

// Runs the dump of settings.dump; returns the process exit status.
// Errors are one line on standard error.
// `targets`: config::targets_of(settings), checked (ignored with --from).
int run_dump(const config::Settings& settings, const std::vector<config::NamedTarget>& targets);

}  // namespace program
