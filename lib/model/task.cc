#include "model/task.h"

namespace model {

void TaskStats::assign(const rs::tokio::console::tasks::Stats& pb) {
    created_at = pb.has_created_at() ? from_proto(pb.created_at()) : 0;
    dropped_at = pb.has_dropped_at() ? from_proto(pb.dropped_at()) : 0;
    last_wake = pb.has_last_wake() ? from_proto(pb.last_wake()) : 0;
    const auto& ps = pb.poll_stats();
    polls = ps.polls();
    first_poll = ps.has_first_poll() ? from_proto(ps.first_poll()) : 0;
    last_poll_started = ps.has_last_poll_started() ? from_proto(ps.last_poll_started()) : 0;
    last_poll_ended = ps.has_last_poll_ended() ? from_proto(ps.last_poll_ended()) : 0;
    busy = ps.has_busy_time() ? from_proto(ps.busy_time()) : 0;
    scheduled = pb.has_scheduled_time() ? from_proto(pb.scheduled_time()) : 0;
    wakes = pb.wakes();
    waker_clones = pb.waker_clones();
    waker_drops = pb.waker_drops();
    self_wakes = pb.self_wakes();
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
