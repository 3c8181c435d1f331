#include "util/heap.h"

#include <malloc.h>

namespace util {

#ifdef __SANITIZE_ADDRESS__
void use_one_heap_arena() {}
void give_back_free_heap() {}
#else
void use_one_heap_arena() {
    mallopt(M_ARENA_MAX, 1);
}

void give_back_free_heap() {
    malloc_trim(0);
}
#endif

}  // namespace util
