// For the checks that memory goes back: malloc's own count of the bytes
// in use, in its heap and mapped on their own.  AddressSanitizer keeps no
// such count; the checks skip themselves under it.
#pragma once

#include <malloc.h>

#include <cstddef>

namespace unit_test {

inline size_t heap_in_use() {
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

}  // namespace unit_test
