#include "model/intern.h"

#include <algorithm>

namespace model {

StringPool::StringPool() {
    strings_.emplace_back();
    ids_.emplace(std::string_view(strings_.back()), 0);
}

StrId StringPool::intern(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    StrId id = static_cast<StrId>(strings_.size());
    strings_.emplace_back(s);
    bytes_ += s.size();
    ids_.emplace(std::string_view(strings_.back()), id);
    return id;
}

const std::vector<uint32_t>& StringPool::ranks() const {
    size_t known = sorted_.size();
    if (known == strings_.size()) return rank_;
    // Sort only the strings added since last time, then merge: cheap when
    // a few new names arrive among a million old ones.
    auto by_text = [this](StrId a, StrId b) { return strings_[a] < strings_[b]; };
    std::vector<StrId> fresh;
    fresh.reserve(strings_.size() - known);
    for (size_t i = known; i < strings_.size(); i++) fresh.push_back(static_cast<StrId>(i));
    std::sort(fresh.begin(), fresh.end(), by_text);
    std::vector<StrId> merged;
    merged.reserve(strings_.size());
    std::merge(sorted_.begin(), sorted_.end(), fresh.begin(), fresh.end(), std::back_inserter(merged),
               by_text);
    sorted_.swap(merged);
    rank_.assign(strings_.size(), 0);
    for (size_t r = 0; r < sorted_.size(); r++) rank_[sorted_[r]] = static_cast<uint32_t>(r);
    return rank_;
}

}  // namespace model
