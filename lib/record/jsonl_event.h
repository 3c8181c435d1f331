// One event of console-subscriber's own recording (the file named by
// TOKIO_CONSOLE_RECORD_PATH): newline-delimited JSON, a header {"v":1},
// then one object per line with a single key, Spawn, Enter, Exit, Close
// or Waker.  parse_event() checks every name and type and says what is
// wrong in one phrase; it never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common.pb.h"

namespace record {

struct JsonlEvent {
    enum class Type { Spawn, Enter, Exit, Close, Waker };
    enum class Op { Clone, Drop, Wake, WakeByRef };
    Type type = Type::Enter;
    uint64_t id = 0;                                        // the span id of the task
    int64_t at_ns = 0;                                      // since the Unix epoch
    std::vector<rs::tokio::console::common::Field> fields;  // Spawn
    Op op = Op::Clone;                                      // Waker
    bool self_wake = false;
};

// Longer lines are refused without being parsed.
inline constexpr size_t kMaxJsonlLine = 1 << 20;

// Parses one event line; false with `why` ("not JSON", "'at' is not ...").
bool parse_event(std::string_view line, JsonlEvent& e, std::string& why);
// The version in a header line, or -1 when the line is not a header.
int parse_header(std::string_view line);

}  // namespace record
