// The blocks of decoded updates' arenas: a freed large block is handed to
// the next arena that asks for its size, no more than the cap is kept,
// and release_cached() gives everything back.  Blocks are mapped, not
// touched, so the gigabyte of the cap test costs no memory.
#include <cstdint>
#include <vector>

#include "t/unit/tap.h"
#include "wire/arena_blocks.h"

namespace ab = wire::arena_blocks;

int main() {
    const size_t big = size_t{32} << 20;
    ab::release_cached();
    tap::check_eq(ab::cached_bytes(), size_t{0}, "nothing is kept at first");

    void* a = ab::alloc(big);
    static_cast<char*>(a)[0] = 1;
    static_cast<char*>(a)[big - 1] = 2;  // the whole block is writable
    ab::free(a, big);
    tap::check_eq(ab::cached_bytes(), big, "a freed large block is kept");
    void* b = ab::alloc(big);
    tap::check(b == a, "the next block of that size is the kept one");
    tap::check_eq(ab::cached_bytes(), size_t{0}, "and is no longer kept");
    void* other = ab::alloc(big / 2);
    tap::check(other != a, "a block of another size is not the kept one");
    ab::free(other, big / 2);
    ab::free(b, big);

    void* small = ab::alloc(4096);
    ab::free(small, 4096);
    tap::check_eq(ab::cached_bytes(), big + big / 2, "small blocks are not kept (operator new recycles them)");

    ab::release_cached();
    tap::check_eq(ab::cached_bytes(), size_t{0}, "release_cached gives every kept block back");

    // More than the cap at once: all are freed, only the cap's worth kept.
    std::vector<void*> blocks;
    const size_t n = ab::kCacheBytes / big + 4;
    for (size_t i = 0; i < n; i++) blocks.push_back(ab::alloc(big));
    bool distinct = true;
    for (size_t i = 1; i < n; i++) distinct = distinct && blocks[i] != blocks[i - 1];
    tap::check(distinct, "blocks in use at once are distinct");
    for (void* p : blocks) ab::free(p, big);
    tap::check_eq(ab::cached_bytes(), ab::kCacheBytes, "no more than the cap is kept");
    ab::release_cached();
    tap::check_eq(ab::cached_bytes(), size_t{0}, "and all of it is released");
    return tap::done();
}
