// The grouped list's order and the lines it shows.  Grouped by a value,
// only the groups are sorted in full; the tasks of an open group are
// windowed by task_window() over the group's rows, so an open group of
// 100,000 tasks costs what the flat list does.  The tree sorts the
// children of the open tasks only.
#include <algorithm>

#include "model/task_groups.h"

namespace model {

uint64_t TaskOutline::sort_key(const GroupNode& n) const {
    const GroupTotals& t = n.totals;
    switch (column_) {
    case TaskColumn::Warn: return t.warned;
    case TaskColumn::Total: return static_cast<uint64_t>(t.total);
    case TaskColumn::Busy: return static_cast<uint64_t>(t.busy);
    case TaskColumn::Sched: return static_cast<uint64_t>(t.sched);
    case TaskColumn::Idle: return static_cast<uint64_t>(t.idle);
    case TaskColumn::Polls: return t.polls;
    default: break;
    }
    // A task in the tree sorts by its own ID, state or text.
    if (n.row >= 0) return task_sort_key(tasks_, strings_, column_, now_, static_cast<size_t>(n.row));
    if (column_ == TaskColumn::Id) return t.min_id;
    if (column_ == TaskColumn::State) {
        for (int s = 0; s < 4; s++)
            if (t.states[s]) return static_cast<uint64_t>(s);
        return 4;
    }
    const auto& ranks = strings_.ranks();
    return n.label < ranks.size() ? ranks[n.label] : 0;
}

// Ties go by the lowest task id, whichever the direction, as in the flat list.
void TaskOutline::sort_nodes(std::vector<uint32_t>& ids) const {
    struct Keyed {
        uint64_t key, id;
        uint32_t node;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(ids.size());
    const TaskKeys& k = tasks_.keys();
    for (uint32_t i : ids) {
        const GroupNode& n = nodes_[i];
        keyed.push_back({sort_key(n), n.row >= 0 ? k.id[static_cast<size_t>(n.row)] : n.totals.min_id, i});
    }
    bool desc = descending_;
    std::sort(keyed.begin(), keyed.end(), [desc](const Keyed& a, const Keyed& b) {
        if (a.key != b.key) return desc ? a.key > b.key : a.key < b.key;
        if (a.id != b.id) return a.id < b.id;
        return a.node < b.node;
    });
    for (size_t i = 0; i < ids.size(); i++) ids[i] = keyed[i].node;
}

void TaskOutline::order(TaskColumn column, bool descending, const Expansion& open) {
    column_ = column;
    descending_ = descending;
    open_ = &open;
    sort_nodes(roots_);
    place_.assign(nodes_.size(), kNoNode);
    for (size_t i = 0; i < roots_.size(); i++) place_[roots_[i]] = static_cast<uint32_t>(i);
    if (flat_) {
        lines_ = only_ ? only_->size() : tasks_.size();
        return;
    }
    if (by_ == GroupBy::Parent) {
        flatten();
        lines_ = tree_lines_.size();
        return;
    }
    starts_.resize(roots_.size());
    size_t line = 0;
    for (size_t i = 0; i < roots_.size(); i++) {
        const GroupNode& g = nodes_[roots_[i]];
        starts_[i] = line;
        line += 1 + (open.open(g.key) ? g.members.size() : 0);
    }
    lines_ = line;
}

// Every line of the tree shown, in preorder, without recursion: parents
// can nest as deep as the data says.
void TaskOutline::flatten() {
    tree_lines_.clear();
    std::vector<uint32_t> stack(roots_.rbegin(), roots_.rend());
    std::vector<uint32_t> kids;
    while (!stack.empty()) {
        uint32_t v = stack.back();
        stack.pop_back();
        const GroupNode& n = nodes_[v];
        tree_lines_.push_back({v, static_cast<uint32_t>(n.row), n.depth});
        if (n.children.empty() || !open_->open(n.key)) continue;
        kids = n.children;
        sort_nodes(kids);
        stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
}

std::vector<OutlineLine> TaskOutline::window(size_t& first, size_t count) const {
    std::vector<OutlineLine> out;
    if (first >= lines_) first = lines_ > count ? lines_ - count : 0;
    if (flat_) {
        TaskWindow w = task_window(tasks_, strings_, column_, descending_, now_, first, count, only_);
        for (uint32_t r : w.rows) out.push_back({kNoNode, r, 0});
        return out;
    }
    if (by_ == GroupBy::Parent) {
        size_t end = std::min(lines_, first + count);
        out.assign(tree_lines_.begin() + static_cast<long>(first), tree_lines_.begin() + static_cast<long>(end));
        return out;
    }
    size_t line = first;
    size_t i = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), line) - starts_.begin());
    i = i ? i - 1 : 0;
    while (out.size() < count && i < roots_.size()) {
        uint32_t g = roots_[i];
        size_t end = i + 1 < starts_.size() ? starts_[i + 1] : lines_;
        if (line == starts_[i]) {
            out.push_back({g, 0, 0});
            line++;
        }
        if (line < end) {
            // The open group's tasks from `line` on, in the list's order.
            size_t from = line - starts_[i] - 1, want = std::min(count - out.size(), end - line);
            TaskWindow w = task_window(tasks_, strings_, column_, descending_, now_, from, want, &nodes_[g].members);
            for (uint32_t r : w.rows) out.push_back({kNoNode, r, 1});
            line += w.rows.size();
        }
        if (line >= end) i++;
    }
    return out;
}

uint32_t TaskOutline::node_of(uint64_t key) const {
    if (flat_) return kNoNode;
    if (by_ == GroupBy::Parent) {
        const Task* t = tasks_.find(key);
        return t ? row_node(static_cast<uint32_t>(t - &tasks_.row(0))) : kNoNode;
    }
    if (!(key >> 63)) return kNoNode;
    for (size_t i = 0; i < nodes_.size(); i++)
        if (nodes_[i].key == key) return static_cast<uint32_t>(i);
    return kNoNode;
}

long TaskOutline::rank(uint64_t key) const {
    if (flat_) return task_rank(tasks_, strings_, column_, descending_, now_, key, only_);
    if (by_ == GroupBy::Parent) {
        uint32_t n = node_of(key);
        if (n == kNoNode) return -1;
        for (size_t i = 0; i < tree_lines_.size(); i++)
            if (tree_lines_[i].node == n) return static_cast<long>(i);
        return -1;
    }
    if (key >> 63) {
        uint32_t n = node_of(key);
        return n == kNoNode || place_[n] == kNoNode ? -1 : static_cast<long>(starts_[place_[n]]);
    }
    const Task* t = tasks_.find(key);
    uint32_t g = t ? row_node(static_cast<uint32_t>(t - &tasks_.row(0))) : kNoNode;
    if (g == kNoNode || !open_ || !open_->open(nodes_[g].key)) return -1;
    long r = task_rank(tasks_, strings_, column_, descending_, now_, key, &nodes_[g].members);
    return r < 0 ? -1 : static_cast<long>(starts_[place_[g]]) + 1 + r;
}

uint64_t TaskOutline::parent_key(uint64_t key) const {
    if (flat_) return 0;
    if (by_ == GroupBy::Parent) {
        uint32_t n = node_of(key);
        return n == kNoNode || nodes_[n].parent == kNoNode ? 0 : nodes_[nodes_[n].parent].key;
    }
    if (key >> 63) return 0;
    const Task* t = tasks_.find(key);
    uint32_t g = t ? row_node(static_cast<uint32_t>(t - &tasks_.row(0))) : kNoNode;
    return g == kNoNode ? 0 : nodes_[g].key;
}

uint64_t TaskOutline::line_key(const OutlineLine& l) const {
    return l.node != kNoNode ? nodes_[l.node].key : tasks_.row(l.row).span_id;
}

}  // namespace model
