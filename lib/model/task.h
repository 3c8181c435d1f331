// One task as the console knows it: what its spawn announced (name, kind,
// location, fields) and its latest stats snapshot.  Times are nanoseconds
// on the server's clock; 0 means "not given".
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/field.h"
#include "model/intern.h"
#include "model/time.h"
#include "proto/update_reader.h"
#include "tasks.pb.h"

namespace model {

enum class TaskState : uint8_t { Running, Scheduled, Idle, Done };

struct TaskStats {
    Nanos created_at = 0;
    Nanos dropped_at = 0;
    Nanos last_wake = 0;
    Nanos first_poll = 0;
    Nanos last_poll_started = 0;
    Nanos last_poll_ended = 0;
    Nanos busy = 0;
    Nanos scheduled = 0;
    uint64_t polls = 0;
    uint64_t wakes = 0;
    uint64_t waker_clones = 0;
    uint64_t waker_drops = 0;
    uint64_t self_wakes = 0;

    void assign(const tokio_console::view::TaskStatsValues& v);
};

// A task's parent spans.  Most tasks have none: one pointer, not a
// vector's three words, which at a million tasks is 16 MB.
class SpanList {
public:
    SpanList() = default;
    SpanList(const SpanList& o) : ids_(o.ids_ ? std::make_unique<std::vector<uint64_t>>(*o.ids_) : nullptr) {}
    SpanList& operator=(const SpanList& o) {
        if (this != &o) *this = SpanList(o);
        return *this;
    }
    SpanList(SpanList&&) noexcept = default;
    SpanList& operator=(SpanList&&) noexcept = default;

    void clear() { ids_.reset(); }
    void push_back(uint64_t id) {
        if (!ids_) ids_ = std::make_unique<std::vector<uint64_t>>();
        ids_->push_back(id);
    }
    size_t size() const { return ids_ ? ids_->size() : 0; }
    const uint64_t* begin() const { return ids_ ? ids_->data() : nullptr; }
    const uint64_t* end() const { return ids_ ? ids_->data() + ids_->size() : nullptr; }

private:
    std::unique_ptr<std::vector<uint64_t>> ids_;
};

struct Task {
    uint64_t span_id = 0;  // the server's id for the task's span
    uint64_t id = 0;       // shown: tokio's task.id field, else a sequence number
    bool has_task_id = false;
    bool has_stats = false;
    bool blocking = false;  // kind "blocking" or "block_on": exempt from most lints
    uint16_t warnings = 0;  // bit per Lint
    StrId name = 0;
    StrId kind = 0;
    StrId target = 0;
    StrId location = 0;
    uint32_t long_poll_p99_us = 0;  // from task details, 0 = unknown
    int64_t size_bytes = -1;
    int64_t original_size_bytes = -1;
    std::vector<Field> fields;
    SpanList parents;
    TaskStats stats;

    bool completed() const { return stats.dropped_at != 0; }
    bool running() const { return stats.last_poll_started > stats.last_poll_ended; }
    bool scheduled_now() const { return stats.last_wake > stats.last_poll_started; }
    TaskState state() const;

    // Durations at server time `now`; a live task's grow with the clock.
    Nanos total(Nanos now) const;
    Nanos busy(Nanos now) const;
    Nanos scheduled(Nanos now) const;
    Nanos idle(Nanos now) const;

    uint64_t waker_count() const {
        return stats.waker_clones > stats.waker_drops ? stats.waker_clones - stats.waker_drops : 0;
    }
    uint64_t self_wake_percent() const { return stats.wakes ? stats.self_wakes * 100 / stats.wakes : 0; }
    // Woken and not yet polled since, or never polled.
    bool awakened() const { return stats.polls == 0 || stats.last_wake > stats.last_poll_started; }
};

const char* state_name(TaskState s);

}  // namespace model
