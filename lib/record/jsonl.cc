// Rebuilding Updates from console-subscriber's recorded events.
#include "record/jsonl.h"

#include "proto/time_values.h"

namespace record {

namespace {

namespace tpb = rs::tokio::console::tasks;

// The metadata every rebuilt task names: the format has only tasks.
constexpr uint64_t kTaskMeta = 1;

using proto_time::set_duration;
using proto_time::set_timestamp;

}  // namespace

bool JsonlReader::read(std::istream& in, const std::string& name, std::string& err) {
    std::string line;
    if (!std::getline(in, line) || parse_header(line) < 0) {
        err = "'" + name + "' is not a console-subscriber recording (no {\"v\":1} header on line 1)";
        return false;
    }
    if (int v = parse_header(line); v != 1) {
        err = "'" + name + "' is a console-subscriber recording of version " + std::to_string(v) +
              "; this console reads version 1";
        return false;
    }
    lines_ = 1;
    JsonlEvent e;
    std::string why;
    while (std::getline(in, line)) {
        ++lines_;
        if (line.empty() || line == "\r") continue;
        if (!parse_event(line, e, why)) {
            if (skipped_++ == 0) first_skip_ = "line " + std::to_string(lines_) + ": " + why;
            continue;
        }
        ++events_;
        apply(e);
    }
    if (events_ > 0) emit(last_at_);
    return true;
}

std::string JsonlReader::skip_summary() const {
    if (skipped_ == 0) return "";
    return "skipped " + std::to_string(skipped_) + " of " + std::to_string(lines_) + " lines (" + first_skip_ + ")";
}

void JsonlReader::apply(const JsonlEvent& e) {
    int64_t at = e.at_ns < last_at_ ? last_at_ : e.at_ns;  // never back in time
    if (events_ == 1) {
        start_ = at;
        next_emit_ = at + static_cast<int64_t>(interval_);
    }
    if (at >= next_emit_) {
        // Nothing changed between the boundaries this event jumps over.
        emit(next_emit_);
        int64_t step = static_cast<int64_t>(interval_);
        next_emit_ += ((at - next_emit_) / step + 1) * step;
    }
    last_at_ = at;
    auto [it, fresh] = tasks_.try_emplace(e.id);
    if (fresh) order_.push_back(e.id);
    TaskRec& t = it->second;
    using T = JsonlEvent::Type;
    switch (e.type) {
    case T::Spawn:
        if (t.spawned && t.dropped)  // a span id used again after its close
            t = TaskRec{};
        t.spawned = true;
        t.created = at;
        t.fields = e.fields;
        t.announced = false;
        break;
    case T::Enter:
        if (t.depth++ == 0) {
            if (t.last_wake > t.poll_started) t.scheduled += at - t.last_wake;
            ++t.polls;
            if (!t.first_poll) t.first_poll = at;
            t.poll_started = at;
        }
        break;
    case T::Exit:
        if (t.depth > 0 && --t.depth == 0) {
            t.poll_ended = at;
            t.busy += at - t.poll_started;
        }
        break;
    case T::Close: t.dropped = at; break;
    case T::Waker:
        switch (e.op) {
        case JsonlEvent::Op::Clone: ++t.clones; break;
        case JsonlEvent::Op::Drop: ++t.drops; break;
        case JsonlEvent::Op::Wake:  // waking by value consumes the waker
            ++t.drops;
            [[fallthrough]];
        case JsonlEvent::Op::WakeByRef:
            ++t.wakes;
            t.self_wakes += e.self_wake;
            t.last_wake = at;
            break;
        }
        break;
    }
    t.dirty = true;
}

void JsonlReader::fill_stats(const TaskRec& t, tpb::Stats& s) const {
    set_timestamp(t.created ? t.created : start_, s.mutable_created_at());
    if (t.dropped) set_timestamp(t.dropped, s.mutable_dropped_at());
    if (t.last_wake) set_timestamp(t.last_wake, s.mutable_last_wake());
    s.set_wakes(t.wakes);
    s.set_waker_clones(t.clones);
    s.set_waker_drops(t.drops);
    s.set_self_wakes(t.self_wakes);
    set_duration(t.scheduled, s.mutable_scheduled_time());
    auto* p = s.mutable_poll_stats();
    p->set_polls(t.polls);
    if (t.first_poll) set_timestamp(t.first_poll, p->mutable_first_poll());
    if (t.poll_started) set_timestamp(t.poll_started, p->mutable_last_poll_started());
    if (t.poll_ended) set_timestamp(t.poll_ended, p->mutable_last_poll_ended());
    set_duration(t.busy, p->mutable_busy_time());
}

// One Update at `now`: tasks spawned since the last one, and the stats of
// every spawned task that changed.  Spans never spawned stay out of it.
void JsonlReader::emit(int64_t now) {
    TimedUpdate tu;
    tu.at_ns = static_cast<uint64_t>(now - start_);
    auto& u = tu.update;
    set_timestamp(now, u.mutable_now());
    bool any = false;
    for (uint64_t id : order_) {
        TaskRec& t = tasks_[id];
        if (!t.spawned || (!t.dirty && t.announced)) continue;
        if (!t.announced) {
            auto* nt = u.mutable_task_update()->add_new_tasks();
            nt->mutable_id()->set_id(id);
            nt->mutable_metadata()->set_id(kTaskMeta);
            for (const auto& f : t.fields) *nt->add_fields() = f;
            t.announced = true;
        }
        fill_stats(t, (*u.mutable_task_update()->mutable_stats_update())[id]);
        t.dirty = false;
        any = true;
    }
    if (!any && !updates_.empty()) return;
    if (!metadata_sent_) {
        auto* nm = u.mutable_new_metadata()->add_metadata();
        nm->mutable_id()->set_id(kTaskMeta);
        nm->mutable_metadata()->set_name("runtime.spawn");
        nm->mutable_metadata()->set_target("tokio::task");
        metadata_sent_ = true;
    }
    updates_.push_back(std::move(tu));
}

}  // namespace record
