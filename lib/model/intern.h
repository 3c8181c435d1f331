// Interned strings: each distinct string is stored once and named by a
// small id, so a million tasks that share targets, locations and field
// names share their bytes.  Id 0 is the empty string.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace model {

using StrId = uint32_t;

class StringPool {
public:
    StringPool();
    StrId intern(std::string_view s);
    std::string_view get(StrId id) const { return id < strings_.size() ? strings_[id] : std::string_view(); }
    size_t size() const { return strings_.size(); }
    size_t bytes() const { return bytes_; }

private:
    std::deque<std::string> strings_;  // deque: views into it stay valid
    std::unordered_map<std::string_view, StrId> ids_;
    size_t bytes_ = 0;
};

}  // namespace model
