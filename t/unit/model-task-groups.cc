// The grouped task list's model: groups by location, name, kind and
// target with their totals, the lines an outline shows as groups open and
// close, its order and windows, and the tree that tasks' parents make
// (three levels deep, parents that are gone, a cycle).
#include <cstdint>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/model.h"
#include "model/task_groups.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console;
using model::GroupBy;
using model::Nanos;
using model::TaskColumn;
using namespace model_test;

namespace {

const Nanos kNow = kBase + 100 * kSec;

struct Spec {
    uint64_t span;
    const char* name;
    const char* file;
    uint32_t line;
    std::vector<uint64_t> parents;
    Nanos busy;
    uint64_t polls;
    bool running;
};

void add(pb::instrument::Update& u, const Spec& s) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(s.span);
    t->mutable_metadata()->set_id(1);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val(s.name);
    f = t->add_fields();
    f->set_str_name("task.id");
    f->set_u64_val(s.span);
    t->mutable_location()->set_file(s.file);
    t->mutable_location()->set_line(s.line);
    for (uint64_t p : s.parents) t->add_parents()->set_id(p);
    auto& st = (*u.mutable_task_update()->mutable_stats_update())[s.span];
    ts(st.mutable_created_at(), kNow - 10 * kSec);
    auto* ps = st.mutable_poll_stats();
    ps->set_polls(s.polls);
    ts(ps->mutable_first_poll(), kNow - 9 * kSec);
    ts(ps->mutable_last_poll_started(), kNow - 2 * kSec);
    ts(ps->mutable_last_poll_ended(), s.running ? kNow - 3 * kSec : kNow - kSec);
    dur(ps->mutable_busy_time(), s.busy);
    ts(st.mutable_last_wake(), kNow - 3 * kSec);
    st.set_wakes(s.polls);
    st.set_waker_clones(1);
}

std::unique_ptr<model::Model> make(const std::vector<Spec>& specs) {
    auto m = std::make_unique<model::Model>();
    pb::instrument::Update u;
    ts(u.mutable_now(), kNow);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(1);
    nm->mutable_metadata()->set_name("runtime.spawn");
    nm->mutable_metadata()->set_target("tokio::task");
    for (const Spec& s : specs) add(u, s);
    m->apply(u, 0);
    return m;
}

// "g" for a group line, else the task's name; a tree line gets dots for depth.
std::string lines(const model::TaskOutline& o, const model::Model& m) {
    size_t first = 0;
    std::string out;
    for (const auto& l : o.window(first, 1000)) {
        if (!out.empty()) out += ' ';
        if (l.node != model::kNoNode && o.nodes()[l.node].row < 0) {
            out += std::string(m.strings().get(o.nodes()[l.node].label)) + ":" +
                   std::to_string(o.nodes()[l.node].totals.count);
            continue;
        }
        out += std::string(l.depth, '.') + std::string(m.strings().get(m.tasks().row(l.row).name));
    }
    return out;
}

void test_by_location() {
    auto m = make({
        {1, "conn", "src/server.rs", 10, {}, 1 * kSec, 5, false},
        {2, "conn", "src/server.rs", 10, {}, 3 * kSec, 7, true},
        {3, "db", "src/db.rs", 20, {}, 1 * kSec, 1, false},
        {4, "conn", "src/server.rs", 10, {}, 2 * kSec, 2, false},
    });
    model::TaskOutline o(m->tasks(), m->strings(), GroupBy::Location, kNow, nullptr);
    model::Expansion open;
    o.order(TaskColumn::Busy, true, open);
    tap::check_eq(o.size(), 2u, "by location: two groups, both closed");
    tap::check_eq(lines(o, *m), std::string("src/server.rs:10:3 src/db.rs:20:1"),
                  "the group with the most busy time first");
    const auto& g = o.nodes()[0];
    tap::check_eq(g.totals.count, 3u, "the group counts its tasks");
    tap::check_eq(g.totals.busy, 8 * kSec, "and sums their busy time, the running one's poll so far too");
    tap::check_eq(g.totals.polls, 14u, "and their polls");
    tap::check_eq(g.totals.states[0], 1u, "one of them running");
    tap::check_eq(g.totals.states[2], 2u, "two idle");
    open.set(g.key, true);
    o.order(TaskColumn::Busy, true, open);
    tap::check_eq(lines(o, *m), std::string("src/server.rs:10:3 .conn .conn .conn src/db.rs:20:1"),
                  "an open group shows its tasks under it");
    tap::check_eq(o.rank(2), 1L, "the busiest task is first in its group");
    tap::check_eq(o.rank(1), 3L, "the least busy last");
    tap::check_eq(o.rank(3), -1L, "a task of a closed group has no line");
    tap::check_eq(o.rank(o.nodes()[1].key), 4L, "the second group's line follows the open one");
    tap::check_eq(o.parent_key(4), g.key, "a task's parent line is its group's");
    size_t first = 2;
    auto w = o.window(first, 2);
    tap::check(w.size() == 2 && w[0].row == m->tasks().find(4) - &m->tasks().row(0) && w[1].node == model::kNoNode,
               "a window that starts inside an open group");
    o.order(TaskColumn::Busy, false, open);
    tap::check_eq(lines(o, *m), std::string("src/db.rs:20:1 src/server.rs:10:3 .conn .conn .conn"),
                  "inverted: the groups and the tasks within turn round");
    tap::check_eq(o.rank(1), 2L, "the least busy task first in its group");
    open.toggle_all();
    o.order(TaskColumn::Busy, false, open);
    tap::check_eq(o.size(), 6u, "* opens every group");
    open.toggle_all();
    o.order(TaskColumn::Busy, false, open);
    tap::check_eq(o.size(), 2u, "and * again closes them all");
}

void test_other_keys_and_filter() {
    auto m = make({
        {1, "conn", "src/a.rs", 1, {}, kSec, 1, false},
        {2, "conn", "src/b.rs", 2, {}, kSec, 1, false},
        {3, "db", "src/b.rs", 3, {}, kSec, 1, false},
    });
    model::Expansion open;
    model::TaskOutline byname(m->tasks(), m->strings(), GroupBy::Name, kNow, nullptr);
    byname.order(TaskColumn::Name, false, open);
    tap::check_eq(lines(byname, *m), std::string("conn:2 db:1"), "by name, sorted by the name");
    model::TaskOutline bytarget(m->tasks(), m->strings(), GroupBy::Target, kNow, nullptr);
    bytarget.order(TaskColumn::Total, true, open);
    tap::check_eq(lines(bytarget, *m), std::string("tokio::task:3"), "by target: one group");
    std::vector<uint32_t> only = {1, 2};  // a filter kept rows 1 and 2
    model::TaskOutline filtered(m->tasks(), m->strings(), GroupBy::Name, kNow, &only);
    filtered.order(TaskColumn::Name, false, open);
    tap::check_eq(lines(filtered, *m), std::string("conn:1 db:1"), "grouping takes the rows a filter keeps");
    GroupBy g = GroupBy::None;
    std::string cycle;
    for (int i = 0; i < model::kGroupByCount; i++) {
        g = model::next_group_by(g);
        cycle += std::string(model::group_by_name(g)) + " ";
    }
    tap::check_eq(cycle, std::string("location name kind target parent none "), "T's cycle");
    tap::check(model::group_by_from_name("kind", g) && g == GroupBy::Kind, "a mode by its name");
    tap::check(!model::group_by_from_name("colour", g), "an unknown name is refused");
    tap::check_eq(
        model::worse_lint(static_cast<int>(model::Lint::LargeFuture), static_cast<int>(model::Lint::LostWaker)),
        static_cast<int>(model::Lint::LostWaker), "a lost waker is worse than a large future");
    tap::check_eq(model::worse_lint(-1, -1), -1, "no lint, no worst");
}

void test_tree() {
    // root -> {mid, other}; mid -> leaf (three levels); orphan's parent is
    // gone; a and b name each other.
    auto m = make({
        {10, "root", "src/main.rs", 1, {}, 1 * kSec, 1, false},
        {11, "mid", "src/main.rs", 2, {10}, 2 * kSec, 2, false},
        {12, "leaf", "src/main.rs", 3, {11}, 4 * kSec, 4, true},
        {13, "other", "src/main.rs", 4, {10}, 1 * kSec, 8, false},
        {14, "orphan", "src/main.rs", 5, {99}, 1 * kSec, 16, false},
        {15, "a", "src/main.rs", 6, {16}, 1 * kSec, 32, false},
        {16, "b", "src/main.rs", 7, {15}, 1 * kSec, 64, false},
    });
    model::TaskOutline o(m->tasks(), m->strings(), GroupBy::Parent, kNow, nullptr);
    model::Expansion open;
    o.order(TaskColumn::Id, false, open);
    tap::check_eq(lines(o, *m), std::string("root orphan a"), "closed: the top-level tasks, a cycle broken once");
    uint32_t root = o.node_of(10);
    tap::check(root != model::kNoNode, "the root task has a node");
    const auto& t = o.nodes()[root].totals;
    tap::check_eq(t.count, 4u, "the root's subtree has four tasks");
    tap::check_eq(t.busy, 10 * kSec, "its busy time is the subtree's");
    tap::check_eq(t.polls, 15u, "so are its polls");
    tap::check_eq(t.states[0], 1u, "one running, three levels down");
    open.toggle_all();
    o.order(TaskColumn::Id, false, open);
    tap::check_eq(lines(o, *m), std::string("root .mid ..leaf .other orphan a .b"), "open: nested three levels deep");
    tap::check_eq(o.parent_key(12), uint64_t(11), "the leaf's parent is mid");
    tap::check_eq(o.parent_key(10), uint64_t(0), "the root has none shown");
    tap::check_eq(o.rank(13), 3L, "a task's line in the tree");
    o.order(TaskColumn::Polls, true, open);
    tap::check_eq(lines(o, *m), std::string("a .b orphan root .other .mid ..leaf"),
                  "sorted by subtree polls at every level");
    std::vector<uint32_t> only;
    for (uint32_t r = 0; r < m->tasks().size(); r++)
        if (m->tasks().row(r).span_id != 11) only.push_back(r);
    model::TaskOutline f(m->tasks(), m->strings(), GroupBy::Parent, kNow, &only);
    f.order(TaskColumn::Id, false, open);
    tap::check_eq(lines(f, *m), std::string("root .other leaf orphan a .b"),
                  "a task whose parent is filtered out is top-level");
}

void test_tree_without_parents() {
    auto m = make({
        {1, "a", "src/a.rs", 1, {}, 3 * kSec, 1, false},
        {2, "b", "src/a.rs", 1, {77}, 1 * kSec, 1, false},
        {3, "c", "src/a.rs", 1, {}, 2 * kSec, 1, false},
    });
    model::TaskOutline o(m->tasks(), m->strings(), GroupBy::Parent, kNow, nullptr);
    model::Expansion open;
    o.order(TaskColumn::Busy, true, open);
    tap::check_eq(lines(o, *m), std::string("a c b"), "no parent shown: the tree is the flat list in its order");
    tap::check_eq(o.top_level(), 3u, "every task at the top");
    tap::check(o.nodes().empty(), "and no nodes made for it");
    tap::check_eq(o.rank(2), 2L, "ranks as the flat list's");
    tap::check_eq(o.parent_key(2), uint64_t(0), "no parent");
}

}  // namespace

int main() {
    test_by_location();
    test_other_keys_and_filter();
    test_tree();
    test_tree_without_parents();
    return tap::done();
}
