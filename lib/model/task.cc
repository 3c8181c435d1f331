#include "model/task.h"

namespace model {

void TaskStats::assign(const tokio_console::view::TaskStatsValues& v) {
    created_at = v.created_at;
    dropped_at = v.dropped_at;
    last_wake = v.last_wake;
    first_poll = v.first_poll;
    last_poll_started = v.last_poll_started;
    last_poll_ended = v.last_poll_ended;
    busy = v.busy;
    scheduled = v.scheduled;
    polls = v.polls;
    wakes = v.wakes;
    waker_clones = v.waker_clones;
    waker_drops = v.waker_drops;
    self_wakes = v.self_wakes;
}

TaskState Task::state() const {
    if (completed()) return TaskState::Done;
    if (running()) return TaskState::Running;
    if (scheduled_now()) return TaskState::Scheduled;
    return TaskState::Idle;
}

Nanos Task::total(Nanos now) const {
    if (completed()) return since(stats.dropped_at, stats.created_at);
    return since(now, stats.created_at);
}

Nanos Task::busy(Nanos now) const {
    if (!completed() && stats.last_poll_started && running()) return stats.busy + since(now, stats.last_poll_started);
    return stats.busy;
}

Nanos Task::scheduled(Nanos now) const {
    if (!completed() && stats.last_wake && scheduled_now()) return stats.scheduled + since(now, stats.last_wake);
    return stats.scheduled;
}

Nanos Task::idle(Nanos now) const {
    Nanos t = total(now), used = busy(now) + scheduled(now);
    return t > used ? t - used : 0;
}

const char* state_name(TaskState s) {
    switch (s) {
    case TaskState::Running: return "running";
    case TaskState::Scheduled: return "scheduled";
    case TaskState::Idle: return "idle";
    case TaskState::Done: return "done";
    }
    return "?";
}

}  // namespace model
