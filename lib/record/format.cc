// Names and numbers for messages about recordings.
#include "record/format.h"

namespace record {

const char* kind_name(Kind k) {
    switch (k) {
    case Kind::Update: return "update";
    case Kind::State: return "state";
    case Kind::TaskDetails: return "task details";
    case Kind::Connected: return "connected";
    case Kind::Disconnected: return "disconnected";
    case Kind::Keyframe: return "keyframe";
    case Kind::App: return "app";
    }
    return "unknown";
}

}  // namespace record
