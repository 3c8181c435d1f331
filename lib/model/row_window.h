// A window of rows in sorted order, for the smaller tables (resources,
// async ops) where sorting every row per frame is cheap.  `less` must be a
// strict order that breaks ties (by id), so that the order is stable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace model {

struct RowWindow {
    std::vector<uint32_t> rows;  // row indices into the table, in order
    size_t first = 0;            // rank of rows[0]
    size_t total = 0;            // rows in the (filtered) order
};

// `rows` are the candidate rows; returns ranks [first, first+count).
template <class Less>
RowWindow sorted_window(std::vector<uint32_t> rows, Less less, size_t first, size_t count) {
    RowWindow w;
    w.total = rows.size();
    if (first >= w.total) first = w.total > count ? w.total - count : 0;
    w.first = first;
    size_t end = std::min(first + count, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + end, rows.end(), less);
    w.rows.assign(rows.begin() + first, rows.begin() + end);
    return w;
}

// The rank of `row` among `rows` in that order.
template <class Less>
long rank_of(const std::vector<uint32_t>& rows, Less less, uint32_t row) {
    long rank = 0;
    for (uint32_t r : rows)
        if (less(r, row)) rank++;
    return rank;
}

// For search: among `matches`, the row that comes next after row `from`
// in that order (before it, unless `forward`), wrapping around; the first
// (last) match when `from` is negative.  -1 when there are no matches.
template <class Less>
long next_in_order(const std::vector<uint32_t>& matches, Less less, long from, bool forward) {
    if (matches.empty()) return -1;
    auto before = [&](uint32_t a, uint32_t b) { return forward ? less(a, b) : less(b, a); };
    uint32_t any = matches.front();
    long after = -1;
    for (uint32_t r : matches) {
        if (before(r, any)) any = r;
        if (from >= 0 && before(static_cast<uint32_t>(from), r) &&
            (after < 0 || before(r, static_cast<uint32_t>(after))))
            after = r;
    }
    return after >= 0 ? after : any;
}

}  // namespace model
