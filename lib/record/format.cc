// Names and numbers for messages about recordings.
#include "record/format.h"

#include <cstdio>

namespace record {

const char* kind_name(Kind k) {
    switch (k) {
    case Kind::Update: return "update";
    case Kind::State: return "state";
    case Kind::TaskDetails: return "task details";
    case Kind::Connected: return "connected";
    case Kind::Disconnected: return "disconnected";
    case Kind::Keyframe: return "keyframe";
    }
    return "unknown";
}

std::string human_seconds(uint64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ns) / 1e9);
    return buf;
}

}  // namespace record
