// The sort keys of every task, one array per key, kept beside the task
// rows.  Ordering a million tasks by a column then scans one or two small
// contiguous arrays instead of striding through the full rows.
//
// Invariant: element i of every array describes row i of the TaskTable,
// and is brought up to date (set()) whenever that row changes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/intern.h"
#include "model/task.h"
#include "model/time.h"
#include "util/huge_pages.h"

namespace model {

// An update of every task writes several of these arrays end to end, each
// 8 MB at a million tasks.  On 4 KiB pages that was 2,000 pages an array,
// and on a virtual machine the first write to each page since the host
// last looked costs microseconds (a full update's key pass took 13-18 ms
// or 90-110 ms from run to run); on huge pages it is four pages an array.
// From 8 MiB: the size of one at a million tasks, far above where the
// rounding to whole huge pages would cost memory.
constexpr size_t kKeysHugeFromBytes = size_t{8} << 20;
template <typename T>
using KeyArray = util::BigVector<T, kKeysHugeFromBytes>;

struct TaskKeys {
    KeyArray<uint64_t> id;       // the shown id
    KeyArray<Nanos> created;     // 0: not given
    KeyArray<Nanos> dropped;     // 0: live
    KeyArray<Nanos> busy;        // busy time up to the last snapshot
    KeyArray<Nanos> busy_from;   // start of the poll in progress, else 0
    KeyArray<Nanos> sched;       // scheduled time up to the last snapshot
    KeyArray<Nanos> sched_from;  // last wake while scheduled, else 0
    KeyArray<uint64_t> polls;
    KeyArray<uint8_t> state;  // TaskState
    KeyArray<uint8_t> warns;  // how many lints fire
    KeyArray<StrId> name, kind, location;
    KeyArray<StrId> field;  // the first field's text, 0 if none

    size_t size() const { return id.size(); }
    void push_back(const Task& t);
    void reserve(size_t n);
    // Row i now holds `t`.
    void set(size_t i, const Task& t);
    // Only the parts that a stats snapshot or a relint changes.
    void set_stats(size_t i, const Task& t);
    void set_warns(size_t i, uint16_t warnings) { warns[i] = static_cast<uint8_t>(__builtin_popcount(warnings)); }
    // Row `from` moves to row `to`, as when the last row fills a hole.
    void move(size_t from, size_t to);
    void pop_back();

    // The same values as Task's methods of these names.
    Nanos total_at(size_t i, Nanos now) const {
        return dropped[i] ? since(dropped[i], created[i]) : since(now, created[i]);
    }
    Nanos busy_at(size_t i, Nanos now) const { return busy_from[i] ? busy[i] + since(now, busy_from[i]) : busy[i]; }
    Nanos sched_at(size_t i, Nanos now) const {
        return sched_from[i] ? sched[i] + since(now, sched_from[i]) : sched[i];
    }
    Nanos idle_at(size_t i, Nanos now) const {
        Nanos t = total_at(i, now), used = busy_at(i, now) + sched_at(i, now);
        return t > used ? t - used : 0;
    }
};

}  // namespace model
