#include "model/intern.h"

#include <algorithm>

namespace model {

namespace {
// Below this many strings a pool is not worth sweeping.
constexpr size_t kMinSweep = 4096;
}  // namespace

StringPool::StringPool() : sweep_at_(kMinSweep) {
    strings_.emplace_back();
    ids_.emplace(std::string_view(strings_.back()), 0);
    unranked_.push_back(0);
}

StrId StringPool::intern(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    StrId id;
    if (!free_.empty()) {
        id = free_.back();
        free_.pop_back();
        strings_[id].assign(s);
    } else {
        id = static_cast<StrId>(strings_.size());
        strings_.emplace_back(s);
    }
    bytes_ += s.size();
    ids_.emplace(std::string_view(strings_[id]), id);
    unranked_.push_back(id);
    return id;
}

void StringPool::clear_marks() {
    marks_.assign(strings_.size(), 0);
}

size_t StringPool::sweep() {
    marks_.resize(strings_.size(), 0);
    marks_[0] = 1;
    for (StrId id : free_) marks_[id] = 1;  // already free
    size_t freed = 0;
    for (StrId id = 1; id < strings_.size(); id++) {
        if (marks_[id]) continue;
        ids_.erase(std::string_view(strings_[id]));
        bytes_ -= strings_[id].size();
        std::string().swap(strings_[id]);
        free_.push_back(id);
        marks_[id] = 2;  // freed now: out of the ranks below
        freed++;
    }
    if (freed) {
        auto gone = [this](StrId id) { return marks_[id] == 2; };
        sorted_.erase(std::remove_if(sorted_.begin(), sorted_.end(), gone), sorted_.end());
        unranked_.erase(std::remove_if(unranked_.begin(), unranked_.end(), gone), unranked_.end());
    }
    // Trailing free ids give their slots back.
    std::sort(free_.begin(), free_.end());
    while (!free_.empty() && free_.back() == strings_.size() - 1) {
        free_.pop_back();
        strings_.pop_back();
    }
    marks_ = {};
    sweep_at_ = std::max(kMinSweep, 2 * live());
    return freed;
}

const std::vector<uint32_t>& StringPool::ranks() const {
    if (unranked_.empty()) return rank_;
    // Sort only the strings added since last time, then merge: cheap when
    // a few new names arrive among a million old ones.
    auto by_text = [this](StrId a, StrId b) { return strings_[a] < strings_[b]; };
    std::sort(unranked_.begin(), unranked_.end(), by_text);
    std::vector<StrId> merged;
    merged.reserve(sorted_.size() + unranked_.size());
    std::merge(sorted_.begin(), sorted_.end(), unranked_.begin(), unranked_.end(), std::back_inserter(merged), by_text);
    sorted_.swap(merged);
    unranked_.clear();
    rank_.assign(strings_.size(), 0);
    for (size_t r = 0; r < sorted_.size(); r++) rank_[sorted_[r]] = static_cast<uint32_t>(r);
    return rank_;
}

}  // namespace model
