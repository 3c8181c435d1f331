// Bounded cardinality: which spawn locations of one target get a label
// value of their own.  The first `max` locations seen keep theirs for the
// exporter's life, so that a counter's series never moves to another
// label; every later one is folded into "other".  Slot 0 is "other".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace exporter {

class LocationSlots {
public:
    static constexpr uint32_t kOther = 0;

    explicit LocationSlots(size_t max) : max_(max), labels_{"other"} {}

    // The slot of `location`, given one when there is room.
    uint32_t assign(std::string_view location);
    // The slot of `location` without assigning: "other" when it has none.
    uint32_t find(std::string_view location) const;
    const std::string& label(uint32_t slot) const { return labels_[slot]; }
    size_t size() const { return labels_.size(); }  // "other" included

private:
    size_t max_;
    std::vector<std::string> labels_;
    std::unordered_map<std::string, uint32_t> slots_;
};

}  // namespace exporter
