#include "model/task_order.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace model {

namespace {

// Windows ending above this rank are chosen with a heap, deeper ones by
// selecting over every row.
constexpr size_t kHeapWindow = 4096;

struct Keyed {
    uint64_t key;
    uint64_t id;  // tie-break: the shown id, then the row
    uint32_t row;
};

// Ties always go by ascending id, whichever the direction, so rows keep
// their places when keys are equal.
auto less_for(bool descending) {
    return [descending](const Keyed& a, const Keyed& b) {
        if (a.key != b.key) return descending ? a.key > b.key : a.key < b.key;
        if (a.id != b.id) return a.id < b.id;
        return a.row < b.row;
    };
}

// Calls `f` with the key of `column` as a function of the row: one
// instance of each algorithm per column, each a tight loop over one or
// two arrays of TaskKeys.  Text columns sort by the rank of their string.
template <class F>
auto with_key(const TaskKeys& k, const StringPool& strings, TaskColumn column, Nanos now, F f) {
    const uint32_t* ranks = strings.ranks().data();
    switch (column) {
    case TaskColumn::Warn: return f([&k](size_t i) -> uint64_t { return k.warns[i]; });
    case TaskColumn::Id: return f([&k](size_t i) -> uint64_t { return k.id[i]; });
    case TaskColumn::State: return f([&k](size_t i) -> uint64_t { return k.state[i]; });
    case TaskColumn::Name: return f([&k, ranks](size_t i) -> uint64_t { return ranks[k.name[i]]; });
    case TaskColumn::Total: return f([&k, now](size_t i) -> uint64_t { return k.total_at(i, now); });
    case TaskColumn::Busy: return f([&k, now](size_t i) -> uint64_t { return k.busy_at(i, now); });
    case TaskColumn::Sched: return f([&k, now](size_t i) -> uint64_t { return k.sched_at(i, now); });
    case TaskColumn::Idle: return f([&k, now](size_t i) -> uint64_t { return k.idle_at(i, now); });
    case TaskColumn::Polls: return f([&k](size_t i) -> uint64_t { return k.polls[i]; });
    case TaskColumn::Kind: return f([&k, ranks](size_t i) -> uint64_t { return ranks[k.kind[i]]; });
    case TaskColumn::Location: return f([&k, ranks](size_t i) -> uint64_t { return ranks[k.location[i]]; });
    case TaskColumn::Fields: break;
    }
    return f([&k, ranks](size_t i) -> uint64_t { return ranks[k.field[i]]; });
}

// The best `end` rows in order, in one pass keeping them in a heap whose
// front is the worst of them.  Most rows lose to that front on the key
// alone and cost one load and one compare.
// `Rows` maps a position to a row: every row, or those a filter kept.
template <class Key, class Rows>
std::vector<Keyed> best(const TaskKeys& k, Key key, bool descending, size_t end, size_t n, Rows rows) {
    auto less = less_for(descending);
    std::vector<Keyed> heap;
    heap.reserve(end + 1);
    size_t j = 0;
    for (; j < n && heap.size() < end; j++) {
        size_t i = rows(j);
        heap.push_back({key(i), k.id[i], static_cast<uint32_t>(i)});
        std::push_heap(heap.begin(), heap.end(), less);
    }
    if (heap.empty()) return heap;
    uint64_t worst = heap.front().key;
    for (; j < n; j++) {
        size_t i = rows(j);
        uint64_t v = key(i);
        if (descending ? v < worst : v > worst) continue;
        Keyed e{v, k.id[i], static_cast<uint32_t>(i)};
        if (!less(e, heap.front())) continue;
        std::pop_heap(heap.begin(), heap.end(), less);
        heap.back() = e;
        std::push_heap(heap.begin(), heap.end(), less);
        worst = heap.front().key;
    }
    std::sort_heap(heap.begin(), heap.end(), less);
    return heap;
}

}  // namespace

const char* task_column_name(TaskColumn c) {
    static const char* const names[kTaskColumnCount] = {"Warn",  "ID",   "State", "Name", "Total",    "Busy",
                                                        "Sched", "Idle", "Polls", "Kind", "Location", "Fields"};
    return names[static_cast<int>(c)];
}

uint64_t task_sort_key(const TaskTable& tasks, const StringPool& strings, TaskColumn column, Nanos now, size_t row) {
    return with_key(tasks.keys(), strings, column, now, [row](auto key) -> uint64_t { return key(row); });
}

TaskWindow task_window(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending, Nanos now,
                       size_t first, size_t count, const std::vector<uint32_t>* only) {
    TaskWindow w;
    w.total = only ? only->size() : tasks.size();
    if (first >= w.total) first = w.total > count ? w.total - count : 0;
    w.first = first;
    size_t end = std::min(first + count, w.total);
    const TaskKeys& k = tasks.keys();
    if (end <= kHeapWindow) {
        // The usual case, a window near the top.
        std::vector<Keyed> top = with_key(k, strings, column, now, [&](auto key) {
            if (only) return best(k, key, descending, end, w.total, [only](size_t j) -> size_t { return (*only)[j]; });
            return best(k, key, descending, end, w.total, [](size_t j) { return j; });
        });
        for (size_t i = first; i < top.size(); i++) w.rows.push_back(top[i].row);
        return w;
    }
    std::vector<Keyed> all(w.total);
    with_key(k, strings, column, now, [&](auto key) {
        for (size_t j = 0; j < all.size(); j++) {
            size_t i = only ? (*only)[j] : j;
            all[j] = {key(i), k.id[i], static_cast<uint32_t>(i)};
        }
        return 0;
    });
    // Select the window, then order only it.
    auto less = less_for(descending);
    if (first > 0) std::nth_element(all.begin(), all.begin() + first, all.end(), less);
    if (end < all.size()) std::nth_element(all.begin() + first, all.begin() + end, all.end(), less);
    std::sort(all.begin() + first, all.begin() + end, less);
    for (size_t i = first; i < end; i++) w.rows.push_back(all[i].row);
    return w;
}

long task_rank(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending, Nanos now,
               uint64_t span_id, const std::vector<uint32_t>* only) {
    const Task* target = tasks.find(span_id);
    if (!target) return -1;
    uint32_t my_row = static_cast<uint32_t>(target - &tasks.row(0));
    if (only && !std::binary_search(only->begin(), only->end(), my_row)) return -1;
    // One pass: count the rows that come before it.
    const TaskKeys& k = tasks.keys();
    auto less = less_for(descending);
    return with_key(k, strings, column, now, [&](auto key) {
        Keyed me{key(my_row), k.id[my_row], my_row};
        long rank = 0;
        size_t n = only ? only->size() : k.size();
        for (size_t j = 0; j < n; j++) {
            size_t i = only ? (*only)[j] : j;
            if (less(Keyed{key(i), k.id[i], static_cast<uint32_t>(i)}, me)) rank++;
        }
        return rank;
    });
}

uint64_t task_next_match(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending,
                         Nanos now, uint64_t from_span, const std::vector<uint32_t>& matches, bool forward) {
    if (matches.empty()) return 0;
    const TaskKeys& k = tasks.keys();
    const Task* from = tasks.find(from_span);
    // Backwards is forwards in the reversed order; ties by id reverse too.
    auto less = less_for(descending);
    auto before = [&](const Keyed& a, const Keyed& b) { return forward ? less(a, b) : less(b, a); };
    uint32_t best_after = 0, best_any = 0;
    bool have_after = false;
    with_key(k, strings, column, now, [&](auto key) {
        auto keyed = [&](uint32_t i) { return Keyed{key(i), k.id[i], i}; };
        std::optional<Keyed> me;
        if (from) me = keyed(static_cast<uint32_t>(from - &tasks.row(0)));
        Keyed any = keyed(matches.front()), after{};
        for (uint32_t r : matches) {
            Keyed e = keyed(r);
            if (before(e, any)) any = e;
            if (me && before(*me, e) && (!have_after || before(e, after))) {
                after = e;
                have_after = true;
            }
        }
        best_any = any.row;
        best_after = after.row;
        return 0;
    });
    return tasks.row(have_after ? best_after : best_any).span_id;
}

}  // namespace model
