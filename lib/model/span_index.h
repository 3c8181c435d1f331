// A flat hash map from the server's span ids to row numbers: open
// addressing with linear probing, one array, no node per entry.  At a
// million tasks a lookup is one cache miss rather than two or three, and
// lookups can be prefetched ahead of use.  Load stays at most one half.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/huge_pages.h"

namespace model {

class SpanIndex {
public:
    // The row of `key`, or nullptr.
    const uint32_t* find(uint64_t key) const;
    // The row of `key`, inserting `row` when absent; second is true then.
    std::pair<uint32_t*, bool> insert(uint64_t key, uint32_t row);
    bool erase(uint64_t key);
    // Sets the row of a key known to be present.
    void set(uint64_t key, uint32_t row) { *const_cast<uint32_t*>(find(key)) = row; }
    // Hints that `key` is about to be looked up.
    void prefetch(uint64_t key) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[slot_of(key)]);
    }
    void reserve(size_t n);
    size_t size() const { return size_; }

private:
    struct Slot {
        uint64_t key;
        uint32_t row;
        bool used;
    };
    size_t slot_of(uint64_t key) const {
        // splitmix64's finaliser: span ids are often sequential or aligned.
        key ^= key >> 30;
        key *= 0xbf58476d1ce4e5b9ULL;
        key ^= key >> 27;
        key *= 0x94d049bb133111ebULL;
        key ^= key >> 31;
        return key & (slots_.size() - 1);
    }
    void grow(size_t capacity);

    util::BigVector<Slot> slots_;  // size is a power of two, or zero
    size_t size_ = 0;
};

}  // namespace model
