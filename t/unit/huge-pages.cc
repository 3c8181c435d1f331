// Large-array memory: blocks of kHugeFromBytes or more are aligned to 2 MiB
// (the condition for a huge page), smaller ones work as operator new's, and a
// BigVector behaves as a std::vector across growth from small to large.
#include <cstdint>

#include "t/unit/tap.h"
#include "util/huge_pages.h"

int main() {
    const size_t mib = size_t{1} << 20;
    const size_t big = util::kHugeFromBytes + 5 * mib + 3;
    void* p = util::huge_alloc(big);
    tap::check(p != nullptr, "a large block is given");
    tap::check_eq(reinterpret_cast<uintptr_t>(p) % (2 * mib), uintptr_t{0}, "a large block is aligned to 2 MiB");
    static_cast<char*>(p)[big - 1] = 7;  // its last byte is writable
    util::huge_free(p, big);

    void* s = util::huge_alloc(100);
    tap::check(s != nullptr, "a small block is given");
    util::huge_free(s, 100);
    void* z = util::huge_alloc(0);
    tap::check(z != nullptr, "a zero-size block is given, as by operator new");
    util::huge_free(z, 0);
    tap::check(util::huge_alloc(SIZE_MAX - 1) == nullptr, "an impossible size gives nullptr");

    util::BigVector<uint64_t> v;
    const uint64_t n = util::kHugeFromBytes / 8 + mib;  // from operator new to huge pages on the way
    for (uint64_t i = 0; i < n; i++) v.push_back(i * 3);
    bool same = true;
    for (uint64_t i = 0; i < n; i++) same = same && v[i] == i * 3;
    tap::check(same, "a BigVector keeps its elements as it grows large");
    tap::check_eq(reinterpret_cast<uintptr_t>(v.data()) % (2 * mib), uintptr_t{0},
                  "a large BigVector is aligned to 2 MiB");
    v.resize(10);
    v.shrink_to_fit();
    tap::check(v.size() == 10 && v[9] == 27, "and shrinks back to a small one");
    // A lower threshold of its own: the sort keys' arrays (model/task_keys.h).
    util::BigVector<uint64_t, mib> k(mib / 8 + 1);
    tap::check_eq(reinterpret_cast<uintptr_t>(k.data()) % (2 * mib), uintptr_t{0},
                  "a BigVector past its own lower threshold is aligned to 2 MiB");
    util::BigVector<uint64_t, mib> below(mib / 8 - 1, 5);
    tap::check(below.back() == 5, "and below it is as any vector");
    bool threw = false;
    try {
        util::BigVector<uint64_t> w;
        w.reserve(SIZE_MAX / 16);
    } catch (const std::bad_alloc&) {
        threw = true;
    } catch (const std::length_error&) {
        threw = true;
    }
    tap::check(threw, "a BigVector too large to map throws, as std::vector does");
    return tap::done();
}
