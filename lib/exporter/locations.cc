#include "exporter/locations.h"

namespace exporter {

uint32_t LocationSlots::assign(std::string_view location) {
    std::string key(location.empty() ? "unknown" : location);
    auto it = slots_.find(key);
    if (it != slots_.end()) return it->second;
    if (labels_.size() - 1 >= max_) return kOther;
    uint32_t slot = static_cast<uint32_t>(labels_.size());
    labels_.push_back(key);
    slots_.emplace(std::move(key), slot);
    return slot;
}

uint32_t LocationSlots::find(std::string_view location) const {
    auto it = slots_.find(std::string(location.empty() ? "unknown" : location));
    return it == slots_.end() ? kOther : it->second;
}

}  // namespace exporter
