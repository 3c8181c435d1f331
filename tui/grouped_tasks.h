// The task list grouped (`T`, --group-by): the lines of the model's
// TaskOutline as a list.  A group's row leads with its label in the Name
// column, "▸ 10,000 tasks at src/http/server.rs:214:9", which is cut
// last; then its summed times and polls in their columns, and "— 9,980
// idle, 20 running" after them; the tasks warned in Warn.  In the tree
// (grouped by parent) every line is a task; one with children shows the
// subtree's size after its name and the subtree's sums in its columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/task_groups.h"
#include "tui/outline_cache.h"
#include "tui/task_list.h"

namespace tui {

class GroupedTaskSource : public view::TaskSource {
public:
    GroupedTaskSource(const model::Model& m, model::Nanos now, const view::DrawOptions& o, model::GroupBy by,
                      const model::Expansion& open, int column, bool descending, OutlineCache& cache)
        : view::TaskSource(m, now, o), by_(by), open_(open), column_(column), descending_(descending), cache_(cache) {}

    size_t size() const override { return outline().size(); }
    size_t kept() const override { return only_ ? only_->size() : total(); }
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t line) const override;
    bool holds(uint64_t key) const override { return key >> 63 ? outline().rank(key) >= 0 : TaskSource::holds(key); }
    view::ListRow row(uint32_t line) const override;
    // The outline keeps its own order (OutlineCache).
    std::optional<view::OrderStamp> order_stamp(int) const override { return std::nullopt; }
    // A search marks a group's row when one of its tasks matches.
    bool marked(uint32_t line) const override;
    // A search moves among the tasks on open lines, and the rows of closed
    // groups that hold a match, in the outline's order.
    uint64_t next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                        bool forward) const override;

    // The line of `key` opens and closes: a group, or a task with children.
    bool opens(uint64_t key) const;
    // The key of the line that holds `key`'s (its group, its parent task); 0: none.
    uint64_t parent_key(uint64_t key) const { return key ? outline().parent_key(key) : 0; }
    // Lines at the top level: groups, or tasks without a parent shown.
    size_t top_level() const;

private:
    const model::TaskOutline& outline() const { return outline(column_, descending_); }
    const model::TaskOutline& outline(int column, bool descending) const;
    view::ListRow group_row(const model::GroupNode& g) const;
    std::string label(const model::GroupNode& g) const;
    std::string states(const model::GroupTotals& t) const;

    model::GroupBy by_;
    const model::Expansion& open_;
    mutable int column_;
    mutable bool descending_;
    OutlineCache& cache_;
};

}  // namespace tui
