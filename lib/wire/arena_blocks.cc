#include "wire/arena_blocks.h"

#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#include "util/huge_pages.h"

namespace wire::arena_blocks {

namespace {

struct Cache {
    std::mutex mu;
    std::unordered_map<size_t, std::vector<void*>> by_size;
    size_t bytes = 0;
};

Cache& cache() {
    static Cache* c = new Cache;  // never destroyed: used until exit by any thread
    return *c;
}

}  // namespace

void* alloc(size_t bytes) {
    // Smaller blocks come from operator new, which recycles them itself.
    if (bytes >= util::kHugePageBytes) {
        Cache& c = cache();
        std::lock_guard<std::mutex> lock(c.mu);
        auto it = c.by_size.find(bytes);
        if (it != c.by_size.end() && !it->second.empty()) {
            void* p = it->second.back();
            it->second.pop_back();
            c.bytes -= bytes;
            return p;
        }
    }
    void* p = util::huge_alloc(bytes);
    if (!p) throw std::bad_alloc();
    return p;
}

void free(void* p, size_t bytes) {
    if (!p) return;
    if (bytes >= util::kHugePageBytes) {
        Cache& c = cache();
        std::lock_guard<std::mutex> lock(c.mu);
        if (c.bytes + bytes <= kCacheBytes) {
            c.by_size[bytes].push_back(p);
            c.bytes += bytes;
            return;
        }
    }
    util::huge_free(p, bytes);
}

void release_cached() {
    std::unordered_map<size_t, std::vector<void*>> blocks;
    {
        Cache& c = cache();
        std::lock_guard<std::mutex> lock(c.mu);
        blocks.swap(c.by_size);
        c.bytes = 0;
    }
    for (auto& [bytes, list] : blocks)
        for (void* p : list) util::huge_free(p, bytes);
}

size_t cached_bytes() {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mu);
    return c.bytes;
}

}  // namespace wire::arena_blocks
