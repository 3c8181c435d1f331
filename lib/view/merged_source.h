// Several applications' lists as one, when several targets are watched:
// each application's own source gives its rows, and the merged list holds
// them all, with the `app` field's column (the application's name, in its
// colour) first.  A row of it is a pair, (member, row of that member).
//
// Flat, the rows are in one order: each member's own sorted list, merged
// k ways (ties by ID, then by the member), and kept in a MergedCache until
// a member's generation, the filter's rows, the column, the direction or
// (for a duration) the second of the clock changes.  Grouped by app, each
// member's rows, in its own order (flat or in its own groups), follow a
// header row of its own; members in the order of their names.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "view/fields.h"
#include "view/model_source.h"

namespace view {

struct MergedMember {
    uint32_t slot;          // the fleet's (session/fleet.h)
    std::string_view name;  // the application's
    Style style;            // its colour
    // Its list, given its name (ModelListSource::set_app); the caller's.
    ModelListSource* source;
};

// What a merged list keeps from frame to frame (its owner's).
struct MergedCache {
    // The flat order as last merged, and what it was merged for.
    std::vector<std::pair<uint32_t, uint32_t>> order;  // (member, row)
    std::vector<uint64_t> order_for;
    // The filter's rows split by member, for the rows' stamp.
    std::vector<std::vector<uint32_t>> split;
    std::optional<uint64_t> split_for;
    uint64_t merges = 0;  // passes so far (tests)
};

// A row of the filter's over a merged list: member `i`'s row `row`.
constexpr uint32_t merged_row(size_t i, uint32_t row) {
    return static_cast<uint32_t>(i) << 24 | row;
}
// At most this many members, of at most 2^24 rows each.
constexpr size_t kMergedMembers = 256;

// The key of a member's header row (grouped by app).
constexpr uint64_t kAppHeader = 0xC0DE'0000'0000'0000ull;
constexpr uint64_t app_header_key(uint32_t slot) {
    return kAppHeader | slot;
}

// A member's key as the merged list has it.
uint64_t merged_key(uint32_t slot, uint64_t key);

class MergedSource : public ModelListSource {
public:
    // `fields`: the members' field table.  Grouped by app when `by_app`;
    // then `shut(slot)` says whose rows are hidden under its header.
    MergedSource(std::vector<MergedMember> members, std::span<const Field> fields, const DrawOptions& o,
                 MergedCache& cache, bool by_app = false, std::function<bool(uint32_t)> shut = {});

    const std::vector<ListColumn>& columns() const override { return columns_; }
    size_t total() const override;
    size_t size() const override;
    size_t kept() const override;
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t line) const override;
    ListRow row(uint32_t line) const override;
    bool marked(uint32_t line) const override;
    std::vector<uint32_t> filter_rows(const model::Filter& f) const override;
    uint64_t next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                        bool forward) const override;
    void use_rows(const std::vector<uint32_t>* rows, bool search, uint64_t stamp) override;
    uint64_t generation() const override;
    bool holds(uint64_t key) const override { return locate(key).has_value(); }
    bool reads_clock(int column) const override;
    // Kept by the MergedCache, not by the list view: a line is a place in
    // this source's own table of lines.
    std::optional<OrderStamp> order_stamp(int) const override { return std::nullopt; }

    // The member of a key and its key there (a header's: 0); none when no
    // member has it.
    struct Located {
        size_t member;
        uint64_t key;
    };
    std::optional<Located> locate(uint64_t key) const;
    const MergedMember& member(size_t i) const { return members_[i]; }
    size_t members() const { return members_.size(); }
    // A member's column for the merged one (the App column: its ID's).
    int member_column(int column) const;

private:
    const std::vector<std::pair<uint32_t, uint32_t>>& merged(int column, bool descending) const;
    std::vector<uint64_t> order_key(int column, bool descending) const;
    uint32_t line(size_t member, uint32_t row) const;
    ListRow header_row(const MergedMember& m) const;
    bool open(size_t i) const { return !by_app_ || !shut_ || !shut_(members_[i].slot); }
    // A member is listed unless a filter keeps none of its rows.
    bool listed(size_t i) const { return !only_ || members_[i].source->size() > 0; }

    std::vector<MergedMember> members_;  // by name
    std::span<const Field> fields_;
    std::vector<ListColumn> columns_;
    MergedCache& cache_;
    bool by_app_;
    std::function<bool(uint32_t)> shut_;
    // The lines handed out so far: (member, its line; kHeader: its header).
    mutable std::vector<std::pair<uint32_t, uint32_t>> lines_;
};

// The colour of the application in this place of the fleet: a small fixed
// palette, by slot.
Style app_style(uint32_t slot);

}  // namespace view
