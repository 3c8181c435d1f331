// Events the subscriber dropped because its buffers were full, per kind of
// entity, both in all and since the view last looked: the header shows
// the new ones until the user has seen them, then acknowledges them.
#pragma once

#include <array>
#include <cstdint>

namespace model {

enum class EventKind : uint8_t { Tasks, Resources, AsyncOps };
constexpr int kEventKindCount = 3;

class DroppedEvents {
public:
    void add(EventKind k, uint64_t n) { total_[static_cast<int>(k)] += n; }
    uint64_t total(EventKind k) const { return total_[static_cast<int>(k)]; }
    uint64_t total() const { return total_[0] + total_[1] + total_[2]; }
    // Dropped since the last acknowledge().
    uint64_t unseen(EventKind k) const { return total(k) - seen_[static_cast<int>(k)]; }
    uint64_t unseen() const { return total() - seen_[0] - seen_[1] - seen_[2]; }
    void acknowledge() { seen_ = total_; }

private:
    std::array<uint64_t, kEventKindCount> total_{};
    std::array<uint64_t, kEventKindCount> seen_{};
};

const char* event_kind_name(EventKind k);  // "tasks", "resources", "async ops"

}  // namespace model
