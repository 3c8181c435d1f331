// The grouped task list: tasks gathered by a shared spawn location, name,
// kind or target into one row per group, or nested under their parent
// task when the data names parents.  Each group (or subtree) carries its
// totals: tasks by state, summed times and polls, the worst lint.  What
// is shown is an outline of lines: a group's row, then its tasks when the
// group is open.  Plain data, worked out from the task table (and the
// rows a filter keeps) at one generation of the model: nothing here
// follows the table's changes, and a view keeps an outline only while the
// model's generation stays (tui/grouped_tasks.h).  The times of live
// tasks grow with the clock: the sums carry how fast they grow, so that
// advance() brings them to a later time without a pass over the tasks.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/task_order.h"
#include "model/task_table.h"

namespace model {

enum class GroupBy : uint8_t { None, Location, Name, Kind, Target, Parent };
constexpr int kGroupByCount = 6;
const char* group_by_name(GroupBy g);  // "none", "location", ...
bool group_by_from_name(std::string_view name, GroupBy& out);
// The next mode of the task list's `T`: none, location, name, kind,
// target, parent, then none again.
GroupBy next_group_by(GroupBy g);

struct GroupTotals {
    uint64_t count = 0;                              // tasks
    std::array<uint64_t, 4> states{};                // by TaskState
    Nanos total = 0, busy = 0, sched = 0, idle = 0;  // at server time `at`
    uint64_t polls = 0;
    uint64_t warned = 0;  // tasks with at least one lint
    int worst = -1;       // the worst Lint that fires on a task, -1 for none
    uint64_t min_id = UINT64_MAX;
    // How the four sums grow per nanosecond of the clock from `at` (a live
    // task's total grows, a polled one's busy, ...; a task's idle grows
    // or shrinks by the rest while above 0), which holds until `until`: a
    // task's idle reaching 0 or its times starting to grow.
    Nanos at = 0;
    int64_t grow_total = 0, grow_busy = 0, grow_sched = 0, grow_idle = 0;
    Nanos until = INT64_MAX;

    void add_task(const TaskTable& tasks, uint32_t row, Nanos now);
    void add(const GroupTotals& o);
    // The sums at `now`, for at <= now < until: the same as adding the
    // tasks again at `now`.
    void advance(Nanos now);
};

// Of two lints (-1: none), the one that says more surely that a task is
// stuck: lost-waker, never-yielded, self-wakes, long-poll, large-future,
// auto-boxed-future.
int worse_lint(int a, int b);

constexpr uint32_t kNoNode = UINT32_MAX;

// A group of tasks, or in the tree a task with its subtree.
struct GroupNode {
    uint64_t key = 0;                // a group's: its label's hash with the top bit set; a task's: its span id
    int64_t row = -1;                // the task's row; -1 for a group of tasks
    StrId label = 0;                 // a group's shared value
    uint32_t depth = 0;              // tree: how deep under a top-level task
    uint32_t parent = kNoNode;       // tree: the parent task's node
    GroupTotals totals;              // over the group's tasks, or the subtree, the task included
    std::vector<uint32_t> members;   // a group's task rows, ascending
    std::vector<uint32_t> children;  // tree: child nodes
};

// Which groups are open: every one closed to begin with; `*` opens them
// all and keeps them open, as new groups come, until it closes them.
class Expansion {
public:
    bool open(uint64_t key) const { return all_ != (flipped_.count(key) > 0); }
    void set(uint64_t key, bool open);
    void toggle(uint64_t key) { set(key, !open(key)); }
    // Opens every group, or closes every one when all are open already.
    void toggle_all();
    bool all_open() const { return all_ && flipped_.empty(); }
    void clear();
    // Changes with every change above (for an order worked out from it).
    uint64_t version() const { return version_; }

private:
    uint64_t version_ = 0;
    bool all_ = false;
    std::unordered_set<uint64_t> flipped_;  // the exceptions to all_
};

// One line of the outline: a group's row, or a task's.
struct OutlineLine {
    uint32_t node = kNoNode;  // the group or tree node of the line; kNoNode for a task inside a group
    uint32_t row = 0;         // the task's row (a line with a task)
    uint32_t depth = 0;
};

class TaskOutline {
public:
    // Groups the tasks of `only` (every task when nullptr) by `by`, which
    // is not GroupBy::None, at server time `now`.
    TaskOutline(const TaskTable& tasks, const StringPool& strings, GroupBy by, Nanos now,
                const std::vector<uint32_t>* only);
    // Puts the groups in the order of `column` (by their totals: sums of
    // times and polls, tasks warned, the lowest id, the most active state,
    // the label for text columns) and works out which lines show.
    void order(TaskColumn column, bool descending, const Expansion& open);
    // The totals at the later time `now` (now() <= now < valid_until()),
    // without a pass over the tasks; order() again for an order by times.
    void advance(Nanos now);
    // The time the totals are at, and until when advance() holds.
    Nanos now() const { return now_; }
    Nanos valid_until() const { return until_; }

    GroupBy by() const { return by_; }
    // Lines at the top level: groups, or tasks with no parent shown.
    size_t top_level() const { return flat_ ? lines_ : roots_.size(); }
    const std::vector<GroupNode>& nodes() const { return nodes_; }
    // The lines shown, and lines [first, first+count) of them (first may
    // move back so the window is full).
    size_t size() const { return lines_; }
    std::vector<OutlineLine> window(size_t& first, size_t count) const;
    // The line of a group's or a task's key; -1 when not shown.
    long rank(uint64_t key) const;
    // The node a key names (a group, or a task in the tree); kNoNode.
    uint32_t node_of(uint64_t key) const;
    // The key of the group or parent task whose row holds the task of
    // `key`; 0 at the top level.
    uint64_t parent_key(uint64_t key) const;
    // The group's or the task's line key.
    uint64_t line_key(const OutlineLine& l) const;

private:
    void group_by_value(const std::vector<uint32_t>* only);
    void build_tree(const std::vector<uint32_t>* only);
    void flatten();
    uint64_t sort_key(const GroupNode& n) const;
    void sort_nodes(std::vector<uint32_t>& ids) const;
    uint32_t row_node(uint32_t row) const { return row < row_node_.size() ? row_node_[row] : kNoNode; }

    const TaskTable& tasks_;
    const StringPool& strings_;
    GroupBy by_;
    Nanos now_;
    TaskColumn column_ = TaskColumn::Total;
    bool descending_ = true;
    const Expansion* open_ = nullptr;
    const std::vector<uint32_t>* only_;
    // The tree when no task names a parent that is shown, as the tasks of
    // console-subscriber never do: the flat list, with no nodes made.
    bool flat_ = false;
    std::vector<GroupNode> nodes_;
    std::vector<uint32_t> row_node_;  // task row -> its group (by value) or its node (tree)
    std::vector<uint32_t> roots_;     // top-level nodes, in order after order()
    // By value: the line where each group of roots_ starts.  Tree: every
    // line shown, in order.
    std::vector<size_t> starts_;
    std::vector<uint32_t> place_;  // node -> its place in roots_
    std::vector<OutlineLine> tree_lines_;
    size_t lines_ = 0;
    Nanos until_ = INT64_MAX;  // the earliest of the nodes' totals' until
};

}  // namespace model
