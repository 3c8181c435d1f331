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

struct TaskKeys {
    util::BigVector<uint64_t> id;       // the shown id
    util::BigVector<Nanos> created;     // 0: not given
    util::BigVector<Nanos> dropped;     // 0: live
    util::BigVector<Nanos> busy;        // busy time up to the last snapshot
    util::BigVector<Nanos> busy_from;   // start of the poll in progress, else 0
    util::BigVector<Nanos> sched;       // scheduled time up to the last snapshot
    util::BigVector<Nanos> sched_from;  // last wake while scheduled, else 0
    util::BigVector<uint64_t> polls;
    util::BigVector<uint8_t> state;  // TaskState
    util::BigVector<uint8_t> warns;  // how many lints fire
    util::BigVector<StrId> name, kind, location;
    util::BigVector<StrId> field;  // the first field's text, 0 if none

    size_t size() const { return id.size(); }
    void push_back(const Task& t);
    // Row i now holds `t`.
    void set(size_t i, const Task& t);
    // Only the parts that a stats snapshot or a relint changes.
    void set_stats(size_t i, const Task& t);
    void set_warns(size_t i, uint16_t warnings) { warns[i] = static_cast<uint8_t>(__builtin_popcount(warnings)); }
    // Row `from` moves to row `to`, as when the last row fills a hole.
    void move(size_t from, size_t to);
    void pop_back();
    void clear();

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
