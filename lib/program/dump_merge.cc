#include "program/dump_merge.h"

#include <algorithm>

namespace program {

namespace {

// What one row sorts by, made once before the sort.
struct Keyed {
    uint64_t key = 0;
    std::string text;
    uint64_t id = 0;
    uint32_t part = 0, row = 0;
};

}  // namespace

MergedRows::MergedRows(std::vector<std::unique_ptr<DumpRows>> parts, const DumpQuery& q) : parts_(std::move(parts)) {
    std::vector<Keyed> keyed;
    bool text = !parts_.empty() && parts_[0]->sorts_by_text();
    for (uint32_t p = 0; p < parts_.size(); p++) {
        const DumpRows& d = *parts_[p];
        now_ = std::max(now_, d.now());
        for (uint32_t i = 0; i < d.size(); i++) {
            Keyed k;
            if (text)
                k.text = d.sort_text(i);
            else
                k.key = d.sort_key(i);
            k.id = d.shown_id(i);
            k.part = p;
            k.row = i;
            keyed.push_back(std::move(k));
        }
    }
    bool down = q.descending;
    std::stable_sort(keyed.begin(), keyed.end(), [down](const Keyed& a, const Keyed& b) {
        if (a.text != b.text) return down ? a.text > b.text : a.text < b.text;
        if (a.key != b.key) return down ? a.key > b.key : a.key < b.key;
        if (a.id != b.id) return a.id < b.id;
        return a.part < b.part;
    });
    if (q.limit && keyed.size() > q.limit) keyed.resize(q.limit);
    for (const Keyed& k : keyed) order_.push_back({k.part, k.row});
}

const std::vector<view::ListColumn>& MergedRows::columns() const {
    static const std::vector<view::ListColumn> none;
    return parts_.empty() ? none : parts_[0]->columns();
}

view::ListRow MergedRows::table_row(size_t i) const {
    return parts_[order_[i].part]->table_row(order_[i].row);
}

Json MergedRows::json_row(size_t i) const {
    return parts_[order_[i].part]->json_row(order_[i].row);
}

int MergedRows::sorted_column() const {
    return parts_.empty() ? -1 : parts_[0]->sorted_column();
}

}  // namespace program
