// libprotobuf reports what it refuses (invalid UTF-8 in a string field,
// a message that does not parse) on stderr, which is the console's screen
// and the headless output's error channel: the program sends it to the
// log instead, from start to exit, whatever the subcommand.
#pragma once

namespace program {

void route_protobuf_logs();

}  // namespace program
