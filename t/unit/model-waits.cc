// What tasks wait on and who holds it (model/waits.h), the crowds and lock
// cycles over all of them (model/wait_graph.h): from hand-made Updates, and
// on the real mutex stream in shared/.
#include <fstream>
#include <string>

#include "instrument.pb.h"
#include "model/model.h"
#include "model/wait_graph.h"
#include "model/waits.h"
#include "t/unit/fixtures.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using namespace model_test;

namespace {

constexpr uint64_t kMeta = 1;
constexpr Nanos kNow = kBase + 100 * kSec;

pb::instrument::Update update_at(Nanos now) {
    pb::instrument::Update u;
    ts(u.mutable_now(), now);
    if (now == kNow) {
        auto* nm = u.mutable_new_metadata()->add_metadata();
        nm->mutable_id()->set_id(kMeta);
        nm->mutable_metadata()->set_target("tokio::sync::mutex");
    }
    return u;
}

// A task, idle since it was last polled 50 s before kNow.
void add_task(pb::instrument::Update& u, uint64_t span, const char* name, bool done = false) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_debug_val(name);
    f->mutable_metadata_id()->set_id(kMeta);
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - 90 * kSec);
    s.set_waker_clones(1);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(2);
    ts(ps->mutable_first_poll(), kNow - 80 * kSec);
    ts(ps->mutable_last_poll_started(), kNow - 51 * kSec);
    ts(ps->mutable_last_poll_ended(), kNow - 50 * kSec);
    if (done) ts(s.mutable_dropped_at(), kNow - 40 * kSec);
}

void bool_attr(pb::resources::Stats& s, const char* name, bool v) {
    auto* a = s.add_attributes();
    a->mutable_field()->set_str_name(name);
    a->mutable_field()->set_bool_val(v);
    a->mutable_field()->mutable_metadata_id()->set_id(kMeta);
}

pb::resources::Stats& add_resource(pb::instrument::Update& u, uint64_t span, const char* type, const char* file,
                                   uint64_t parent = 0, bool timer = false) {
    auto* r = u.mutable_resource_update()->add_new_resources();
    r->mutable_id()->set_id(span);
    r->mutable_metadata()->set_id(kMeta);
    r->set_concrete_type(type);
    if (timer)
        r->mutable_kind()->set_known(pb::resources::Resource::Kind::TIMER);
    else
        r->mutable_kind()->set_other("Sync");
    if (file) {
        r->mutable_location()->set_file(file);
        r->mutable_location()->set_line(41);
        r->mutable_location()->set_column(23);
    }
    if (parent) {
        r->mutable_parent_resource_id()->set_id(parent);
        r->set_is_internal(true);
    }
    auto& s = (*u.mutable_resource_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - 95 * kSec);
    return s;
}

// An async op of `task` on `resource`, first polled `first` before kNow.
void add_op(pb::instrument::Update& u, uint64_t span, uint64_t resource, uint64_t task, Nanos first,
            const char* source = "Mutex::lock", bool dropped = false) {
    auto* o = u.mutable_async_op_update()->add_new_async_ops();
    o->mutable_id()->set_id(span);
    o->mutable_metadata()->set_id(kMeta);
    o->mutable_resource_id()->set_id(resource);
    o->set_source(source);
    auto& s = (*u.mutable_async_op_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - first);
    s.mutable_task_id()->set_id(task);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(1);
    ts(ps->mutable_first_poll(), kNow - first);
    ts(ps->mutable_last_poll_started(), kNow - first);
    ts(ps->mutable_last_poll_ended(), kNow - first + kMs);
    if (dropped) ts(s.mutable_dropped_at(), kNow - first + 2 * kMs);
}

void poll_op(pb::instrument::Update& u, uint64_t task, uint64_t resource, uint64_t op, bool ready) {
    auto* p = u.mutable_resource_update()->add_new_poll_ops();
    p->mutable_task_id()->set_id(task);
    p->mutable_resource_id()->set_id(resource);
    if (op) p->mutable_async_op_id()->set_id(op);
    p->set_name("poll");
    p->set_is_ready(ready);
}

// A convoy: task 10 took the mutex 14 s ago (its lock op done), tasks 11
// and 12 wait on it and on its internal semaphore.
model::Model convoy() {
    model::Model m;
    auto u = update_at(kNow);
    for (uint64_t t : {10, 11, 12}) add_task(u, t, t == 10 ? "db-worker" : "client");
    auto& ms = add_resource(u, 100, "Mutex", "src/db/pool.rs");
    bool_attr(ms, "locked", true);
    add_resource(u, 101, "Semaphore", nullptr, 100);
    add_op(u, 200, 100, 10, 14 * kSec);
    add_op(u, 201, 100, 11, 12 * kSec + 300 * kMs);
    add_op(u, 202, 100, 12, 5 * kSec);
    poll_op(u, 10, 100, 200, true);
    poll_op(u, 11, 101, 201, false);
    poll_op(u, 11, 100, 201, false);
    poll_op(u, 12, 100, 202, false);
    m.apply(u, 0);
    return m;
}

uint64_t task_id(const model::Model& m, uint64_t span) {
    const model::Task* t = m.tasks().find(span);
    return t ? t->id : 0;
}

void check_convoy() {
    model::Model m = convoy();
    auto w = model::waits_of_task(m, 11);
    tap::check_eq(w.size(), size_t(1), "the internal semaphore behind the mutex is left out");
    tap::check_eq(model::describe_wait(m, w[0], kNow, true),
                  std::string("Sync Mutex at src/db/pool.rs:41:23, waiting 12.3s; held since 14.0s by task ") +
                      std::to_string(task_id(m, 10)) + " (db-worker)",
                  "a wait names the resource, how long, and the holder");
    tap::check(w[0].how == model::Since::Exact, "the wait began at its op's first poll");
    tap::check(model::waits_of_task(m, 10).empty(), "the holder waits on nothing");
    auto waiters = model::waiters_of(m, 100);
    tap::check(waiters.size() == 2 && waiters[0].task_span == 11 && waiters[1].task_span == 12,
               "the waiters of the mutex, longest first");
    model::Hold h = model::hold_of(m, 100);
    tap::check(h.state == model::LockState::Held && h.holder_span == 10, "the last ready poll took it: the holder");
    tap::check(model::hold_of(m, 101).state == model::LockState::NotALock, "a semaphore is not a lock");
    tap::check_eq(model::hold_words(m, model::hold_of(m, 101), kNow, true), std::string(), "nor held");

    tap::check(model::blocked(m, w[0], kNow, 1 * kSec), "waiting 12.3s is blocked after 1s");
    tap::check(!model::blocked(m, w[0], kNow, 20 * kSec), "not blocked after 20s");

    model::WaitGraph g = model::build_wait_graph(m);
    auto cs = model::crowds(g, m, kNow, 1 * kSec, 2);
    tap::check(cs.size() == 1 && cs[0].blocked == 2, "two tasks blocked on one mutex make a crowd");
    tap::check_eq(model::describe_crowd(m, cs[0]), std::string("2 tasks waiting on Mutex at src/db/pool.rs:41:23"),
                  "the crowd's words");
    tap::check(model::crowds(g, m, kNow, 6 * kSec, 2).empty(), "after 6s only one is blocked: no crowd");
    tap::check(model::lock_cycles(g, m).empty(), "a convoy is no cycle");
}

void check_ends() {
    // The waiter's op is dropped (a select! gave up): no longer waiting.
    model::Model m = convoy();
    auto u = update_at(kNow + kSec);
    auto& s = (*u.mutable_async_op_update()->mutable_stats_update())[201];
    ts(s.mutable_created_at(), kNow - 13 * kSec);
    s.mutable_task_id()->set_id(11);
    ts(s.mutable_dropped_at(), kNow + kSec);
    m.apply(u, 0);
    tap::check(model::waits_of_task(m, 11).empty(), "a dropped async op ends the wait");

    // A ready poll ends it, and the newest ready poll names the holder.
    auto u2 = update_at(kNow + 2 * kSec);
    poll_op(u2, 12, 100, 202, true);
    m.apply(u2, 0);
    tap::check(model::waits_of_task(m, 12).empty(), "a ready poll ends the wait");
    tap::check_eq(model::hold_of(m, 100).holder_span, uint64_t(12), "the newest ready poll names the holder");

    // The holder's op has ended and expired: held at least since the
    // update that brought its ready poll.
    auto u4 = update_at(kNow + 3 * kSec);
    auto& os = (*u4.mutable_async_op_update()->mutable_stats_update())[202];
    ts(os.mutable_created_at(), kNow - 5 * kSec);
    ts(os.mutable_dropped_at(), kNow - 4 * kSec);
    m.apply(u4, 0);
    tap::check_eq(model::hold_words(m, model::hold_of(m, 100), kNow + 5 * kSec, true),
                  "held since at least 3.0s by task " + std::to_string(task_id(m, 12)) + " (client)",
                  "the holder's op expired: held at least since its ready poll was seen");

    // Unlocked: not held, whoever polled it last.
    auto u3 = update_at(kNow + 3 * kSec);
    auto& rs = (*u3.mutable_resource_update()->mutable_stats_update())[100];
    ts(rs.mutable_created_at(), kNow - 95 * kSec);
    bool_attr(rs, "locked", false);
    m.apply(u3, 0);
    tap::check_eq(model::hold_words(m, model::hold_of(m, 100), kNow, true), std::string("not held"),
                  "locked=false: not held");
}

void check_unknowns() {
    // The holder's task has completed though the mutex stays locked; the
    // waiter's op is unknown, so its wait is a lower bound.
    model::Model m;
    auto u = update_at(kNow);
    add_task(u, 20, "gone", true);
    add_task(u, 21, "waiter");
    auto& ms = add_resource(u, 110, "Mutex", "src/a.rs");
    bool_attr(ms, "locked", true);
    poll_op(u, 20, 110, 0, true);
    poll_op(u, 21, 110, 0, false);
    m.apply(u, 0);
    auto w = model::waits_of_task(m, 21);
    tap::check(w.size() == 1 && w[0].how == model::Since::AtLeast, "without the op: waited at least since seen");
    tap::check_eq(model::describe_wait(m, w[0], kNow + 2 * kSec, true),
                  std::string("Sync Mutex at src/a.rs:41:23, waiting at least 2.0s; held, holder unknown"),
                  "a completed task holds nothing: holder unknown");
    model::WaitGraph g = model::build_wait_graph(m);
    tap::check(!model::blocked(m, w[0], kNow, 0) || model::crowds(g, m, kNow, 0, 2).empty(), "one waiter is no crowd");

    // A timer is waited on by design: not blocked.
    model::Model t;
    auto v = update_at(kNow);
    add_task(v, 30, "sleeper");
    add_resource(v, 120, "Sleep", "src/s.rs", 0, true);
    add_op(v, 220, 120, 30, 30 * kSec, "Sleep::new_timeout");
    poll_op(v, 30, 120, 220, false);
    t.apply(v, 0);
    auto tw = model::waits_of_task(t, 30);
    tap::check(tw.size() == 1 && !model::blocked(t, tw[0], kNow, kSec), "a sleeping task waits but is not blocked");
    tap::check_eq(model::describe_wait(t, tw[0], kNow, false),
                  std::string("Timer Sleep at src/s.rs:41:23, waiting 30.0s"), "a timer has no holder");
}

void check_cycle() {
    // Task 40 holds A and waits on B; task 41 holds B and waits on A.
    model::Model m;
    auto u = update_at(kNow);
    add_task(u, 40, "left");
    add_task(u, 41, "right");
    add_task(u, 42, "bystander");
    bool_attr(add_resource(u, 130, "Mutex", "src/a.rs"), "locked", true);
    bool_attr(add_resource(u, 131, "Mutex", "src/b.rs"), "locked", true);
    add_op(u, 230, 130, 40, 20 * kSec, "Mutex::lock", true);
    add_op(u, 231, 131, 41, 20 * kSec, "Mutex::lock", true);
    add_op(u, 232, 131, 40, 10 * kSec);
    add_op(u, 233, 130, 41, 10 * kSec);
    add_op(u, 234, 130, 42, 5 * kSec);
    poll_op(u, 40, 130, 230, true);
    poll_op(u, 41, 131, 231, true);
    poll_op(u, 40, 131, 232, false);
    poll_op(u, 41, 130, 233, false);
    poll_op(u, 42, 130, 234, false);
    m.apply(u, 0);
    model::WaitGraph g = model::build_wait_graph(m);
    auto cycles = model::lock_cycles(g, m);
    tap::check_eq(cycles.size(), size_t(1), "one cycle, found once");
    if (cycles.size() != 1) return;
    std::string a = std::to_string(task_id(m, 40)), b = std::to_string(task_id(m, 41));
    tap::check_eq(model::describe_cycle(m, cycles[0], true),
                  "lock cycle: task " + a + " (left) -> Mutex at src/b.rs:41:23 -> task " + b +
                      " (right) -> Mutex at src/a.rs:41:23 -> task " + a,
                  "the cycle is named from its lowest task id");

    // One side's lock is released: no cycle.
    auto v = update_at(kNow + kSec);
    auto& rs = (*v.mutable_resource_update()->mutable_stats_update())[131];
    ts(rs.mutable_created_at(), kNow - 95 * kSec);
    bool_attr(rs, "locked", false);
    m.apply(v, 0);
    tap::check(model::lock_cycles(model::build_wait_graph(m), m).empty(), "an unlocked mutex breaks the cycle");
}

// The real mutex example: five tasks contend for one tokio Mutex.
void check_real_stream() {
    std::ifstream in(fixture::shared_dir() / "fixtures/real/mutex.updates", std::ios::binary);
    std::string d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    model::Model m;
    for (size_t p = 0; d.size() - p >= 12;) {
        uint32_t len = 0;
        for (int i = 0; i < 4; i++) len = len << 8 | static_cast<unsigned char>(d[p + 8 + i]);
        p += 12;
        if (d.size() - p < len) break;
        m.apply_encoded(std::string_view(d).substr(p, len), 0);
        p += len;
    }
    model::Nanos now = m.last_update_now();
    size_t on_mutex = 0, held_by_increment = 0;
    for (const model::Wait& w : model::build_wait_graph(m).waits) {
        std::string line = model::describe_wait(m, w, now, true);
        if (line.rfind("Sync Mutex at console-subscriber/examples/mutex.rs:11:34, waiting ", 0) == 0) on_mutex++;
        if (line.find("; held since ") != std::string::npos && line.find(" (increment-") != std::string::npos)
            held_by_increment++;
    }
    tap::check(on_mutex >= 2, "real stream: waiting tasks name the Mutex");
    tap::check(held_by_increment == on_mutex, "real stream: an increment task holds it");
}

}  // namespace

int main() {
    check_convoy();
    check_ends();
    check_unknowns();
    check_cycle();
    if (fixture::have_fixtures("real")) check_real_stream();
    return tap::done();
}
