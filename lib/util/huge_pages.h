// Memory for large arrays that are read and written in random order: the
// model's task rows, sort keys and index, tens to hundreds of megabytes at
// a million tasks.  A block of kHugeFromBytes or more is mapped on its
// own, aligned to 2 MiB and marked for transparent huge pages (madvise), so
// that a random access does not also miss the TLB and a fresh block faults
// in 2 MiB at a time rather than 4 KiB.  Smaller blocks come from operator
// new: a huge page is resident whole once touched, so for a block of a few
// megabytes (the arrays of 10 k tasks) it costs memory that the speed of
// a few thousand rows does not repay.  The kernel may decline huge pages;
// everything then works as before, only slower.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace util {

// The size and alignment of a huge page.
constexpr size_t kHugePageBytes = size_t{2} << 20;
// Blocks from this size up are mapped on huge pages; smaller ones are
// operator new's.  32 MiB: the rows of some 100 k tasks, where the rounding
// to whole huge pages costs under 7 %.
constexpr size_t kHugeFromBytes = size_t{32} << 20;

// Both throw nothing; huge_alloc returns nullptr when out of memory.
// `from`: the size from which a block is mapped on huge pages, the same
// for a block's huge_alloc and huge_free.
void* huge_alloc(size_t bytes, size_t from = kHugeFromBytes);
// Off: large blocks are still mapped on their own, but marked against
// huge pages (MADV_NOHUGEPAGE), so that a benchmark can weigh them.  On
// by default; it applies to blocks allocated after the call.
void set_huge_pages(bool on);
void huge_free(void* p, size_t bytes, size_t from = kHugeFromBytes);  // bytes: as given to huge_alloc

template <typename T, size_t From = kHugeFromBytes>
struct HugePageAllocator {
    using value_type = T;
    template <typename U>
    struct rebind {
        using other = HugePageAllocator<U, From>;
    };
    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U, From>&) {}

    T* allocate(size_t n);
    void deallocate(T* p, size_t n) { huge_free(p, n * sizeof(T), From); }

    template <typename U>
    bool operator==(const HugePageAllocator<U, From>&) const {
        return true;
    }
};

template <typename T, size_t From>
T* HugePageAllocator<T, From>::allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
    void* p = huge_alloc(n * sizeof(T), From);
    if (!p) throw std::bad_alloc();
    return static_cast<T*>(p);
}

// A std::vector whose storage, once large (From bytes), is on huge pages.
template <typename T, size_t From = kHugeFromBytes>
using BigVector = std::vector<T, HugePageAllocator<T, From>>;

}  // namespace util
