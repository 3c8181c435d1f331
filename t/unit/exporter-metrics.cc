// The metrics of one target's model (lib/exporter): task states by
// location, counters that never go down when retention drops tasks or a
// new process starts, the folding of locations past --max-locations,
// lints, and the histograms folded from task details.
#include <string>

#include "exporter/details_watch.h"
#include "exporter/exposition.h"
#include "exporter/gauges.h"
#include "exporter/locations.h"
#include "exporter/task_totals.h"
#include "instrument.pb.h"
#include "model/model.h"
#include "model/waits.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console;
using namespace exporter;
using namespace model_test;

namespace {

constexpr uint64_t kMeta = 1;

pb::instrument::Update update_at(model::Nanos now) {
    pb::instrument::Update u;
    ts(u.mutable_now(), now);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(kMeta);
    nm->mutable_metadata()->set_target("app");
    return u;
}

// A task at src/FILE:1:1 with `polls` polls of 1 ms each; `done` drops it.
void add_task(pb::instrument::Update& u, uint64_t span, const char* file, uint64_t polls, model::Nanos now, bool is_new,
              bool done = false) {
    if (is_new) {
        auto* t = u.mutable_task_update()->add_new_tasks();
        t->mutable_id()->set_id(span);
        t->mutable_metadata()->set_id(kMeta);
        t->mutable_location()->set_file(file);
        t->mutable_location()->set_line(1);
        t->mutable_location()->set_column(1);
    }
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), now - 10 * kSec);
    s.set_wakes(polls);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(polls);
    ts(ps->mutable_first_poll(), now - 9 * kSec);
    ts(ps->mutable_last_poll_started(), now - 2 * kSec);
    ts(ps->mutable_last_poll_ended(), now - 1 * kSec);
    dur(ps->mutable_busy_time(), static_cast<model::Nanos>(polls) * kMs);
    if (done) ts(s.mutable_dropped_at(), now);
}

// The value of the sample line that starts with `series` in the text format.
double value(const std::string& text, const std::string& series) {
    size_t at = text.find(series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 1));
}

std::string scrape(const model::Model& m, LocationSlots& locations, TaskTotals& totals) {
    Families f;
    write_task_states(m, "a", locations, f);
    totals.write("a", locations, f);
    write_lints(m, "a", f);
    return write_text(f.all());
}

void test_counters_survive_retention_and_reset() {
    model::Model m({}, 1 * kSec);
    LocationSlots locations(500);
    TaskTotals totals;
    model::Nanos now = kBase;
    auto u = update_at(now);
    add_task(u, 1, "src/a.rs", 10, now, true);
    add_task(u, 2, "src/a.rs", 5, now, true);
    add_task(u, 3, "src/b.rs", 7, now, true);
    m.apply(u, now);
    totals.observe(m, locations, false);
    std::string t = scrape(m, locations, totals);
    tap::check_eq(value(t, "tokio_console_task_polls_total{app=\"a\",location=\"src/a.rs:1:1\"}"), 15.0,
                  "polls summed by location");
    tap::check_eq(value(t, "tokio_console_task_busy_seconds_total{app=\"a\",location=\"src/a.rs:1:1\"}"), 0.015,
                  "busy time in seconds");
    tap::check_eq(value(t, "tokio_console_tasks{app=\"a\",location=\"src/a.rs:1:1\",state=\"idle\"}"), 2.0,
                  "two idle tasks at a.rs");

    // Task 1 ends with 12 polls; two seconds later retention drops it.
    now += kSec;
    u = update_at(now);
    add_task(u, 1, "src/a.rs", 12, now, false, true);
    m.apply(u, now);
    totals.observe(m, locations, false);
    t = scrape(m, locations, totals);
    tap::check_eq(value(t, "tokio_console_tasks{app=\"a\",location=\"src/a.rs:1:1\",state=\"done\"}"), 1.0,
                  "the ended task counts as done while retained");
    now += 3 * kSec;
    m.apply(update_at(now), now);
    tap::check(m.tasks().find(1) == nullptr, "retention dropped the task");
    totals.observe(m, locations, false);
    t = scrape(m, locations, totals);
    tap::check_eq(value(t, "tokio_console_task_polls_total{app=\"a\",location=\"src/a.rs:1:1\"}"), 17.0,
                  "its polls stay in the total");

    // A new process: span ids start again, with fewer polls.
    m.reset();
    now += kSec;
    u = update_at(now);
    add_task(u, 2, "src/a.rs", 1, now, true);
    m.apply(u, now);
    totals.observe(m, locations, true);
    t = scrape(m, locations, totals);
    tap::check_eq(value(t, "tokio_console_task_polls_total{app=\"a\",location=\"src/a.rs:1:1\"}"), 18.0,
                  "after a restart the counter goes on from its total");
    tap::check_eq(value(t, "tokio_console_task_polls_total{app=\"a\",location=\"src/b.rs:1:1\"}"), 7.0,
                  "a location with no task left keeps its total");
    tap::check_eq(value(t, "tokio_console_task_wakes_total{app=\"a\",location=\"src/b.rs:1:1\"}"), 7.0, "wakes");
}

void test_max_locations() {
    model::Model m;
    LocationSlots locations(2);
    TaskTotals totals;
    auto u = update_at(kBase);
    add_task(u, 1, "src/a.rs", 1, kBase, true);
    add_task(u, 2, "src/b.rs", 2, kBase, true);
    add_task(u, 3, "src/c.rs", 4, kBase, true);
    add_task(u, 4, "src/d.rs", 8, kBase, true);
    m.apply(u, kBase);
    totals.observe(m, locations, false);
    std::string t = scrape(m, locations, totals);
    tap::check_eq(locations.size(), size_t(3), "two locations and other");
    tap::check_eq(value(t, "tokio_console_task_polls_total{app=\"a\",location=\"other\"}"), 12.0,
                  "the rest are folded into other");
    double idle_other = value(t, "tokio_console_tasks{app=\"a\",location=\"other\",state=\"idle\"}");
    tap::check_eq(idle_other, 2.0, "and counted there");
}

void test_lints_and_resources() {
    model::Model m;
    auto u = update_at(kBase);
    add_task(u, 1, "src/a.rs", 1, kBase, true);
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[1];
    s.set_waker_clones(1);
    s.set_waker_drops(1);  // no waker left and idle: lost-waker
    m.apply(u, kBase);
    Families f;
    write_lints(m, "a", f);
    LocationSlots locations(10);
    write_resources(m, kBase, kSec, "a", locations, f);
    std::string t = write_text(f.all());
    tap::check_eq(value(t, "tokio_console_lint_tasks{app=\"a\",lint=\"lost-waker\"}"), 1.0, "lost-waker fires");
    tap::check_eq(value(t, "tokio_console_lint_tasks{app=\"a\",lint=\"self-wakes\"}"), 0.0, "others are 0");
    tap::check_eq(value(t, "tokio_console_blocked_tasks{app=\"a\"}"), 0.0, "nothing blocked");
}

// A resource at src/FILE:41:23 of `type`; `parent` makes it internal.
void add_resource(pb::instrument::Update& u, uint64_t span, const char* type, const char* file, uint64_t parent,
                  model::Nanos now) {
    auto* r = u.mutable_resource_update()->add_new_resources();
    r->mutable_id()->set_id(span);
    r->mutable_metadata()->set_id(kMeta);
    r->set_concrete_type(type);
    r->mutable_kind()->set_other("Sync");
    r->mutable_location()->set_file(file);
    r->mutable_location()->set_line(41);
    r->mutable_location()->set_column(23);
    if (parent) {
        r->mutable_parent_resource_id()->set_id(parent);
        r->set_is_internal(true);
    }
    ts((*u.mutable_resource_update()->mutable_stats_update())[span].mutable_created_at(), now - 20 * kSec);
}

// Task `task` pending on `resource` through async op `op`.
void pending(pb::instrument::Update& u, uint64_t task, uint64_t resource, uint64_t op, model::Nanos now) {
    auto* o = u.mutable_async_op_update()->add_new_async_ops();
    o->mutable_id()->set_id(op);
    o->mutable_metadata()->set_id(kMeta);
    o->mutable_resource_id()->set_id(resource);
    o->set_source("Mutex::lock");
    auto& s = (*u.mutable_async_op_update()->mutable_stats_update())[op];
    ts(s.mutable_created_at(), now - 5 * kSec);
    s.mutable_task_id()->set_id(task);
    s.mutable_poll_stats()->set_polls(1);
    ts(s.mutable_poll_stats()->mutable_first_poll(), now - 5 * kSec);
    auto* p = u.mutable_resource_update()->add_new_poll_ops();
    p->mutable_task_id()->set_id(task);
    p->mutable_resource_id()->set_id(resource);
    p->mutable_async_op_id()->set_id(op);
    p->set_name("poll_lock");
    p->set_is_ready(false);
}

// Tasks 2 and 3 wait on a Mutex; task 2 also on the Mutex's internal
// semaphore, which the console does not show as a wait of its own (as
// upstream's, tokio's semaphore inside every Mutex).  Task 4 waits on a
// semaphore of its own making: that one counts.
void test_waits_behind_a_mutex_count_once() {
    model::Model m;
    auto u = update_at(kBase);
    for (uint64_t t : {2, 3, 4}) add_task(u, t, "src/a.rs", 1, kBase, true);
    add_resource(u, 100, "Mutex", "src/db.rs", 0, kBase);
    add_resource(u, 101, "Semaphore", "src/db.rs", 100, kBase);
    add_resource(u, 102, "Semaphore", "src/limit.rs", 0, kBase);
    pending(u, 2, 101, 201, kBase);
    pending(u, 2, 100, 202, kBase);
    pending(u, 3, 100, 203, kBase);
    pending(u, 4, 102, 204, kBase);
    m.apply(u, kBase);
    Families f;
    LocationSlots locations(10);
    assign_resource_locations(m, locations);
    write_resources(m, kBase, 100 * kSec, "a", locations, f);
    std::string t = write_text(f.all());
    auto waiting = [&](const char* loc, const char* type) {
        return value(t, std::string("tokio_console_resource_waiting_tasks{app=\"a\",location=\"") + loc + "\",type=\"" +
                            type + "\"}");
    };
    tap::check_eq(waiting("src/db.rs:41:23", "Mutex"), 2.0, "two tasks wait on the Mutex");
    tap::check_eq(waiting("src/db.rs:41:23", "Semaphore"), 0.0, "its internal semaphore adds none");
    tap::check_eq(waiting("src/limit.rs:41:23", "Semaphore"), 1.0, "a semaphore of the application's counts");
    tap::check_eq(model::waits_of_task(m, 2).size(), size_t(1), "as the task's own waits: one, the Mutex");
    double sum = 0;
    for (size_t at = 0; (at = t.find("\ntokio_console_resource_waiting_tasks{", at)) != std::string::npos; at++)
        sum += std::stod(t.substr(t.find("} ", at) + 2));
    tap::check_eq(sum, 3.0, "three tasks wait in all");
}

// --watch-details 3: the three busiest live tasks, all at once; the set
// is kept while they live, chosen again at once when one ends.
void test_watch_details_chooses_the_busiest() {
    model::Model m;
    model::Nanos now = kBase;
    auto u = update_at(now);
    for (uint64_t t = 1; t <= 5; t++) add_task(u, t, "src/a.rs", 10 * t, now, true);
    m.apply(u, now);
    DetailsWatch w(3);
    auto t0 = DetailsWatch::Clock::now();
    std::vector<uint64_t> want{5, 4, 3};
    tap::check(w.choose(m, t0) == want, "the three busiest, busiest first");
    now += kSec;
    u = update_at(now);
    add_task(u, 1, "src/a.rs", 100, now, false);  // now the busiest, but the set is kept
    m.apply(u, now);
    tap::check(w.choose(m, t0 + std::chrono::seconds(1)) == want, "kept while they live");
    now += kSec;
    u = update_at(now);
    add_task(u, 4, "src/a.rs", 40, now, false, true);
    m.apply(u, now);
    want = {1, 5, 3};
    tap::check(w.choose(m, t0 + std::chrono::seconds(2)) == want, "chosen again at once when one ends");
    tap::check(w.choose(m, t0 + DetailsWatch::kRechoose + std::chrono::seconds(3)) == want, "and every kRechoose");
    Families f;
    LocationSlots locations(10);
    w.write(m, "a", locations, f);
    tap::check_eq(value(write_text(f.all()), "tokio_console_watched_tasks{app=\"a\"}"), 0.0,
                  "none has sent details yet");
}

}  // namespace

int main() {
    test_counters_survive_retention_and_reset();
    test_max_locations();
    test_lints_and_resources();
    test_waits_behind_a_mutex_count_once();
    test_watch_details_chooses_the_busiest();
    return tap::done();
}
