#include "model/task_order.h"

#include <algorithm>
#include <string_view>

namespace model {

namespace {

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

// Text columns sort by the rank of each distinct string, computed once.
std::vector<Keyed> keyed(const TaskTable& tasks, const StringPool& strings, TaskColumn c, Nanos now) {
    std::vector<Keyed> out(tasks.size());
    if (is_text(c)) {
        std::vector<StrId> ids;
        ids.reserve(tasks.size());
        for (size_t i = 0; i < tasks.size(); i++) ids.push_back(text_of(tasks.row(i), c));
        std::vector<StrId> distinct = ids;
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        std::sort(distinct.begin(), distinct.end(),
                  [&](StrId a, StrId b) { return strings.get(a) < strings.get(b); });
        std::vector<std::pair<StrId, uint32_t>> rank(distinct.size());
        for (size_t r = 0; r < distinct.size(); r++) rank[r] = {distinct[r], static_cast<uint32_t>(r)};
        std::sort(rank.begin(), rank.end());
        for (size_t i = 0; i < tasks.size(); i++) {
            auto it = std::lower_bound(rank.begin(), rank.end(), std::make_pair(ids[i], 0u));
            out[i] = {it->second, tasks.row(i).id, static_cast<uint32_t>(i)};
        }
    } else {
        for (size_t i = 0; i < tasks.size(); i++)
            out[i] = {numeric_key(tasks.row(i), c, now), tasks.row(i).id, static_cast<uint32_t>(i)};
    }
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
    std::vector<Keyed> k = keyed(tasks, strings, column, now);
    auto less = less_for(descending);
    size_t end = std::min(first + count, k.size());
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
    std::vector<Keyed> k = keyed(tasks, strings, column, now);
    auto less = less_for(descending);
    Keyed me{};
    for (const Keyed& e : k)
        if (tasks.row(e.row).span_id == span_id) me = e;
    long rank = 0;
    for (const Keyed& e : k)
        if (less(e, me)) rank++;
    return rank;
}

}  // namespace model
