// Keyframes: the recorder makes them on its writer's thread from a model of
// its own, and each must be the state the console's model had at that
// point.  A 75 s session with tasks that finish and expire, a pause, and a
// reconnect at 41 s is recorded with a keyframe every 10 s; then, at
// points just after keyframes and between them, the state a seek gives
// (from the keyframe), the state playing from the start gives, and the
// live model's state at the same update are compared whole, as snapshots.
// Then a disk that takes nothing: recording stops with its notice, and the
// caller is never held up, keyframes asked for included.
#include <google/protobuf/util/message_differencer.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <map>

#include "model/model.h"
#include "model/snapshot.h"
#include "proto/time_values.h"
#include "session/recorder.h"
#include "session/recording_source.h"
#include "session/session.h"
#include "t/unit/tap.h"

namespace {

namespace ipb = rs::tokio::console::instrument;
constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kStart = 5 * kSec;
constexpr int kSeconds = 75;
constexpr int kReconnect = 41;

// Second s: task s is spawned, every live task is polled again, and task
// s - 8 finishes (so that with 6 s of retention the finished ones expire).
ipb::Update update_at(int s, int first) {
    ipb::Update u;
    int64_t now = (1'000'000'000LL + s) * kSec;
    proto_time::set_timestamp(now, u.mutable_now());
    if (s == first) {
        auto* m = u.mutable_new_metadata()->add_metadata();
        m->mutable_id()->set_id(1);
        m->mutable_metadata()->set_name("runtime.spawn");
        m->mutable_metadata()->set_target("tokio::task");
    }
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(static_cast<uint64_t>(s));
    t->mutable_metadata()->set_id(1);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val("worker-" + std::to_string(s));
    for (int id = std::max(first, s - 8); id <= s; id++) {
        auto& st = (*u.mutable_task_update()->mutable_stats_update())[static_cast<uint64_t>(id)];
        proto_time::set_timestamp((1'000'000'000LL + id) * kSec, st.mutable_created_at());
        auto* ps = st.mutable_poll_stats();
        ps->set_polls(static_cast<uint64_t>(s * id));
        proto_time::set_timestamp((1'000'000'000LL + id) * kSec, ps->mutable_first_poll());
        proto_time::set_timestamp(now - kSec / 2, ps->mutable_last_poll_started());
        proto_time::set_timestamp(now - kSec / 4, ps->mutable_last_poll_ended());
        ps->mutable_busy_time()->set_seconds(s - id);
        st.set_wakes(static_cast<uint64_t>(s + id));
        if (id == s - 8) proto_time::set_timestamp(now, st.mutable_dropped_at());
    }
    return u;
}

// The live model's snapshot after the update of second s, by s.
using Seen = std::map<int, ipb::Update>;

bool record_session(const std::string& path, Seen& seen) {
    std::string err;
    session::RecorderOptions o;
    o.keyframe_every_ns = 10 * kSec;
    auto rec = session::Recorder::start(path, "http://127.0.0.1:6669", kStart, err, o);
    if (!rec) return tap::check(false, "recorder starts: " + err);
    model::Model live;
    auto feed = [&](const session::Event& ev, int64_t at) {
        rec->record(ev, at);
        session::apply_event(live, ev, at - kStart, false);
    };
    feed(session::event::Reset{}, kStart);
    int first = 1;
    for (int s = 1; s <= kSeconds; s++) {
        int64_t at = kStart + s * kSec;
        if (s == kReconnect) {
            feed(session::event::Disconnected{"connection reset by peer"}, at - kSec / 2);
            feed(session::event::Reset{}, at);
            first = s;
        }
        if (s == 20) feed(session::event::State{true}, at - kSec / 2);  // paused: nothing expires
        if (s == 24) feed(session::event::State{false}, at - kSec / 2);
        auto bytes = std::make_shared<std::string>(update_at(s, first).SerializeAsString());
        feed(session::event::Update{bytes, *bytes}, at);
        rec->after_events(at);
        seen[s] = model::snapshot(live);
    }
    rec->finish();
    return tap::check(rec->stopped().empty(), "the recorder writes the session without stopping");
}

// The model after playing (or seeking, with `seek`) to second s.
ipb::Update replayed(const std::string& path, int s, bool seek, int* updates) {
    std::string err;
    auto src = session::RecordingSource::open(path, err);
    model::Model m;
    if (!src) return model::snapshot(m);
    uint64_t t = static_cast<uint64_t>(s) * kSec;
    if (seek)
        src->seek(t);
    else
        src->play_to(t);
    session::Event ev;
    *updates = 0;
    while (!src->idle()) {
        src->process(false);
        while (src->next_event(ev)) {
            if (session::apply_event(m, ev, *src->clock_ns(), false)) ++*updates;
        }
    }
    return model::snapshot(m);
}

bool same(const ipb::Update& a, const ipb::Update& b, std::string* diff) {
    // The order of tasks in a snapshot is the table's, which slot reuse
    // changes; the console sorts them anyway.
    google::protobuf::util::MessageDifferencer d;
    d.set_repeated_field_comparison(google::protobuf::util::MessageDifferencer::AS_SET);
    d.ReportDifferencesToString(diff);
    return d.Compare(a, b);
}

void compare_at(const std::string& path, const Seen& seen, int s, bool after_keyframe) {
    int seek_updates = 0, play_updates = 0;
    ipb::Update sought = replayed(path, s, true, &seek_updates);
    ipb::Update played = replayed(path, s, false, &play_updates);
    const ipb::Update& live = seen.at(s);
    std::string at = " at " + std::to_string(s) + " s";
    std::string diff;
    if (!tap::check(same(sought, live, &diff), "a seek gives the live model's state" + at)) tap::diag(diff);
    diff.clear();
    if (!tap::check(same(played, live, &diff), "playing from the start gives it too" + at)) tap::diag(diff);
    tap::check(live.task_update().new_tasks_size() > 0, "which has tasks" + at);
    if (after_keyframe)
        tap::check_eq(seek_updates, 2, "the seek starts from the keyframe" + at + " (it and one update)");
}

// A pipe nobody reads: the writer's thread blocks on it, the queue fills.
void slow_disk() {
    int fds[2];
    if (pipe(fds) != 0) return;
    std::signal(SIGPIPE, SIG_IGN);
    std::string err;
    session::RecorderOptions o;
    o.keyframe_every_ns = kSec;
    auto rec = session::Recorder::start("/proc/self/fd/" + std::to_string(fds[1]), "http://x", 0, err, o);
    if (!tap::check(rec != nullptr, "a recorder starts on a pipe: " + err)) return;
    ipb::Update u = update_at(1, 1);
    for (int i = 2; i < 20000; i++)
        *u.mutable_task_update()->add_new_tasks() = update_at(i, 1).task_update().new_tasks(0);
    auto bytes = std::make_shared<std::string>(u.SerializeAsString());
    rec->record(session::event::Reset{}, 0);
    int n = 0;
    for (; n < 1000 && rec->stopped().empty(); n++) {
        rec->record(session::event::Update{bytes, *bytes}, n * kSec);
        rec->after_events(n * kSec);
    }
    tap::check(n < 1000 && rec->stopped().find("the disk cannot keep up") != std::string::npos,
               "a disk that takes nothing stops recording, with the notice: " + rec->stopped());
    close(fds[0]);
    rec->finish();
    close(fds[1]);
}

}  // namespace

int main() {
    char dir[] = "/tmp/tc-keyframes-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    std::string path = std::string(dir) + "/rec.tcr";
    Seen seen;
    if (record_session(path, seen)) {
        // Keyframes follow the updates of 10, 20, ... s; the update after
        // each is 1 s later.
        for (int s : {11, 21, 31, 51, 61, 71}) compare_at(path, seen, s, true);
        for (int s : {9, 25, 41, 44, 75}) compare_at(path, seen, s, false);
    }
    slow_disk();
    std::string cmd = std::string("rm -rf ") + dir;
    if (system(cmd.c_str()) != 0) tap::diag("cannot remove " + std::string(dir));
    return tap::done();
}
