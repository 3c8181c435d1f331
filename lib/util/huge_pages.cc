#include "util/huge_pages.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <new>

namespace util {

namespace {

std::atomic<bool> huge_pages_on{true};

size_t round_up(size_t n) {
    return (n + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
}

}  // namespace

void* huge_alloc(size_t bytes, size_t from) {
    if (bytes < from) return ::operator new(bytes ? bytes : 1, std::nothrow);
    if (bytes > SIZE_MAX - 2 * kHugePageBytes) return nullptr;
    // Map one huge page more than needed and trim both ends to alignment.
    size_t len = round_up(bytes);
    void* m = mmap(nullptr, len + kHugePageBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return nullptr;
    auto base = reinterpret_cast<uintptr_t>(m);
    uintptr_t start = (base + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
    if (start > base) munmap(m, start - base);
    size_t tail = (base + len + kHugePageBytes) - (start + len);
    if (tail) munmap(reinterpret_cast<void*>(start + len), tail);
    madvise(reinterpret_cast<void*>(start), len, huge_pages_on.load() ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return reinterpret_cast<void*>(start);
}

void set_huge_pages(bool on) {
    huge_pages_on.store(on);
}

void huge_free(void* p, size_t bytes, size_t from) {
    if (!p) return;
    if (bytes < from) {
        ::operator delete(p);
        return;
    }
    munmap(p, round_up(bytes));
}

}  // namespace util
