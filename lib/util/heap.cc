#include "util/heap.h"

#include <malloc.h>

namespace util {

#ifdef __SANITIZE_ADDRESS__
void tune_heap() {}
void give_back_free_heap() {}
#else
void tune_heap() {
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MXFAST, 0);
}

void give_back_free_heap() {
    malloc_trim(0);
}
#endif

}  // namespace util
