// The memory blocks of decoded updates' arenas.  A full update at a
// million tasks decodes into some 500 MB, and the next one comes a second
// later; fresh memory costs a page fault per page (far more in a virtual
// machine than the decoding itself), so blocks freed with one update are
// kept and handed to the next.  At most kCacheBytes are kept.  Safe from
// any thread: updates are decoded on the wire thread and freed elsewhere.
#pragma once

#include <cstddef>

namespace wire::arena_blocks {

constexpr size_t kCacheBytes = size_t{1} << 30;

// As the arena wants them: alloc throws std::bad_alloc when out of memory.
void* alloc(size_t bytes);
void free(void* p, size_t bytes);

// Bytes kept for reuse now.
size_t cached_bytes();
// Gives every kept block back to the system, as when no updates are
// coming (disconnected).
void release_cached();

}  // namespace wire::arena_blocks
