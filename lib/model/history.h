// A ring of per-update summaries for the header's sparklines: tasks by
// state, polls and wakes per second, dropped events.  Fixed capacity, so
// memory stays bounded however long the console runs; the oldest sample
// gives way to the newest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/time.h"

namespace model {

struct HistorySample {
    Nanos now = 0;  // server time of the update
    uint32_t running = 0;
    uint32_t scheduled = 0;
    uint32_t idle = 0;
    uint32_t done = 0;
    uint32_t resources = 0;
    uint32_t async_ops = 0;
    double polls_per_sec = 0;  // 0 for the first sample
    double wakes_per_sec = 0;
    uint64_t dropped = 0;  // dropped events (all kinds) in this update
};

class History {
public:
    // 300 samples: five minutes at upstream's default one update a second.
    explicit History(size_t capacity = 300);

    // Adds a sample; polls and wakes are counts since the previous one,
    // turned into rates over the server time between the two.
    void push(HistorySample s, uint64_t polls, uint64_t wakes);
    void clear();

    size_t capacity() const { return ring_.size(); }
    size_t size() const { return size_; }
    // i = 0 is the oldest kept sample, size()-1 the newest.
    const HistorySample& at(size_t i) const;
    const HistorySample* latest() const { return size_ ? &at(size_ - 1) : nullptr; }

private:
    std::vector<HistorySample> ring_;
    size_t head_ = 0;  // where the next sample goes
    size_t size_ = 0;
};

}  // namespace model
