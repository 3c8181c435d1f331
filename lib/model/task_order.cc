#include "model/task_order.h"

#include <algorithm>
#include <string_view>

namespace model {

namespace {

// Windows ending above this rank are chosen with a heap, deeper ones by
// selecting over every row.
constexpr size_t kHeapWindow = 4096;

struct Keyed {
    uint64_t key;
    uint64_t id;   // tie-break: the shown id, then the row
    uint32_t row;
};

bool is_text(TaskColumn c) {
    return c == TaskColumn::Name || c == TaskColumn::Kind || c == TaskColumn::Location ||
           c == TaskColumn::Fields;
}

StrId text_of(const Task& t, TaskColumn c) {
    switch (c) {
    case TaskColumn::Name: return t.name;
    case TaskColumn::Kind: return t.kind;
    case TaskColumn::Location: return t.location;
    default: return t.fields.empty() ? 0 : t.fields.front().value.text;
    }
}

uint64_t numeric_key(const Task& t, TaskColumn c, Nanos now) {
    switch (c) {
    case TaskColumn::Warn: return __builtin_popcount(t.warnings);
    case TaskColumn::Id: return t.id;
    case TaskColumn::State: return static_cast<uint64_t>(t.state());
    case TaskColumn::Total: return t.total(now);
    case TaskColumn::Busy: return t.busy(now);
    case TaskColumn::Sched: return t.scheduled(now);
    case TaskColumn::Idle: return t.idle(now);
    case TaskColumn::Polls: return t.stats.polls;
    default: return 0;
    }
}

// The sort key of one row: text columns by the rank of their string.
Keyed key_of(const TaskTable& tasks, const std::vector<uint32_t>& ranks, TaskColumn c, Nanos now,
             uint32_t row) {
    const Task& t = tasks.row(row);
    uint64_t k = is_text(c) ? ranks[text_of(t, c)] : numeric_key(t, c, now);
    return {k, t.id, row};
}

std::vector<Keyed> keyed(const TaskTable& tasks, const StringPool& strings, TaskColumn c, Nanos now) {
    const std::vector<uint32_t>& ranks = strings.ranks();
    std::vector<Keyed> out(tasks.size());
    for (size_t i = 0; i < tasks.size(); i++) out[i] = key_of(tasks, ranks, c, now, static_cast<uint32_t>(i));
    return out;
}

// Ties always go by ascending id, whichever the direction, so rows keep
// their places when keys are equal.
auto less_for(bool descending) {
    return [descending](const Keyed& a, const Keyed& b) {
        if (a.key != b.key) return descending ? a.key > b.key : a.key < b.key;
        if (a.id != b.id) return a.id < b.id;
        return a.row < b.row;
    };
}

}  // namespace

const char* task_column_name(TaskColumn c) {
    static const char* const names[kTaskColumnCount] = {"Warn", "ID", "State", "Name", "Total", "Busy",
                                                        "Sched", "Idle", "Polls", "Kind", "Location", "Fields"};
    return names[static_cast<int>(c)];
}

TaskWindow task_window(const TaskTable& tasks, const StringPool& strings, TaskColumn column,
                       bool descending, Nanos now, size_t first, size_t count) {
    TaskWindow w;
    w.total = tasks.size();
    if (first >= w.total) first = w.total > count ? w.total - count : 0;
    w.first = first;
    auto less = less_for(descending);
    size_t end = std::min(first + count, w.total);
    if (end <= kHeapWindow) {
        // The usual case, a window near the top: one pass keeping the best
        // `end` rows in a heap whose front is the worst of them.
        const std::vector<uint32_t>& ranks = strings.ranks();
        std::vector<Keyed> heap;
        heap.reserve(end + 1);
        for (size_t i = 0; i < w.total && end; i++) {
            Keyed e = key_of(tasks, ranks, column, now, static_cast<uint32_t>(i));
            if (heap.size() < end) {
                heap.push_back(e);
                std::push_heap(heap.begin(), heap.end(), less);
            } else if (less(e, heap.front())) {
                std::pop_heap(heap.begin(), heap.end(), less);
                heap.back() = e;
                std::push_heap(heap.begin(), heap.end(), less);
            }
        }
        std::sort_heap(heap.begin(), heap.end(), less);
        for (size_t i = first; i < heap.size(); i++) w.rows.push_back(heap[i].row);
        return w;
    }
    std::vector<Keyed> k = keyed(tasks, strings, column, now);
    // Select the window, then order only it.
    if (first > 0) std::nth_element(k.begin(), k.begin() + first, k.end(), less);
    if (end < k.size()) std::nth_element(k.begin() + first, k.begin() + end, k.end(), less);
    std::sort(k.begin() + first, k.begin() + end, less);
    for (size_t i = first; i < end; i++) w.rows.push_back(k[i].row);
    return w;
}

long task_rank(const TaskTable& tasks, const StringPool& strings, TaskColumn column, bool descending,
               Nanos now, uint64_t span_id) {
    const Task* target = tasks.find(span_id);
    if (!target) return -1;
    // One pass: count the rows that come before it.
    const std::vector<uint32_t>& ranks = strings.ranks();
    auto less = less_for(descending);
    uint32_t my_row = static_cast<uint32_t>(target - &tasks.row(0));
    Keyed me = key_of(tasks, ranks, column, now, my_row);
    long rank = 0;
    for (size_t i = 0; i < tasks.size(); i++)
        if (less(key_of(tasks, ranks, column, now, static_cast<uint32_t>(i)), me)) rank++;
    return rank;
}

}  // namespace model
