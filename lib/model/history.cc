#include "model/history.h"

namespace model {

History::History(size_t capacity) : ring_(capacity ? capacity : 1) {}

void History::push(HistorySample s, uint64_t polls, uint64_t wakes) {
    const HistorySample* prev = latest();
    if (prev && s.now > prev->now) {
        double secs = (s.now - prev->now) / 1e9;
        s.polls_per_sec = polls / secs;
        s.wakes_per_sec = wakes / secs;
    }
    ring_[head_] = s;
    head_ = (head_ + 1) % ring_.size();
    if (size_ < ring_.size()) size_++;
}

void History::clear() {
    head_ = 0;
    size_ = 0;
}

const HistorySample& History::at(size_t i) const {
    // The oldest sample sits just after the newest once the ring is full.
    size_t start = (head_ + ring_.size() - size_) % ring_.size();
    return ring_[(start + i) % ring_.size()];
}

}  // namespace model
