// Resources, async ops, poll ops, dropped events, history, temporality and
// the long-poll lint, from hand-made Updates.
#include "instrument.pb.h"
#include "model/attribute.h"
#include "model/hdr_writer.h"
#include "model/model.h"
#include "model/span_index.h"
#include "model/waits.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using namespace model_test;

namespace {

pb::instrument::Update update_at(Nanos now) {
    pb::instrument::Update u;
    ts(u.mutable_now(), now);
    return u;
}

void add_meta(pb::instrument::Update& u, uint64_t id, const char* target) {
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(id);
    nm->mutable_metadata()->set_target(target);
    nm->mutable_metadata()->add_field_names("duration");
}

pb::resources::Resource* add_resource(pb::instrument::Update& u, uint64_t span, uint64_t meta, const char* type) {
    auto* r = u.mutable_resource_update()->add_new_resources();
    r->mutable_id()->set_id(span);
    r->mutable_metadata()->set_id(meta);
    r->set_concrete_type(type);
    r->mutable_kind()->set_other("Sync");
    return r;
}

pb::resources::Stats& resource_stats(pb::instrument::Update& u, uint64_t span, Nanos created) {
    auto& s = (*u.mutable_resource_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), created);
    return s;
}

void attr_u64(google::protobuf::RepeatedPtrField<pb::common::Attribute>* as, const char* name, uint64_t v,
              const char* unit) {
    auto* a = as->Add();
    a->mutable_field()->set_str_name(name);
    a->mutable_field()->set_u64_val(v);
    if (unit) a->set_unit(unit);
}

void poll_op(pb::instrument::Update& u, uint64_t task, uint64_t resource, bool ready) {
    auto* p = u.mutable_resource_update()->add_new_poll_ops();
    p->mutable_task_id()->set_id(task);
    p->mutable_resource_id()->set_id(resource);
    p->set_name("poll_acquire");
    p->set_is_ready(ready);
}

void add_task(pb::instrument::Update& u, uint64_t span, Nanos created) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), created);
    s.set_waker_clones(1);
}

// Temporality: one set of rules for pausing, used by the program.
void check_pausing() {
    model::Model m;
    tap::check(m.temporality() == model::Temporality::Live, "live at first");
    m.request_pause(true);
    tap::check(m.paused() && m.temporality() == model::Temporality::Pausing, "pausing counts as paused");
    m.apply_pause_result(true, true);
    tap::check(m.temporality() == model::Temporality::Pausing, "the request succeeds: WatchState confirms");
    m.apply_state(true);
    tap::check(m.temporality() == model::Temporality::Paused, "the server confirms: paused");
    m.request_pause(false);
    tap::check(!m.paused(), "unpausing is not paused");
    m.apply(update_at(kBase), 0);
    tap::check(m.temporality() == model::Temporality::Live, "an update while unpausing: live");
    m.request_pause(true);
    m.apply_pause_result(true, false);
    tap::check(m.temporality() == model::Temporality::Live, "a failed pause: live again");
    m.apply_state(true);
    m.request_pause(false);
    m.apply_pause_result(false, false);
    tap::check(m.temporality() == model::Temporality::Paused, "a failed resume: paused again");
    m.apply_state_unsupported();
    tap::check(!m.state_reported(), "WatchState unimplemented: the state is not reported");
    m.request_pause(false);
    m.apply_pause_result(false, true);
    tap::check(m.temporality() == model::Temporality::Live, "unreported: a successful resume is live");
    m.request_pause(true);
    m.apply_pause_result(true, true);
    tap::check(m.temporality() == model::Temporality::Paused, "unreported: a successful pause is paused");
    m.reset();
    tap::check(m.state_reported() && m.temporality() == model::Temporality::Live,
               "a new connection: live, and its state may be reported");
}

// Long-poll lint from task details.
void check_long_poll() {
    model::LintConfig lc;
    lc.enabled |= 1u << int(model::Lint::LongPoll);
    lc.long_poll = 10 * kMs;
    model::Model m(lc);
    pb::instrument::Update u = update_at(kBase);
    add_task(u, 1, kBase);
    add_task(u, 2, kBase);
    m.apply(u, 0);
    // Poll times: 99 short polls and one of `slow`, so p99 is near 1 ms
    // or `slow` depending on how many slow ones there are.
    auto details = [](uint64_t span, Nanos p99) {
        model::HdrWriter w(1, 60'000'000'000, 2);
        w.record(1000, 50);
        w.record(static_cast<uint64_t>(p99), 50);
        model::TaskDetails d;
        d.task_id = span;
        d.has_task_id = true;
        d.poll_times = model::duration_stats_from_bytes(w.encode());
        return d;
    };
    model::TaskDetails d = details(1, 20 * kMs);
    m.apply_details(d, 0);
    tap::check(m.task_details(1) && !m.task_details(2), "the details are kept for their task");
    auto fires = [&](uint64_t span) {
        const auto* t = m.tasks().find(span);
        return t && (t->warnings & (1u << int(model::Lint::LongPoll)));
    };
    tap::check(fires(1), "p99 poll 20 ms over 10 ms: long-poll");
    tap::check(!fires(2), "no details: no long-poll");
    m.apply_details(details(1, 9 * kMs), 0);
    tap::check(!fires(1), "p99 under the threshold: no long-poll");
    model::LintConfig higher = lc;
    m.apply_details(details(1, 20 * kMs), 0);
    tap::check(fires(1), "over it again");
    higher.long_poll = 50 * kMs;
    m.set_lint_config(higher);
    tap::check(!fires(1), "a higher threshold set later clears it");
}

// Resources: ids, parents, kinds, visibility, attributes, order.
pb::instrument::Update resources_update() {
    pb::instrument::Update u = update_at(kBase + 10 * kSec);
    add_meta(u, 5, "tokio::sync");
    add_meta(u, 6, "tokio::time");
    auto* mutex = add_resource(u, 900, 5, "Mutex");
    mutex->mutable_location()->set_file("src/lock.rs");
    mutex->mutable_location()->set_line(3);
    auto& s1 = resource_stats(u, 900, kBase);
    attr_u64(s1.mutable_attributes(), "permits", 1001, "ms");
    auto* sem = add_resource(u, 901, 5, "Semaphore");
    sem->mutable_parent_resource_id()->set_id(900);
    sem->set_is_internal(true);
    auto& s2 = resource_stats(u, 901, kBase + kSec);
    attr_u64(s2.mutable_attributes(), "permits", 7, "ms");
    auto* sleep = add_resource(u, 902, 6, "Sleep");
    sleep->mutable_kind()->set_known(pb::resources::Resource::Kind::TIMER);
    auto& s3 = resource_stats(u, 902, kBase);
    auto* a = s3.add_attributes();
    a->mutable_field()->set_name_idx(0);
    a->mutable_field()->mutable_metadata_id()->set_id(6);
    a->mutable_field()->set_u64_val(5000);
    a->set_unit("ms");
    add_resource(u, 903, 4242, "Mystery");                                             // unknown metadata, no stats
    (*u.mutable_resource_update()->mutable_stats_update())[999].mutable_created_at();  // never announced
    u.mutable_resource_update()->set_dropped_events(3);
    return u;
}

bool check_resources(model::Model& m) {
    m.apply(resources_update(), 0);
    const auto& rs = m.resources();
    tap::check_eq(rs.size(), size_t(4), "four resources; stats of an unknown one are ignored");
    const auto* r0 = rs.find(900);
    const auto* r1 = rs.find(901);
    const auto* r2 = rs.find(902);
    const auto* r3 = rs.find(903);
    if (!(r0 && r1 && r2 && r3)) return false;
    tap::check(r0->id == 1 && r1->id == 2 && r2->id == 3 && r3->id == 4, "display ids are sequential");
    tap::check_eq(r1->parent_id, uint64_t(1), "parent by display id");
    tap::check_eq(rs.parent_label(*r1, m.strings()), std::string("1 (tokio::sync::Mutex)"), "parent label names it");
    tap::check_eq(rs.parent_label(*r0, m.strings()), std::string("n/a"), "no parent: n/a");
    tap::check_eq(std::string(m.strings().get(r2->kind)), std::string("Timer"), "known kind TIMER is Timer");
    tap::check_eq(std::string(m.strings().get(r0->kind)), std::string("Sync"), "other kind as sent");
    tap::check(r1->visibility == model::Visibility::Internal && r0->visibility == model::Visibility::Public,
               "visibility internal and public");
    tap::check_eq(model::format_attributes(r2->attributes, m.strings()), std::string("duration=5000ms"),
                  "attribute by name index with its unit");
    tap::check_eq(std::string(m.strings().get(r0->location)), std::string("src/lock.rs:3"), "location");
    tap::check_eq(std::string(m.strings().get(r3->target)), std::string("<unknown metadata>"),
                  "unknown metadata: shown, not dropped");
    tap::check_eq(r0->total(kBase + 10 * kSec), 10 * kSec, "a live resource's total runs to now");

    auto w = model::resource_window(rs, m.strings(), model::ResourceColumn::Attributes, false, 0, 0, 10);
    tap::check(w.rows.size() == 4 && rs.row(w.rows[2]).span_id == 901 && rs.row(w.rows[3]).span_id == 900,
               "attributes sort numerically: 7ms before 1001ms");
    w = model::resource_window(rs, m.strings(), model::ResourceColumn::Type, true, 0, 0, 2);
    tap::check(w.rows.size() == 2 && rs.row(w.rows[0]).span_id == 902 && w.total == 4,
               "by type descending, a window of two: Sleep first");
    tap::check_eq(model::resource_rank(rs, m.strings(), model::ResourceColumn::Type, false, 0, 901), 2L,
                  "rank of Semaphore by type: after Mutex and Mystery");
    tap::check_eq(m.dropped().total(model::EventKind::Resources), uint64_t(3), "dropped resource events");
    return true;
}

// Async ops on the mutex, one polled by a task.
bool check_async_ops(model::Model& m) {
    pb::instrument::Update v = update_at(kBase + 11 * kSec);
    add_task(v, 50, kBase);
    auto* f = v.mutable_task_update()->mutable_new_tasks(0)->add_fields();
    f->set_str_name("task.name");
    f->set_str_val("worker");
    f = v.mutable_task_update()->mutable_new_tasks(0)->add_fields();
    f->set_str_name("task.id");
    f->set_u64_val(12);
    auto* op = v.mutable_async_op_update()->add_new_async_ops();
    op->mutable_id()->set_id(7000);
    op->set_source("Mutex::lock");
    op->mutable_resource_id()->set_id(900);
    auto* op2 = v.mutable_async_op_update()->add_new_async_ops();
    op2->mutable_id()->set_id(7001);
    op2->set_source("Acquire::new");
    op2->mutable_resource_id()->set_id(901);
    op2->mutable_parent_async_op_id()->set_id(7000);
    auto& os = (*v.mutable_async_op_update()->mutable_stats_update())[7000];
    ts(os.mutable_created_at(), kBase + 5 * kSec);
    os.mutable_task_id()->set_id(50);
    os.mutable_poll_stats()->set_polls(4);
    ts(os.mutable_poll_stats()->mutable_last_poll_started(), kBase + 10 * kSec);
    os.mutable_poll_stats()->mutable_busy_time()->set_seconds(1);
    v.mutable_async_op_update()->set_dropped_events(2);
    m.apply(v, 0);
    const auto& ops = m.async_ops();
    const auto* a0 = ops.find(7000);
    const auto* a1 = ops.find(7001);
    tap::check(a0 && a1, "two async ops");
    if (!(a0 && a1)) return false;
    tap::check(a0->id == 1 && a1->id == 2 && a1->parent_id == 1, "op ids sequential, parent by display id");
    tap::check(a0->resource_id == 1 && a1->resource_id == 2, "op resource ids are the resources' display ids");
    Nanos now = kBase + 11 * kSec;
    tap::check_eq(a0->total(now), 6 * kSec, "op total");
    tap::check_eq(a0->busy(now), 2 * kSec, "busy includes the poll in progress");
    tap::check_eq(a0->idle(now), 4 * kSec, "idle = total - busy");
    tap::check_eq(model::AsyncOpTable::task_label(*a0, m.tasks(), m.strings()), std::string("12 (worker)"),
                  "op's task by span id: shown id and name");
    tap::check_eq(model::AsyncOpTable::task_label(*a1, m.tasks(), m.strings()), std::string("n/a"), "no task: n/a");
    auto ow = model::async_op_window(ops, m.tasks(), m.strings(), model::AsyncOpColumn::Polls, true, now, 900, 0, 10);
    tap::check(ow.rows.size() == 1 && ops.row(ow.rows[0]).span_id == 7000, "ops window of one resource");
    ow = model::async_op_window(ops, m.tasks(), m.strings(), model::AsyncOpColumn::Source, false, now, 0, 0, 10);
    tap::check(ow.rows.size() == 2 && ops.row(ow.rows[0]).span_id == 7001, "all ops by source: Acquire first");
    tap::check_eq(m.dropped().total(model::EventKind::AsyncOps), uint64_t(2), "dropped async op events");
    return true;
}

// Poll ops: waiting and ready.
void check_poll_ops(model::Model& m) {
    pb::instrument::Update p = update_at(kBase + 12 * kSec);
    add_task(p, 51, kBase);
    poll_op(p, 50, 901, false);
    poll_op(p, 51, 901, true);
    poll_op(p, 51, 900, false);
    m.apply(p, 0);
    auto waiting = model::waiters_of(m, 901);
    tap::check(waiting.size() == 1 && waiting[0].task_span == 50,
               "a task whose poll was not ready waits on the resource");
    tap::check_eq(m.poll_ops().of_resource(901).size(), size_t(2), "both tasks polled it");
    auto awaited = model::waits_of_task(m, 51);
    tap::check(awaited.size() == 1 && awaited[0].resource_span == 900, "a task lists the resources it waits on");
    pb::instrument::Update p2 = update_at(kBase + 13 * kSec);
    add_task(p2, 52, kBase);
    poll_op(p2, 50, 901, true);
    poll_op(p2, 52, 901, false);
    m.apply(p2, 0);
    waiting = model::waiters_of(m, 901);
    tap::check(waiting.size() == 1 && waiting[0].task_span == 52, "a later ready poll ends the wait");
}

// Retention: dropped resources and ops, exactly at the limit.
void check_retention(model::Model& m) {
    pb::instrument::Update d = update_at(kBase + 14 * kSec);
    ts(resource_stats(d, 901, kBase).mutable_dropped_at(), kBase + 14 * kSec);
    ts((*d.mutable_async_op_update()->mutable_stats_update())[7001].mutable_dropped_at(), kBase + 14 * kSec);
    (*d.mutable_async_op_update()->mutable_stats_update())[7001].mutable_created_at()->set_seconds(1);
    m.apply(d, 0);
    tap::check(m.resources().find(901) && m.resources().find(901)->dropped(), "a dropped resource is kept");
    tap::check(model::waiters_of(m, 901).empty(), "a dropped resource is waited on no more");
    tap::check_eq(m.resources().find(901)->total(kBase + 99 * kSec), 14 * kSec - 0,
                  "a dropped resource's total stops at its drop");
    pb::instrument::Update e = update_at(kBase + 20 * kSec - 1);
    m.apply(e, 0);
    tap::check(m.resources().find(901) && m.async_ops().find(7001), "1 ns before the limit: kept");
    e = update_at(kBase + 20 * kSec);
    m.apply_state(true);
    m.apply(e, 0);
    tap::check(m.resources().find(901), "at the limit but paused: kept");
    m.apply_state(false);
    m.apply(e, 0);
    tap::check(!m.resources().find(901) && !m.async_ops().find(7001), "exactly at the limit: gone");
    tap::check(m.resources().find(900), "live resources stay");
    tap::check(m.poll_ops().of_resource(901).empty(), "a forgotten resource's poll links go too");
}

// Dropped events per kind, since last look; history ring.
void check_dropped_and_history() {
    model::Model m(model::LintConfig{}, 6 * kSec, 4);
    for (int i = 0; i < 6; i++) {
        pb::instrument::Update u = update_at(kBase + i * kSec);
        add_task(u, 1, kBase);
        auto& s = (*u.mutable_task_update()->mutable_stats_update())[1];
        s.mutable_poll_stats()->set_polls(10 * (i + 1));
        s.set_wakes(5 * (i + 1));
        u.mutable_task_update()->set_dropped_events(i == 2 ? 4 : 0);
        m.apply(u, 0);
        if (i == 3) {
            tap::check_eq(m.dropped().unseen(), uint64_t(4), "dropped events unseen until acknowledged");
            m.acknowledge_dropped();
            tap::check_eq(m.dropped().unseen(), uint64_t(0), "acknowledged: none unseen");
        }
    }
    tap::check_eq(m.dropped().total(model::EventKind::Tasks), uint64_t(4), "cumulative count stays");
    tap::check_eq(m.history().size(), size_t(4), "the ring holds its capacity, no more");
    tap::check_eq(m.history().at(0).now, kBase + 2 * kSec, "the oldest kept is the third update");
    tap::check(m.history().at(0).dropped == 4 && m.history().at(1).dropped == 0, "dropped per sample");
    tap::check_eq(m.history().latest()->polls_per_sec, 10.0, "10 polls in 1 s: 10 polls/s");
    tap::check_eq(m.history().latest()->wakes_per_sec, 5.0, "5 wakes in 1 s: 5 wakes/s");
    tap::check_eq(m.history().latest()->idle, uint32_t(1), "tasks by state");
}

// The span index under inserts, erases and growth.
void check_span_index() {
    model::SpanIndex ix;
    bool ok = true;
    for (uint64_t k = 1; k <= 5000; k++) ok &= ix.insert(k * 4096, static_cast<uint32_t>(k)).second;
    for (uint64_t k = 1; k <= 5000; k += 2) ok &= ix.erase(k * 4096);
    for (uint64_t k = 1; k <= 5000; k++) {
        const uint32_t* r = ix.find(k * 4096);
        ok &= (k % 2) ? r == nullptr : (r && *r == k);
    }
    ok &= !ix.erase(12345) && ix.size() == 2500 && ix.insert(0, 9).second && *ix.find(0) == 9;
    tap::check(ok, "span index: finds what remains after erases, key 0 included");
}
}  // namespace

int main() {
    // One model through resources, async ops, poll ops and retention.
    {
        model::Model m;
        if (!check_resources(m) || !check_async_ops(m)) return tap::done();
        check_poll_ops(m);
        check_retention(m);
    }
    check_dropped_and_history();
    check_pausing();
    check_long_poll();
    check_span_index();
    return tap::done();
}
