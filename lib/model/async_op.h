// One async operation on a resource (a lock acquisition, a sleep...) as
// the console knows it: the resource it works on, the task that polls it,
// its poll stats.  `id` is the console's sequential number, as upstream
// shows; the others are the server's span ids.  Times are nanoseconds on
// the server's clock; 0 is "not given".
#pragma once

#include <cstdint>
#include <vector>

#include "model/field.h"
#include "model/intern.h"
#include "model/time.h"

namespace model {

struct AsyncOp {
    uint64_t span_id = 0;
    uint64_t id = 0;
    uint64_t parent_span = 0;  // 0: no parent
    uint64_t parent_id = 0;    // the parent's display id; 0: none
    uint64_t resource_span = 0;
    uint64_t resource_id = 0;  // the resource's display id
    uint64_t task_span = 0;    // from the stats; 0: not polled by a task yet
    uint64_t meta_id = 0;
    StrId source = 0;  // e.g. "Mutex::lock"
    bool has_stats = false;
    Nanos created_at = 0;
    Nanos dropped_at = 0;
    Nanos first_poll = 0;
    Nanos last_poll_started = 0;
    Nanos last_poll_ended = 0;
    Nanos busy_time = 0;  // as last reported
    uint64_t polls = 0;
    std::vector<Field> attributes;  // sorted; see attribute.h

    bool dropped() const { return dropped_at != 0; }
    bool polling() const { return last_poll_started > last_poll_ended; }
    // Durations at server time `now`; a live op's grow with the clock.
    Nanos total(Nanos now) const { return since(dropped() ? dropped_at : now, created_at); }
    Nanos busy(Nanos now) const {
        if (!dropped() && polling()) return busy_time + since(now, last_poll_started);
        return busy_time;
    }
    Nanos idle(Nanos now) const { return since(total(now), busy(now)); }
};

enum class AsyncOpColumn : uint8_t { Id, Parent, Task, Source, Total, Busy, Idle, Polls, Attributes };
constexpr int kAsyncOpColumnCount = 9;
const char* async_op_column_name(AsyncOpColumn c);

}  // namespace model
