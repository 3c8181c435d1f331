// The program's own error lines on standard error, before the terminal is
// taken or after it is given back: start-up errors, usage errors, dump's
// failures.  Every one begins "error: ", as clap's do for upstream, so a
// script can tell them from anything else with one pattern; each is one
// line, the message's control characters escaped.
#pragma once

#include <string_view>

namespace util {

// "error: MESSAGE", then "hint: HINT" when a hint is given.
void report_error(std::string_view message, std::string_view hint = {});

}  // namespace util
