#include "model/dropped_events.h"

namespace model {

const char* event_kind_name(EventKind k) {
    switch (k) {
    case EventKind::Tasks: return "tasks";
    case EventKind::Resources: return "resources";
    case EventKind::AsyncOps: return "async ops";
    }
    return "?";
}

}  // namespace model
