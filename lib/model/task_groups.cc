// Gathering tasks into groups or a tree, with their totals.  The order
// and the lines shown are in task_outline.cc.
#include "model/task_groups.h"

#include <algorithm>
#include <functional>
#include <string>

namespace model {

namespace {

const char* const kGroupNames[kGroupByCount] = {"none", "location", "name", "kind", "target", "parent"};

// Lints from the surest sign of a stuck task to the mildest.
constexpr Lint kSeverity[kLintCount] = {Lint::LostWaker, Lint::NeverYielded, Lint::SelfWakes,
                                        Lint::LongPoll,  Lint::LargeFuture,  Lint::AutoBoxedFuture};

int severity(int lint) {
    for (int i = 0; i < kLintCount; i++)
        if (static_cast<int>(kSeverity[i]) == lint) return i;
    return kLintCount;
}

// A group's key: its label's hash, with the top bit that no span id
// handed out by tracing has (they count up from 1).
uint64_t group_key(GroupBy by, std::string_view label) {
    uint64_t h = std::hash<std::string_view>{}(label)*31 + static_cast<uint64_t>(by);
    return h | (1ull << 63);
}

}  // namespace

const char* group_by_name(GroupBy g) {
    return kGroupNames[static_cast<int>(g)];
}

bool group_by_from_name(std::string_view name, GroupBy& out) {
    for (int i = 0; i < kGroupByCount; i++)
        if (name == kGroupNames[i]) {
            out = static_cast<GroupBy>(i);
            return true;
        }
    return false;
}

GroupBy next_group_by(GroupBy g) {
    return static_cast<GroupBy>((static_cast<int>(g) + 1) % kGroupByCount);
}

int worse_lint(int a, int b) {
    if (a < 0) return b;
    if (b < 0) return a;
    return severity(a) <= severity(b) ? a : b;
}

void GroupTotals::add_task(const TaskTable& tasks, uint32_t row, Nanos now) {
    const TaskKeys& k = tasks.keys();
    at = now;
    count++;
    states[k.state[row] & 3]++;
    // As TaskKeys::idle_at, without working out the three again.
    Nanos t = k.total_at(row, now), b = k.busy_at(row, now), s = k.sched_at(row, now);
    total += t;
    busy += b;
    sched += s;
    // How each grows from now: a time counting from `from` grows once the
    // clock has passed it (a time yet to come is a change of pace).
    auto grows = [this, now](bool counting, Nanos from) -> int64_t {
        if (!counting) return 0;
        if (now >= from) return 1;
        until = std::min(until, from);
        return 0;
    };
    int64_t gt = grows(!k.dropped[row], k.created[row]);
    int64_t gb = grows(k.busy_from[row] != 0, k.busy_from[row]);
    int64_t gs = grows(k.sched_from[row] != 0, k.sched_from[row]);
    grow_total += gt;
    grow_busy += gb;
    grow_sched += gs;
    // Idle is what is left, never below 0: it changes pace where it meets 0.
    Nanos d = t - b - s;
    int64_t gi = gt - gb - gs;
    if (d > 0) {
        idle += d;
        grow_idle += gi;
        if (gi < 0) until = std::min(until, now + std::max<Nanos>(1, d / -gi));
    } else if (d == 0 && gi > 0) {
        grow_idle += gi;
    } else if (d < 0 && gi > 0) {
        until = std::min(until, now + (-d + gi - 1) / gi);
    }
    polls += k.polls[row];
    if (k.id[row] < min_id) min_id = k.id[row];
    if (!k.warns[row]) return;
    // Only a warned task's row is read: the keys hold the rest.
    warned++;
    uint16_t w = tasks.row(row).warnings;
    for (int l = 0; l < kLintCount; l++)
        if (w & (1u << l)) worst = worse_lint(worst, l);
}

void GroupTotals::add(const GroupTotals& o) {
    count += o.count;
    for (int s = 0; s < 4; s++) states[s] += o.states[s];
    total += o.total;
    busy += o.busy;
    sched += o.sched;
    idle += o.idle;
    polls += o.polls;
    warned += o.warned;
    worst = worse_lint(worst, o.worst);
    if (o.min_id < min_id) min_id = o.min_id;
    at = o.at;  // the same time, when the totals are added up
    grow_total += o.grow_total;
    grow_busy += o.grow_busy;
    grow_sched += o.grow_sched;
    grow_idle += o.grow_idle;
    until = std::min(until, o.until);
}

void GroupTotals::advance(Nanos now) {
    Nanos d = now - at;
    total += grow_total * d;
    busy += grow_busy * d;
    sched += grow_sched * d;
    idle += grow_idle * d;
    at = now;
}

void Expansion::set(uint64_t key, bool open) {
    version_++;
    if (open != all_)
        flipped_.insert(key);
    else
        flipped_.erase(key);
}

void Expansion::toggle_all() {
    bool open_all = !all_open();
    clear();
    all_ = open_all;
}

void Expansion::clear() {
    version_++;
    all_ = false;
    flipped_.clear();
}

TaskOutline::TaskOutline(const TaskTable& tasks, const StringPool& strings, GroupBy by, Nanos now,
                         const std::vector<uint32_t>* only)
    : tasks_(tasks), strings_(strings), by_(by), now_(now), only_(only) {
    row_node_.assign(tasks.size(), kNoNode);
    if (by == GroupBy::Parent)
        build_tree(only);
    else
        group_by_value(only);
    for (const GroupNode& n : nodes_) until_ = std::min(until_, n.totals.until);
}

void TaskOutline::advance(Nanos now) {
    for (GroupNode& n : nodes_) n.totals.advance(now);
    now_ = now;
}

// One pass over the tasks; the groups are found by their label's id
// through a table as long as the string pool, not by hashing.
void TaskOutline::group_by_value(const std::vector<uint32_t>* only) {
    const TaskKeys& k = tasks_.keys();
    std::vector<uint32_t> slot(strings_.size() + 1, kNoNode);
    size_t n = only ? only->size() : tasks_.size();
    for (size_t j = 0; j < n; j++) {
        uint32_t row = only ? (*only)[j] : static_cast<uint32_t>(j);
        StrId label = by_ == GroupBy::Location ? k.location[row]
                      : by_ == GroupBy::Name   ? k.name[row]
                      : by_ == GroupBy::Kind   ? k.kind[row]
                                               : tasks_.row(row).target;
        uint32_t& g = slot[label < slot.size() ? label : 0];
        if (g == kNoNode) {
            g = static_cast<uint32_t>(nodes_.size());
            GroupNode node;
            node.key = group_key(by_, strings_.get(label));
            node.label = label;
            nodes_.push_back(std::move(node));
            roots_.push_back(g);
        }
        GroupNode& node = nodes_[g];
        node.members.push_back(row);
        node.totals.add_task(tasks_, row, now_);
        row_node_[row] = g;
    }
}

// A node for every task; a task hangs under the first of its parents
// that is shown.  Tasks whose parents are unknown, gone or filtered out
// are top-level; so is one task of any cycle the parents make, so that
// every task shows once.
void TaskOutline::build_tree(const std::vector<uint32_t>* only) {
    size_t n = only ? only->size() : tasks_.size();
    auto row_of = [only](size_t j) { return only ? (*only)[j] : static_cast<uint32_t>(j); };
    for (size_t j = 0; j < n; j++) row_node_[row_of(j)] = static_cast<uint32_t>(j);
    std::vector<uint32_t> parent(n, kNoNode);
    bool edges = false;
    for (size_t j = 0; j < n; j++) {
        for (uint64_t p : tasks_.row(row_of(j)).parents) {
            const Task* t = tasks_.find(p);
            uint32_t pn = t ? row_node(static_cast<uint32_t>(t - &tasks_.row(0))) : kNoNode;
            if (pn == kNoNode || pn == j) continue;
            parent[j] = pn;
            edges = true;
            break;
        }
    }
    if (!edges) {
        flat_ = true;
        row_node_.clear();
        return;
    }
    nodes_.resize(n);
    for (size_t j = 0; j < n; j++) {
        nodes_[j].row = row_of(j);
        nodes_[j].key = tasks_.row(row_of(j)).span_id;
    }
    for (size_t j = 0; j < n; j++)
        if (parent[j] == kNoNode) roots_.push_back(static_cast<uint32_t>(j));
    // Walk down from the roots in preorder; what is left over sits in cycles.
    std::vector<uint32_t> pre;
    pre.reserve(n);
    std::vector<uint8_t> seen(n, 0);
    for (size_t j = 0; j < n; j++)
        if (parent[j] != kNoNode) nodes_[parent[j]].children.push_back(static_cast<uint32_t>(j));
    auto walk = [&](uint32_t root) {
        std::vector<uint32_t> stack{root};
        seen[root] = 1;
        while (!stack.empty()) {
            uint32_t v = stack.back();
            stack.pop_back();
            pre.push_back(v);
            for (uint32_t c : nodes_[v].children) {
                if (seen[c]) continue;
                seen[c] = 1;
                nodes_[c].depth = nodes_[v].depth + 1;
                stack.push_back(c);
            }
        }
    };
    for (uint32_t r : roots_) walk(r);
    for (size_t j = 0; j < n; j++) {
        if (seen[j]) continue;
        auto& siblings = nodes_[parent[j]].children;
        siblings.erase(std::find(siblings.begin(), siblings.end(), static_cast<uint32_t>(j)));
        parent[j] = kNoNode;
        roots_.push_back(static_cast<uint32_t>(j));
        walk(static_cast<uint32_t>(j));
    }
    for (size_t j = 0; j < n; j++) nodes_[j].parent = parent[j];
    // Subtree totals, children before their parents.
    for (size_t i = pre.size(); i-- > 0;) {
        GroupNode& v = nodes_[pre[i]];
        v.totals.add_task(tasks_, static_cast<uint32_t>(v.row), now_);
        if (parent[pre[i]] != kNoNode) nodes_[parent[pre[i]]].totals.add(v.totals);
    }
}

}  // namespace model
