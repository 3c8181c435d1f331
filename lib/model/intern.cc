#include "model/intern.h"

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

}  // namespace model
