// Interned strings: each distinct string is stored once and named by a
// small id, so a million tasks that share targets, locations and field
// names share their bytes.  Id 0 is the empty string.
//
// The pool also knows every string's rank in byte order, so that a text
// column sorts by comparing integers.  Strings are only ever added, so the
// ranks are brought up to date by merging in the new ones.
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
    size_t size() const { return strings_.size(); }
    size_t bytes() const { return bytes_; }

    // rank[id] orders ids as their strings sort; equal only for equal
    // strings.  Valid until the next intern().
    const std::vector<uint32_t>& ranks() const;

private:
    std::deque<std::string> strings_;  // deque: views into it stay valid
    std::unordered_map<std::string_view, StrId> ids_;
    size_t bytes_ = 0;
    // A cache, refreshed on demand by the const ranks(): ids in string
    // order, and the rank of each id.
    mutable std::vector<StrId> sorted_;
    mutable std::vector<uint32_t> rank_;
};

}  // namespace model
