// Why a task is stuck: what it waits on now and who holds that, joined
// from the poll ops, the async ops and the resources' attributes.  Only
// what the data shows; where it does not tell, the answer says unknown.
//
// A task waits on a resource when its latest poll op on it was not ready,
// and neither the task, the resource nor the async op that poll named has
// ended.  An internal resource (a Mutex's semaphore) is left out when the
// task also waits on its parent.  The wait began when that async op was
// first polled (the await began then and has not completed); without the
// op's stats, at or before the update that brought the first pending poll
// op of the wait, so the time waited is then a lower bound.
//
// A resource is a lock when it has a bool `locked` (Mutex) or
// `write_locked` (RwLock) attribute.  While it is locked, the holder is
// the task whose ready poll of it came last (for an RwLock, of a `write`
// op), unless that task has completed; a lock taken without a poll op
// (try_lock) is not seen, so then the holder shown is the last one seen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"

namespace model {

// How a start time is known.
enum class Since : uint8_t { Exact, AtLeast, Unknown };

struct Wait {
    uint64_t task_span = 0;
    uint64_t resource_span = 0;
    uint64_t async_op_span = 0;  // 0: the poll op named none
    Nanos began = 0;             // server time
    Since how = Since::Unknown;

    Nanos waited(Nanos now) const { return how == Since::Unknown ? 0 : since(now, began); }
};

enum class LockState : uint8_t { NotALock, Free, Held };

struct Hold {
    LockState state = LockState::NotALock;
    uint64_t holder_span = 0;  // 0: unknown
    Nanos since_time = 0;      // server time it was taken
    Since how = Since::Unknown;
    uint64_t readers = 0;  // an RwLock held for reading: how many
};

// A wait on an internal resource (a Mutex's semaphore) whose parent the
// same task waits on too: the parent says it all, so the wait is left
// out wherever waits are shown or counted.
bool behind_parent(const Model& m, const Wait& w);

// What the task waits on now, by resource id; none behind its parent.
std::vector<Wait> waits_of_task(const Model& m, uint64_t task_span);
// The tasks waiting on the resource now, longest wait first (an internal
// resource's included: a caller that counts waits leaves out those
// behind_parent()).
std::vector<Wait> waiters_of(const Model& m, uint64_t resource_span);
Hold hold_of(const Model& m, uint64_t resource_span);

// A wait counts as blocked when the task is idle, the resource is not a
// timer (a sleep is waited on by design), and it has waited `after` or
// longer by what the data shows.
bool blocked(const Model& m, const Wait& w, Nanos now, Nanos after);

// Text: "Sync Mutex at src/db/pool.rs:41:23"
std::string resource_words(const Model& m, uint64_t resource_span);
// "task 42 (db-worker)", or "task ?" when the task is not known.
std::string task_words(const Model& m, uint64_t task_span);
// "waiting 12.3s", "waiting at least 2s", "waiting (since unknown)".
std::string waited_words(const Wait& w, Nanos now, bool ascii);
// "held since 14.0s by task 42 (db-worker)", "held, holder unknown",
// "not held"; empty when the resource is not a lock.
std::string hold_words(const Model& m, const Hold& h, Nanos now, bool ascii);
// The whole line of a wait: resource, time, holder.
std::string describe_wait(const Model& m, const Wait& w, Nanos now, bool ascii);

}  // namespace model
