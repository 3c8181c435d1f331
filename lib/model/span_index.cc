#include "model/span_index.h"

namespace model {

const uint32_t* SpanIndex::find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
        const Slot& s = slots_[i];
        if (!s.used) return nullptr;
        if (s.key == key) return &s.row;
    }
}

std::pair<uint32_t*, bool> SpanIndex::insert(uint64_t key, uint32_t row) {
    if ((size_ + 1) * 2 > slots_.size()) grow(slots_.empty() ? 16 : slots_.size() * 2);
    for (size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
        Slot& s = slots_[i];
        if (s.used && s.key == key) return {&s.row, false};
        if (!s.used) {
            s = {key, row, true};
            size_++;
            return {&s.row, true};
        }
    }
}

bool SpanIndex::erase(uint64_t key) {
    if (slots_.empty()) return false;
    size_t mask = slots_.size() - 1;
    size_t i = slot_of(key);
    while (slots_[i].used && slots_[i].key != key) i = (i + 1) & mask;
    if (!slots_[i].used) return false;
    // Backward shift: move later entries of the probe run into the hole so
    // that no tombstones are needed.
    size_t hole = i;
    for (size_t j = (i + 1) & mask; slots_[j].used; j = (j + 1) & mask) {
        size_t home = slot_of(slots_[j].key);
        // Movable when its home is not in (hole, j], cyclically.
        bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
        if (movable) {
            slots_[hole] = slots_[j];
            hole = j;
        }
    }
    slots_[hole].used = false;
    size_--;
    return true;
}

void SpanIndex::reserve(size_t n) {
    size_t want = 16;
    while (want < n * 2) want *= 2;
    if (want > slots_.size()) grow(want);
}

void SpanIndex::grow(size_t capacity) {
    util::BigVector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{0, 0, false});
    size_ = 0;
    for (const Slot& s : old)
        if (s.used) insert(s.key, s.row);
}

}  // namespace model
