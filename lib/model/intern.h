// Interned strings: each distinct string is stored once and named by a
// small id, so a million tasks that share targets, locations and field
// names share their bytes.  Id 0 is the empty string.
//
// Strings die: an application whose tasks carry unique values (request
// ids, peer addresses) would otherwise grow the pool without end.  The
// model collects them by mark and sweep: every holder of ids marks the
// ones it uses, and sweep() frees the rest and reuses their ids.  The
// model sweeps when the pool has doubled since the last sweep, so the pool
// stays within twice the strings in use and the marking costs a constant
// per string interned.
//
// The pool also knows every string's rank in byte order, so that a text
// column sorts by comparing integers.  The ranks are brought up to date by
// merging in the strings added since they were last asked for.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace model {

using StrId = uint32_t;

class StringPool {
public:
    StringPool();
    StrId intern(std::string_view s);
    std::string_view get(StrId id) const { return id < strings_.size() ? strings_[id] : std::string_view(); }
    // Ids handed out, free ones included.
    size_t size() const { return strings_.size(); }
    // Strings in the pool, and their bytes.
    size_t live() const { return strings_.size() - free_.size(); }
    size_t bytes() const { return bytes_; }

    // Collection: clear_marks(), mark() each id in use, then sweep(),
    // which frees every string not marked (never id 0) and returns how
    // many it freed.  Ids of freed strings are given to new ones.
    void clear_marks();
    void mark(StrId id) {
        if (id < marks_.size()) marks_[id] = 1;
    }
    size_t sweep();
    // True when the pool has grown enough since the last sweep that one
    // is worth its cost.
    bool wants_sweep() const { return live() >= sweep_at_; }

    // rank[id] orders ids as their strings sort; equal only for equal
    // strings.  Valid until the next intern() or sweep().
    const std::vector<uint32_t>& ranks() const;

private:
    std::deque<std::string> strings_;  // deque: views into it stay valid
    std::unordered_map<std::string_view, StrId> ids_;
    std::vector<StrId> free_;
    std::vector<uint8_t> marks_;
    size_t bytes_ = 0;
    size_t sweep_at_;
    // A cache, refreshed on demand by the const ranks(): live ids in
    // string order, the rank of each id, and the ids interned since.
    mutable std::vector<StrId> sorted_;
    mutable std::vector<uint32_t> rank_;
    mutable std::vector<StrId> unranked_;
};

}  // namespace model
