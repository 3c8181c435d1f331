// The built-in demo: a stand-in for a busy web service, for `make demo` and
// for trying the console by hand.  About three hundred tasks: connection
// handlers that come and go, a database worker pool behind a mutex and a
// semaphore, periodic timer tasks, blocking file work, and a few tasks that
// trip each of the console's lints.  It runs until the peer is killed.
#include <queue>
#include <random>
#include <vector>

#include "script.h"

namespace peer {

namespace {

constexpr int64_t us = 1'000, ms = 1'000'000, sec = 1'000'000'000;

enum class Kind { Conn, Worker, Ticker, SelfWaker, Blocking, Quiet };

struct Active {
    uint64_t id = 0;
    Kind kind = Kind::Quiet;
    int64_t ends = -1;   // when it completes; -1 never
    uint64_t timer = 0;  // a Sleep resource it waits on
    uint64_t op = 0;     // its current async op
};

struct Event {
    int64_t when;
    size_t slot;
    int what;  // 0: activity, 1: poll end
    bool operator>(const Event& o) const { return when > o.when; }
};

const char* const routes[] = {"/api/orders",   "/api/users/:id", "/healthz", "/api/cart",
                              "/static/*path", "/api/search",    "/metrics", "/login"};

class Demo : public Script {
public:
    explicit Demo(uint64_t seed) : rng_(seed) {}

    void start(World& w, int64_t now) override;
    int64_t run(World& w, int64_t now) override;
    int64_t interval_ns() const override { return 1000 * ms; }

private:
    int64_t pick(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    void create_resources(World& w, int64_t now);
    void spawn_workers(World& w, int64_t now);
    void spawn_jobs(World& w, int64_t now);
    void spawn_lint_tasks(World& w, int64_t now);
    void spawn_size_lint_tasks(World& w, int64_t now);
    size_t add(Active a);
    void spawn_conn(World& w, int64_t now, int64_t age);
    void spawn_blocking(World& w, int64_t now);
    void activity(World& w, size_t slot, int64_t now);
    void finish(World& w, size_t slot, int64_t now);
    void at(int64_t when, size_t slot, int what) { events_.push({when, slot, what}); }

    std::mt19937_64 rng_;
    std::vector<Active> tasks_;
    std::vector<size_t> free_;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
    uint64_t db_mutex_ = 0, db_permits_ = 0, limiter_ = 0, config_lock_ = 0;
    uint64_t conns_ = 0, requests_ = 0;
    int64_t next_blocking_ = 0;
    int64_t limiter_permits_ = 50;
};

size_t Demo::add(Active a) {
    if (!free_.empty()) {
        size_t slot = free_.back();
        free_.pop_back();
        tasks_[slot] = a;
        return slot;
    }
    tasks_.push_back(a);
    return tasks_.size() - 1;
}

FieldDef field(const std::string& name, const std::string& debug) {
    return FieldDef{name, Value{Value::Debug, debug}, ""};
}

FieldDef ufield(const std::string& name, uint64_t v) {
    FieldDef f{name, {}, ""};
    f.value.kind = Value::U64;
    f.value.u = v;
    return f;
}

FieldDef bfield(const std::string& name, bool v) {
    FieldDef f{name, {}, ""};
    f.value.kind = Value::Bool;
    f.value.b = v;
    return f;
}

void Demo::spawn_conn(World& w, int64_t now, int64_t age) {
    TaskDef d;
    d.name = "conn";
    d.location = {"src/http/server.rs", "demo::http::server", 214, 17};
    uint64_t n = ++conns_;
    d.fields.push_back(field("peer.addr", "10.0." + std::to_string(n % 250) + "." + std::to_string(n * 7 % 250) + ":" +
                                              std::to_string(40000 + n % 20000)));
    d.fields.push_back(field("http.route", routes[n % std::size(routes)]));
    d.fields.push_back(ufield("conn.id", n));
    d.name_idx = n % 3 == 0;
    Active a;
    a.kind = Kind::Conn;
    a.id = w.spawn_task(d, now - age);
    a.ends = now + pick(3 * sec, 40 * sec);
    w.waker_clone(a.id);
    w.poll_begin(a.id, now - age + 20 * us);
    w.poll_end(a.id, now - age + pick(40 * us, 400 * us));
    size_t slot = add(a);
    at(now + pick(10 * ms, 500 * ms), slot, 0);
}

void Demo::spawn_blocking(World& w, int64_t now) {
    TaskDef d;
    d.blocking = true;
    d.name = chance(0.5) ? "fs::read" : "compress-upload";
    d.location = {"src/storage/files.rs", "demo::storage::files", 88, 9};
    d.fields.push_back(field("path", "/var/lib/demo/blob-" + std::to_string(pick(1000, 9999))));
    Active a;
    a.kind = Kind::Blocking;
    a.id = w.spawn_task(d, now);
    w.poll_begin(a.id, now + 50 * us);
    a.ends = now + pick(300 * ms, 2500 * ms);
    size_t slot = add(a);
    at(a.ends, slot, 0);
}

// The database mutex with its semaphore, the connection limiter and the
// configuration lock.
void Demo::create_resources(World& w, int64_t now) {
    ResourceDef mutex;
    mutex.concrete_type = "Mutex";
    mutex.kind = "Sync";
    mutex.target = "tokio::sync::mutex";
    mutex.location = {"src/db/pool.rs", "", 41, 23};
    mutex.attributes = {bfield("locked", false)};
    db_mutex_ = w.create_resource(mutex, now - 30 * sec);
    ResourceDef inner;
    inner.concrete_type = "Semaphore";
    inner.kind = "Sync";
    inner.target = "tokio::sync::batch_semaphore";
    inner.parent = db_mutex_;
    inner.internal = true;
    inner.attributes = {ufield("permits", 1)};
    db_permits_ = w.create_resource(inner, now - 30 * sec);
    ResourceDef limiter;
    limiter.concrete_type = "Semaphore";
    limiter.kind = "Sync";
    limiter.target = "tokio::sync::semaphore";
    limiter.location = {"src/http/limit.rs", "", 19, 20};
    limiter.attributes = {ufield("permits", 50)};
    limiter_ = w.create_resource(limiter, now - 30 * sec);
    ResourceDef rw;
    rw.concrete_type = "RwLock";
    rw.kind = "Sync";
    rw.target = "tokio::sync::rwlock";
    rw.location = {"src/config.rs", "", 63, 18};
    rw.attributes = {ufield("max_readers", 536870911), ufield("readers", 0), bfield("write_locked", false)};
    config_lock_ = w.create_resource(rw, now - 30 * sec);
}

// Long-lived workers behind the database mutex.
void Demo::spawn_workers(World& w, int64_t now) {
    for (int i = 0; i < 16; i++) {
        TaskDef d;
        d.name = "db-worker";
        d.location = {"src/db/pool.rs", "demo::db::pool", 102, 13};
        d.fields.push_back(ufield("worker.id", i));
        Active a;
        a.kind = Kind::Worker;
        a.id = w.spawn_task(d, now - 30 * sec);
        w.waker_clone(a.id);
        at(now + pick(0, 300 * ms), add(a), 0);
    }
}

// Periodic jobs, each on a timer.
void Demo::spawn_jobs(World& w, int64_t now) {
    const char* jobs[] = {"cache-refresh", "session-gc",   "metrics-flush", "health-probe",
                          "config-reload", "token-rotate", "stats-rollup",  "dns-refresh"};
    for (const char* job : jobs) {
        TaskDef d;
        d.name = job;
        d.location = {"src/jobs.rs", "demo::jobs", 30 + uint32_t(requests_++ % 40) * 3, 5};
        d.fields.push_back(field("period", "1s"));
        Active a;
        a.kind = Kind::Ticker;
        a.id = w.spawn_task(d, now - 30 * sec);
        w.waker_clone(a.id);
        at(now + pick(0, 1000 * ms), add(a), 0);
    }
}

// Tasks for the lints: self-wakes, lost waker, never yielded.
void Demo::spawn_lint_tasks(World& w, int64_t now) {
    {
        TaskDef d;
        d.name = "busy-yield-loop";
        d.location = {"src/jobs.rs", "demo::jobs", 140, 9};
        Active a;
        a.kind = Kind::SelfWaker;
        a.id = w.spawn_task(d, now - 20 * sec);
        w.waker_clone(a.id);
        at(now, add(a), 0);
    }
    {
        TaskDef d;
        d.name = "orphaned-waiter";
        d.location = {"src/http/upgrade.rs", "demo::http::upgrade", 57, 13};
        uint64_t id = w.spawn_task(d, now - 25 * sec);
        for (int k = 0; k < 3; k++) {
            w.poll_begin(id, now - 25 * sec + k * 2 * sec);
            w.poll_end(id, now - 25 * sec + k * 2 * sec + 80 * us);
            w.wake(id, now - 25 * sec + k * 2 * sec + 1 * sec, false);
        }
        w.poll_begin(id, now - 18 * sec);
        w.poll_end(id, now - 18 * sec + 60 * us);
        w.waker_clone(id, 3);
        w.waker_drop(id, 3);
    }
    {
        TaskDef d;
        d.name = "checksum-all";
        d.location = {"src/storage/verify.rs", "demo::storage::verify", 23, 5};
        uint64_t id = w.spawn_task(d, now - 12 * sec);
        w.poll_begin(id, now - 12 * sec + 100 * us);
    }
}

// Tasks for the size lints: auto-boxed and large futures.
void Demo::spawn_size_lint_tasks(World& w, int64_t now) {
    {
        TaskDef d;
        d.name = "report-builder";
        d.location = {"src/reports.rs", "demo::reports", 77, 9};
        d.fields.push_back(ufield("size.bytes", 16));
        d.fields.push_back(ufield("original_size.bytes", 24576));
        Active a;
        a.kind = Kind::Ticker;
        a.id = w.spawn_task(d, now - 15 * sec);
        w.waker_clone(a.id);
        at(now + 500 * ms, add(a), 0);
    }
    {
        TaskDef d;
        d.name = "grpc-stream";
        d.location = {"src/grpc.rs", "demo::grpc", 201, 21};
        d.fields.push_back(ufield("size.bytes", 3072));
        Active a;
        a.kind = Kind::Worker;
        a.id = w.spawn_task(d, now - 15 * sec);
        w.waker_clone(a.id);
        at(now + 200 * ms, add(a), 0);
    }
}

void Demo::start(World& w, int64_t now) {
    create_resources(w, now);
    spawn_workers(w, now);
    spawn_jobs(w, now);
    spawn_lint_tasks(w, now);
    spawn_size_lint_tasks(w, now);
    // Connections already open, of various ages.
    for (int i = 0; i < 240; i++) spawn_conn(w, now, pick(100 * ms, 20 * sec));
    next_blocking_ = now;
}

void Demo::activity(World& w, size_t slot, int64_t now) {
    Active& a = tasks_[slot];
    if (a.ends >= 0 && now >= a.ends) {
        finish(w, slot, now);
        return;
    }
    int64_t sched = pick(5 * us, 300 * us);
    switch (a.kind) {
    case Kind::Conn: {
        w.wake(a.id, now - sched, false);
        w.poll_begin(a.id, now);
        if (chance(0.2)) {
            // Takes the database mutex for this request.
            AsyncOpDef op;
            op.source = "Mutex::lock";
            op.resource = db_mutex_;
            op.task = a.id;
            if (a.op) w.drop_async_op(a.op, now);
            a.op = w.create_async_op(op, now);
            bool ready = chance(0.7);
            w.poll_op(a.id, db_permits_, a.op, "poll_acquire", ready);
            w.poll_op(a.id, db_mutex_, a.op, "poll", ready);
            w.async_op_poll(a.op, a.id, now, now + 10 * us);
            w.set_resource_attr(db_mutex_, bfield("locked", ready));
        }
        if (chance(0.1)) {
            limiter_permits_ += chance(0.5) ? 1 : -1;
            limiter_permits_ = std::clamp<int64_t>(limiter_permits_, 0, 50);
            w.set_resource_attr(limiter_, ufield("permits", limiter_permits_));
        }
        at(now + pick(20 * us, 3 * ms), slot, 1);
        at(now + pick(50 * ms, 800 * ms), slot, 0);
        break;
    }
    case Kind::Worker:
        w.wake(a.id, now - sched, false);
        w.poll_begin(a.id, now);
        at(now + pick(100 * us, 8 * ms), slot, 1);
        at(now + pick(80 * ms, 400 * ms), slot, 0);
        if (chance(0.05)) w.set_resource_attr(config_lock_, ufield("readers", pick(0, 4)));
        break;
    case Kind::Ticker: {
        if (a.timer) w.drop_resource(a.timer, now);
        w.wake(a.id, now - sched, false);
        w.poll_begin(a.id, now);
        ResourceDef sleep;
        sleep.concrete_type = "Sleep";
        sleep.kind = "timer";
        sleep.target = "tokio::time::sleep";
        sleep.location = {"src/jobs.rs", "", 33, 13};
        FieldDef d = ufield("duration", 1000);
        d.unit = "ms";
        sleep.attributes = {d};
        a.timer = w.create_resource(sleep, now);
        at(now + pick(50 * us, 2 * ms), slot, 1);
        at(now + 1 * sec, slot, 0);
        break;
    }
    case Kind::SelfWaker:
        w.wake(a.id, now - sched, true);
        w.poll_begin(a.id, now);
        at(now + pick(5 * us, 30 * us), slot, 1);
        at(now + 20 * ms, slot, 0);
        break;
    case Kind::Blocking:
    case Kind::Quiet: break;
    }
}

void Demo::finish(World& w, size_t slot, int64_t now) {
    Active& a = tasks_[slot];
    if (a.op) w.drop_async_op(a.op, now);
    if (a.timer) w.drop_resource(a.timer, now);
    w.complete_task(a.id, now);
    Kind kind = a.kind;
    a = Active();
    free_.push_back(slot);
    if (kind == Kind::Conn) spawn_conn(w, now, 0);
}

int64_t Demo::run(World& w, int64_t now) {
    while (!events_.empty() && events_.top().when <= now) {
        Event e = events_.top();
        events_.pop();
        Active& a = tasks_[e.slot];
        if (a.id == 0) continue;
        if (e.what == 1)
            w.poll_end(a.id, e.when);
        else if (w.task_polling(a.id) && a.kind != Kind::Blocking)
            at(now + 1 * ms, e.slot, 0);  // still in a poll: come back shortly
        else
            activity(w, e.slot, now);
    }
    if (now >= next_blocking_) {
        spawn_blocking(w, now);
        next_blocking_ = now + pick(500 * ms, 3 * sec);
    }
    int64_t next = next_blocking_;
    if (!events_.empty()) next = std::min(next, events_.top().when);
    return next;
}

}  // namespace

std::unique_ptr<Script> make_demo(uint64_t seed) {
    return std::make_unique<Demo>(seed);
}

}  // namespace peer
