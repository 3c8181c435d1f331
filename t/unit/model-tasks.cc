// The task model: state rules, durations, fields, lints and retention,
// from hand-made Updates.

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "instrument.pb.h"
#include "model/metadata.h"
#include "model/model.h"
#include "model/task_order.h"
#include "t/unit/heap-in-use.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"
#include "update_view.pb.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using namespace model_test;

namespace {

pb::instrument::Update base_update(Nanos now) {
    pb::instrument::Update u;
    ts(u.mutable_now(), now);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(77);
    nm->mutable_metadata()->set_name("runtime.spawn");
    nm->mutable_metadata()->set_target("tokio::task");
    nm->mutable_metadata()->add_field_names("kind");
    nm->mutable_metadata()->add_field_names("task.name");
    nm->mutable_metadata()->add_field_names("task.id");
    return u;
}

pb::tasks::Task* add_task(pb::instrument::Update& u, uint64_t span, const char* name, uint64_t tokio_id) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    t->mutable_metadata()->set_id(77);
    auto* f = t->add_fields();
    f->set_name_idx(1);
    f->mutable_metadata_id()->set_id(77);
    f->set_str_val(name);
    f = t->add_fields();
    f->set_name_idx(2);
    f->mutable_metadata_id()->set_id(77);
    f->set_u64_val(tokio_id);
    t->mutable_location()->set_file("src/main.rs");
    t->mutable_location()->set_line(10);
    t->mutable_location()->set_column(5);
    return t;
}

pb::tasks::Stats& stats(pb::instrument::Update& u, uint64_t span, Nanos created) {
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), created);
    s.mutable_poll_stats();
    return s;
}

// State rules.
pb::instrument::Update state_update() {
    pb::instrument::Update u = base_update(kBase + 10 * kSec);
    add_task(u, 1001, "runner", 1);
    auto& s1 = stats(u, 1001, kBase);
    ts(s1.mutable_poll_stats()->mutable_last_poll_started(), kBase + 9 * kSec);
    ts(s1.mutable_poll_stats()->mutable_last_poll_ended(), kBase + 8 * kSec);
    s1.mutable_poll_stats()->set_polls(3);
    dur(s1.mutable_poll_stats()->mutable_busy_time(), 2 * kSec);
    s1.set_waker_clones(1);

    add_task(u, 1002, "sched", 2);
    auto& s2 = stats(u, 1002, kBase);
    ts(s2.mutable_poll_stats()->mutable_last_poll_started(), kBase + 1 * kSec);
    ts(s2.mutable_poll_stats()->mutable_last_poll_ended(), kBase + 2 * kSec);
    ts(s2.mutable_last_wake(), kBase + 7 * kSec);
    s2.mutable_poll_stats()->set_polls(2);
    dur(s2.mutable_scheduled_time(), kSec);
    s2.set_waker_clones(2);
    s2.set_waker_drops(1);
    s2.set_wakes(4);
    s2.set_self_wakes(3);

    add_task(u, 1003, "idle", 3);
    auto& s3 = stats(u, 1003, kBase);
    ts(s3.mutable_poll_stats()->mutable_last_poll_started(), kBase + 1 * kSec);
    ts(s3.mutable_poll_stats()->mutable_last_poll_ended(), kBase + 2 * kSec);
    s3.mutable_poll_stats()->set_polls(1);
    s3.set_waker_clones(1);

    add_task(u, 1004, "done", 4);
    auto& s4 = stats(u, 1004, kBase);
    ts(s4.mutable_dropped_at(), kBase + 5 * kSec);
    dur(s4.mutable_poll_stats()->mutable_busy_time(), kSec);
    return u;
}

bool check_states(model::Model& m) {
    const auto* r = m.tasks().find(1001);
    const auto* sc = m.tasks().find(1002);
    const auto* id = m.tasks().find(1003);
    const auto* dn = m.tasks().find(1004);
    tap::check(r && sc && id && dn, "four tasks are known");
    if (!(r && sc && id && dn)) return false;
    tap::check(r->state() == model::TaskState::Running, "started after ended: running");
    tap::check(sc->state() == model::TaskState::Scheduled, "woken after last poll: scheduled");
    tap::check(id->state() == model::TaskState::Idle, "polled, not woken: idle");
    tap::check(dn->state() == model::TaskState::Done, "dropped: done");
    tap::check_eq(std::string(m.strings().get(r->name)), std::string("runner"), "task.name by name_idx is the name");
    tap::check_eq(r->id, uint64_t(1), "tokio's task.id is the shown id");
    tap::check_eq(std::string(m.strings().get(r->location)), std::string("src/main.rs:10:5"), "location file:line:col");
    Nanos now = kBase + 10 * kSec;
    tap::check_eq(r->total(now), 10 * kSec, "total of a live task runs to now");
    tap::check_eq(r->busy(now), 3 * kSec, "busy of a running task includes the current poll");
    tap::check_eq(sc->scheduled(now), 4 * kSec, "scheduled includes the time since the wake");
    tap::check_eq(dn->total(now), 5 * kSec, "total of a done task is dropped - created");
    tap::check_eq(dn->idle(now), 4 * kSec, "idle = total - busy - scheduled");
    tap::check_eq(m.now(5 * kSec), now + 5 * kSec, "live clock advances with local time");
    m.apply_state(true);
    tap::check_eq(m.now(5 * kSec), now, "paused clock stands still");
    m.apply_state(false);
    return true;
}

// Lints.
void check_lints_and_order(model::Model& m) {
    const auto* r = m.tasks().find(1001);
    const auto* sc = m.tasks().find(1002);
    const auto* id = m.tasks().find(1003);
    Nanos now = kBase + 10 * kSec;
    tap::check(sc->warnings & (1u << int(model::Lint::SelfWakes)), "75% self-wakes fire self-wakes");
    tap::check(!(id->warnings & (1u << int(model::Lint::SelfWakes))), "no wakes: no self-wakes warning");
    tap::check(!(id->warnings & (1u << int(model::Lint::LostWaker))), "idle task with a waker: not lost");
    tap::check(!(r->warnings & (1u << int(model::Lint::NeverYielded))), "three polls: yielded");
    auto w = model::task_window(m.tasks(), m.strings(), model::TaskColumn::Total, true, now, 0, 10);
    tap::check_eq(w.rows.size(), size_t(4), "window holds every task");
    tap::check_eq(m.tasks().row(w.rows[3]).span_id, uint64_t(1004), "by total, highest first: done task last");
    auto byname = model::task_window(m.tasks(), m.strings(), model::TaskColumn::Name, false, now, 1, 2);
    tap::check(byname.rows.size() == 2 && m.tasks().row(byname.rows[0]).span_id == 1003 &&
                   m.tasks().row(byname.rows[1]).span_id == 1001,
               "a window in the middle of the name order: idle, runner");
    tap::check_eq(model::task_rank(m.tasks(), m.strings(), model::TaskColumn::Name, false, now, 1002), 3L,
                  "rank of 'sched' by name is 3");
}

// Retention: the done task goes 6 s after its drop, on the server's clock.
void check_retention(model::Model& m) {
    pb::instrument::Update later;
    ts(later.mutable_now(), kBase + 10 * kSec);
    m.apply(later, 0);
    tap::check(m.tasks().find(1004), "done 5 s ago: still shown");
    ts(later.mutable_now(), kBase + 11 * kSec + 1);
    m.apply_state(true);
    m.apply(later, 0);
    tap::check(m.tasks().find(1004), "nothing expires while paused");
    m.apply_state(false);
    m.apply(later, 0);
    tap::check(!m.tasks().find(1004), "done 6 s ago: gone");
    tap::check(m.tasks().find(1001), "live tasks stay");
}

// Lost waker, never yielded, sizes, blocking exemption, unknown metadata.
pb::instrument::Update lint_update() {
    pb::instrument::Update u = base_update(kBase + 3 * kSec);
    add_task(u, 2001, "lost", 10);
    auto& s1 = stats(u, 2001, kBase);
    s1.mutable_poll_stats()->set_polls(1);
    ts(s1.mutable_poll_stats()->mutable_last_poll_started(), kBase + kSec);
    ts(s1.mutable_poll_stats()->mutable_last_poll_ended(), kBase + 2 * kSec);

    add_task(u, 2002, "hog", 11);
    auto& s2 = stats(u, 2002, kBase);
    s2.mutable_poll_stats()->set_polls(1);
    ts(s2.mutable_poll_stats()->mutable_last_poll_started(), kBase + kSec);
    s2.set_waker_clones(1);

    auto* big = add_task(u, 2003, "big", 12);
    auto* f = big->add_fields();
    f->set_str_name("size.bytes");
    f->set_u64_val(4096);
    f = big->add_fields();
    f->set_str_name("original_size.bytes");
    f->set_u64_val(8192);
    stats(u, 2003, kBase).set_waker_clones(1);

    auto* blk = add_task(u, 2004, "blocker", 13);
    blk->set_kind(pb::tasks::Task::BLOCKING);
    auto& s4 = stats(u, 2004, kBase);
    s4.mutable_poll_stats()->set_polls(1);
    ts(s4.mutable_poll_stats()->mutable_last_poll_started(), kBase + kSec);

    auto* odd = u.mutable_task_update()->add_new_tasks();
    odd->mutable_id()->set_id(2005);
    odd->mutable_metadata()->set_id(999);
    f = odd->add_fields();
    f->set_name_idx(4);
    f->set_i64_val(-7);
    f = odd->add_fields();
    f->set_str_name("flag");
    f->set_bool_val(true);
    f = odd->add_fields();
    f->set_str_name("empty");
    f->set_str_val("");
    stats(u, 2005, kBase).set_waker_clones(1);
    return u;
}

void check_lint_rules(model::Model& m) {
    auto has = [&](uint64_t span, model::Lint l) {
        const auto* t = m.tasks().find(span);
        return t && (t->warnings & (1u << int(l)));
    };
    tap::check(has(2001, model::Lint::LostWaker), "no wakers, idle, not woken: lost waker");
    tap::check(!has(2002, model::Lint::LostWaker), "a task with a waker has not lost it");
    tap::check(has(2002, model::Lint::NeverYielded), "running 2 s in its first poll: never yielded");
    tap::check(has(2003, model::Lint::LargeFuture), "4096 bytes: large future");
    tap::check(has(2003, model::Lint::AutoBoxedFuture), "size differs from original: auto-boxed");
    tap::check(!has(2004, model::Lint::NeverYielded), "blocking tasks are exempt from never-yielded");
    const auto* o = m.tasks().find(2005);
    tap::check(o != nullptr, "a task with unknown metadata is shown, not dropped");
    if (o) {
        tap::check_eq(std::string(m.strings().get(o->target)), std::string("<unknown metadata>"), "its target says so");
        tap::check_eq(o->fields.size(), size_t(2), "empty string fields are skipped");
        if (o->fields.size() == 2) {
            tap::check_eq(model::format_field(o->fields[0], m.strings()), std::string("<field 4>=-7"),
                          "unknown name index kept, i64 value signed");
            tap::check_eq(model::format_field(o->fields[1], m.strings()), std::string("flag=true"), "bool value");
        }
    }
    auto n = m.tasks().count_by_lint();
    tap::check_eq(n[int(model::Lint::LargeFuture)], uint64_t(1), "one large future counted");
}

void check_lint_kinds() {
    pb::instrument::Update u = lint_update();
    model::LintConfig lc;
    lc.enabled = 0x3f;
    model::Model m(lc);
    m.apply(u, 0);
    check_lint_rules(m);

    model::LintConfig off;
    off.enabled = 0;
    model::Model quiet(off);
    quiet.apply(u, 0);
    tap::check(quiet.tasks().find(2001)->warnings == 0, "allowed lints do not fire");

    m.tasks();
    pb::instrument::Update drops;
    ts(drops.mutable_now(), kBase + 4 * kSec);
    drops.mutable_task_update()->set_dropped_events(5);
    m.apply(drops, 0);
    m.apply(drops, 0);
    tap::check_eq(m.tasks().dropped_events(), uint64_t(10), "dropped events add up");
    m.reset();
    tap::check_eq(m.tasks().size(), size_t(0), "a reset forgets the old process");
}

}  // namespace

// Upstream's words for the list of warnings, word for word (more than
// one task; upstream says "tasks have" for one too, we say "1 task has").
void check_lint_words() {
    model::LintConfig c;
    const char* const upstream[] = {
        "2 tasks have woken themselves over 50% of the time",
        "2 tasks have lost their wakers",
        "2 tasks have never yielded (threshold 1000ms)",
        "2 tasks have been boxed by the runtime due to their size",
        "2 tasks are 1024 bytes or larger",
    };
    for (int l = 0; l < 5; l++)
        tap::check_eq(model::lint_summary(model::Lint(l), 2, c, false), std::string(upstream[l]),
                      std::string("summary of ") + model::lint_name(model::Lint(l)));
    tap::check_eq(model::lint_summary(model::Lint::LostWaker, 1, c, false), std::string("1 task has lost its waker"),
                  "one task: singular");
}

// Registry paths, from Unix and from Windows, as upstream shortens them.
void check_registry_paths() {
    using model::shorten_registry_path;
    tap::check_eq(
        shorten_registry_path("/home/u/.cargo/registry/src/github.com-1ecc6299db9ec823/tokio-1.0.1/src/lib.rs"),
        std::string("<cargo>/tokio-1.0.1/src/lib.rs"), "unix registry path");
    tap::check_eq(shorten_registry_path("/home/u/.cargo/git/checkouts/tokio/src/lib.rs"),
                  std::string("<cargo>/tokio/src/lib.rs"), "unix git checkout");
    tap::check_eq(
        shorten_registry_path(
            "C:\\Users\\u\\.cargo\\registry\\src\\index.crates.io-6f17d22bba15001f\\tokio-1.0.1\\src\\lib.rs"),
        std::string("<cargo>\\tokio-1.0.1\\src\\lib.rs"), "windows registry path");
    tap::check_eq(shorten_registry_path("C:\\Users\\u\\.cargo\\git\\checkouts\\tokio\\src\\lib.rs"),
                  std::string("<cargo>\\tokio\\src\\lib.rs"), "windows git checkout");
    tap::check_eq(shorten_registry_path("C:\\src\\main.rs"), std::string("C:\\src\\main.rs"),
                  "other windows paths unchanged");
}

// Stats entries come in another order each update (the subscriber builds
// a new hash map for each): whatever the order, whatever rows moved in
// between (a removal moves the last row into its place), every task ends
// with its own stats.
class EntryOrder {
public:
    EntryOrder() {
        for (uint64_t id = 5001; id <= 5300; id++) ids_.push_back(id);
    }

    // One update with these entries, in this order; each task's polls say
    // which task and which round.
    void send(const std::vector<uint64_t>& order, const std::vector<uint64_t>& done = {}) {
        round_++;
        tokio_console::view::Update u;
        ts(u.mutable_now(), kBase + 100 * kSec + round_ * kSec);
        for (uint64_t id : order) {
            auto* e = u.mutable_task_update()->add_stats_update();
            e->set_key(id);
            ts(e->mutable_value()->mutable_created_at(), kBase);
            e->mutable_value()->mutable_poll_stats()->set_polls(polls(id, round_));
            if (std::find(done.begin(), done.end(), id) != done.end())
                ts(e->mutable_value()->mutable_dropped_at(), kBase);  // long ago: removed at once
        }
        m_.apply(u, 0);
        for (uint64_t id : order) sent_[id] = round_;
    }

    // Every task sent and not removed has the stats of its last entry.
    bool right(const std::vector<uint64_t>& removed = {}) const {
        size_t shown = 0;
        for (const auto& [id, round] : sent_) {
            bool gone = std::find(removed.begin(), removed.end(), id) != removed.end();
            const model::Task* t = m_.tasks().find(id);
            if (gone != !t) return false;
            if (t && (t->stats.polls != polls(id, round) || t->span_id != id)) return false;
            shown += !gone;
        }
        return m_.tasks().size() == shown;
    }

    std::vector<uint64_t> ids_;

private:
    static uint64_t polls(uint64_t id, int round) { return id * 1000 + static_cast<uint64_t>(round); }
    model::Model m_;
    int round_ = 0;
    std::map<uint64_t, int> sent_;
};

void check_entry_order() {
    EntryOrder e;
    std::mt19937_64 rng(7);
    std::vector<uint64_t> order = e.ids_;
    e.send(order);
    e.send(order);
    tap::check(e.right(), "the same order twice: each task its own stats");
    std::shuffle(order.begin(), order.end(), rng);
    e.send(order);
    e.send(order);
    tap::check(e.right(), "another order, then that again");
    std::vector<uint64_t> half;
    for (size_t i = 0; i < order.size(); i += 2) half.push_back(order[i]);
    e.send(half);
    tap::check(e.right(), "every other entry, the same relative order");
    e.send(order);
    tap::check(e.right(), "all of them again");
    // Tasks removed move other rows into their places.
    std::vector<uint64_t> done(order.begin() + 10, order.begin() + 20);
    e.send(order, done);
    tap::check(e.right(done), "ten completed tasks removed");
    std::vector<uint64_t> rest;
    for (uint64_t id : order)
        if (std::find(done.begin(), done.end(), id) == done.end()) rest.push_back(id);
    e.send(rest);
    e.send(rest);
    tap::check(e.right(done), "the rest, in the order they had, after rows moved");
    // A task twice (the later entry wins), a new task in the middle, id 0.
    std::vector<uint64_t> odd = rest;
    odd.insert(odd.begin() + 5, rest[7]);
    odd.insert(odd.begin() + 50, 9999);
    odd.insert(odd.begin() + 60, 0);
    e.send(odd);
    e.send(odd);
    tap::check(e.right(done), "a task twice, a new task, span id 0");
    e.send(rest);
    tap::check(e.right(done), "and back to the order before");
}

// A new connection may be a new, smaller process: a reset gives back the
// memory the model held, not only its tasks (an emptied vector keeps its
// memory).  Counted by malloc itself, in use and mapped.
void check_reset_gives_memory_back() {
#ifdef __SANITIZE_ADDRESS__
    tap::skip("malloc's own counts are not kept under AddressSanitizer");
#else
    model::Model m;
    const size_t before = unit_test::heap_in_use();
    {
        tokio_console::view::Update u;
        ts(u.mutable_now(), kBase + 10 * kSec);
        for (uint64_t id = 1; id <= 100000; id++) {
            auto* t = u.mutable_task_update()->add_new_tasks();
            t->mutable_id()->set_id(id);
            t->mutable_location()->set_file("src/worker.rs");
            auto* f = t->add_fields();
            f->set_str_name("conn");
            f->set_u64_val(id);
            auto* e = u.mutable_task_update()->add_stats_update();
            e->set_key(id);
            ts(e->mutable_value()->mutable_created_at(), kBase);
        }
        m.apply(u, 0);
    }
    const size_t full = unit_test::heap_in_use();
    m.reset();
    const size_t after = unit_test::heap_in_use();
    tap::check(full > before + (size_t{20} << 20),
               "100 k tasks hold " + std::to_string((full - before) >> 20) + " MiB");
    tap::check(after < before + (size_t{256} << 10),
               "a reset gives back all but " + std::to_string((after - before) >> 10) + " KiB of it");
#endif
}

int main() {
    // One model through the state rules, lints and retention.
    {
        model::Model m;
        m.apply(state_update(), 0);
        if (!check_states(m)) return tap::done();
        check_lints_and_order(m);
        check_retention(m);
    }
    check_entry_order();
    check_reset_gives_memory_back();
    check_lint_kinds();
    check_lint_words();
    check_registry_paths();
    return tap::done();
}
