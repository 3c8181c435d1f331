// The task table keeps sort keys, counts by state and counts by lint as
// rows change, rather than working them out from every row on demand.
// These tests drive a model through spawns, partial and full stats
// updates, completions, retention and clock ticks, and after each step
// compare what it keeps with the same things worked out from the rows.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/model.h"
#include "model/task_order.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using namespace model_test;
using model::Task;
using model::TaskColumn;

namespace {

// A small deterministic generator, so that failures repeat.
struct Rng {
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    uint64_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    uint64_t below(uint64_t n) { return next() % n; }
};

void spawn(pb::instrument::Update& u, uint64_t span, Rng& rng) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    t->mutable_metadata()->set_id(77);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val("job-" + std::to_string(rng.below(7)));
    if (rng.below(3)) {
        f = t->add_fields();
        f->set_str_name("task.id");
        f->set_u64_val(rng.below(40));  // repeats on purpose: ties by id
    }
    if (rng.below(4) == 0) {
        f = t->add_fields();
        f->set_str_name("size.bytes");
        f->set_u64_val(rng.below(3000));
    }
    f = t->add_fields();
    f->set_str_name("peer");
    f->set_str_val("p" + std::to_string(rng.below(5)));
    t->mutable_location()->set_file(rng.below(2) ? "src/a.rs" : "src/b.rs");
    t->mutable_location()->set_line(static_cast<uint32_t>(rng.below(30)));
}

// A snapshot with some variety: running, scheduled, idle, done, first
// polls that last long, self wakes, lost wakers.
void snapshot(pb::instrument::Update& u, uint64_t span, Nanos now, Rng& rng) {
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), now - static_cast<Nanos>(rng.below(5000)) * kMs);
    auto* ps = s.mutable_poll_stats();
    uint64_t polls = rng.below(4);
    ps->set_polls(polls);
    if (polls) ts(ps->mutable_first_poll(), now - 4 * kSec);
    ts(ps->mutable_last_poll_started(), now - static_cast<Nanos>(rng.below(3000)) * kMs);
    ts(ps->mutable_last_poll_ended(), now - static_cast<Nanos>(rng.below(3000)) * kMs);
    ps->mutable_busy_time()->set_nanos(static_cast<int32_t>(rng.below(900'000'000)));
    s.mutable_scheduled_time()->set_nanos(static_cast<int32_t>(rng.below(900'000'000)));
    if (rng.below(2)) ts(s.mutable_last_wake(), now - static_cast<Nanos>(rng.below(3000)) * kMs);
    s.set_wakes(rng.below(10));
    s.set_self_wakes(rng.below(10));
    s.set_waker_clones(rng.below(3));
    s.set_waker_drops(rng.below(3));
    if (rng.below(6) == 0) ts(s.mutable_dropped_at(), now - static_cast<Nanos>(rng.below(8000)) * kMs);
}

uint64_t brute_key(const Task& t, TaskColumn c, Nanos now, const model::StringPool& strings) {
    const std::vector<uint32_t>& ranks = strings.ranks();
    switch (c) {
    case TaskColumn::Warn: return __builtin_popcount(t.warnings);
    case TaskColumn::Id: return t.id;
    case TaskColumn::State: return static_cast<uint64_t>(t.state());
    case TaskColumn::Name: return ranks[t.name];
    case TaskColumn::Total: return t.total(now);
    case TaskColumn::Busy: return t.busy(now);
    case TaskColumn::Sched: return t.scheduled(now);
    case TaskColumn::Idle: return t.idle(now);
    case TaskColumn::Polls: return t.stats.polls;
    case TaskColumn::Kind: return ranks[t.kind];
    case TaskColumn::Location: return ranks[t.location];
    case TaskColumn::Fields: return ranks[t.fields.empty() ? 0 : t.fields.front().value.text];
    }
    return 0;
}

// The whole order by `c`, from the rows alone.
std::vector<uint32_t> brute_order(const model::Model& m, TaskColumn c, bool desc, Nanos now) {
    const auto& tasks = m.tasks();
    std::vector<uint32_t> rows(tasks.size());
    for (uint32_t i = 0; i < rows.size(); i++) rows[i] = i;
    std::sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
        uint64_t ka = brute_key(tasks.row(a), c, now, m.strings());
        uint64_t kb = brute_key(tasks.row(b), c, now, m.strings());
        if (ka != kb) return desc ? ka > kb : ka < kb;
        if (tasks.row(a).id != tasks.row(b).id) return tasks.row(a).id < tasks.row(b).id;
        return a < b;
    });
    return rows;
}

// Everything kept agrees with the rows at server time `now`.
void check_model(const model::Model& m, Nanos now, const std::string& step) {
    const auto& tasks = m.tasks();
    std::array<uint64_t, 4> states{};
    std::array<uint64_t, model::kLintCount> lints{};
    bool lints_fresh = true;
    for (size_t i = 0; i < tasks.size(); i++) {
        const Task& t = tasks.row(i);
        states[static_cast<int>(t.state())]++;
        for (int l = 0; l < model::kLintCount; l++)
            if (t.warnings & (1u << l)) lints[l]++;
        if (t.warnings != model::check_lints(t, now, m.lint_config())) lints_fresh = false;
    }
    tap::check(states == tasks.count_by_state(), step + ": counts by state");
    tap::check(lints == tasks.count_by_lint(), step + ": counts by lint");
    tap::check(lints_fresh, step + ": every task's lints hold at the current time");
    bool windows = true, ranks = true;
    std::string bad;
    for (int c = 0; c < model::kTaskColumnCount; c++) {
        auto col = static_cast<TaskColumn>(c);
        for (bool desc : {false, true}) {
            std::vector<uint32_t> all = brute_order(m, col, desc, now);
            for (size_t first : {size_t(0), size_t(7), all.size() / 2}) {
                auto w = model::task_window(tasks, m.strings(), col, desc, now, first, 10);
                std::vector<uint32_t> want(all.begin() + std::min(first, all.size()),
                                           all.begin() + std::min(first + 10, all.size()));
                if (w.rows != want) {
                    windows = false;
                    bad = model::task_column_name(col);
                }
            }
            for (size_t r = 0; r < all.size(); r += 13) {
                long got = model::task_rank(tasks, m.strings(), col, desc, now, tasks.row(all[r]).span_id);
                if (got != static_cast<long>(r)) {
                    ranks = false;
                    bad = model::task_column_name(col);
                }
            }
        }
    }
    tap::check(windows, step + ": every window as a full sort of the rows gives it" +
                            (bad.empty() ? "" : " (not by " + bad + ")"));
    tap::check(ranks, step + ": every rank as a full sort of the rows gives it");
}

}  // namespace

int main() {
    Rng rng;
    model::Model m;
    Nanos now = kBase;
    uint64_t next_span = 1;

    {
        pb::instrument::Update u;
        ts(u.mutable_now(), now);
        auto* nm = u.mutable_new_metadata()->add_metadata();
        nm->mutable_id()->set_id(77);
        nm->mutable_metadata()->set_name("runtime.spawn");
        nm->mutable_metadata()->set_target("tokio::task");
        for (int i = 0; i < 300; i++) spawn(u, next_span++, rng);
        m.apply(u, 0);
    }
    check_model(m, m.now(0), "spawns without stats");

    for (int round = 1; round <= 6; round++) {
        now += kSec;
        pb::instrument::Update u;
        ts(u.mutable_now(), now);
        for (int i = 0; i < 40; i++) spawn(u, next_span++, rng);
        // Odd rounds: every task; even ones: about a third, and a few
        // stats for spans never spawned.
        for (uint64_t span = 1; span < next_span; span++)
            if (round % 2 || rng.below(3) == 0) snapshot(u, span, now, rng);
        if (round % 2 == 0)
            for (int i = 0; i < 5; i++) snapshot(u, 100'000 + round * 10 + i, now, rng);
        m.apply(u, static_cast<Nanos>(round) * kSec);
        check_model(m, m.now(static_cast<Nanos>(round) * kSec), "update " + std::to_string(round));
    }

    // The clock moves on without updates: first polls grow past the
    // never-yielded threshold and only a tick notices.
    Nanos local = 6 * kSec + 1500 * kMs;
    m.tick(local);
    check_model(m, m.now(local), "tick 1.5 s later");

    // An empty update much later: the completed tasks are retained away.
    now += 10 * kSec;
    {
        pb::instrument::Update u;
        ts(u.mutable_now(), now);
        u.mutable_task_update();
        m.apply(u, 20 * kSec);
    }
    tap::check(m.tasks().count_by_state()[3] == 0, "retention leaves no completed tasks");
    check_model(m, m.now(20 * kSec), "after retention");

    // A new lint config: every task is checked again.
    model::LintConfig quiet = m.lint_config();
    quiet.enabled = 0;
    m.set_lint_config(quiet);
    auto by_lint = m.tasks().count_by_lint();
    tap::check(std::all_of(by_lint.begin(), by_lint.end(), [](uint64_t n) { return n == 0; }),
               "no lint counted once all are off");
    check_model(m, m.now(20 * kSec), "lints off");

    m.reset();
    tap::check(m.tasks().size() == 0 && m.tasks().count_by_state() == std::array<uint64_t, 4>{},
               "reset forgets tasks and counts");
    return tap::done();
}
