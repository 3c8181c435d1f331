// The C library's heap, which holds what the console allocates.  Large
// updates leave much of it free; the console asks for that memory to go
// back to the system when a connection starts afresh and when the stream
// goes quiet.
//
// Under AddressSanitizer the sanitizer owns malloc and glibc's heap is
// never set up: both calls do nothing there.  glibc would set the heap up
// on the first malloc_trim(), and two threads doing that at once read
// through an arena not yet made (a crash in 2 runs of 100).
#pragma once

namespace util {

// For the console's threads.  Every thread allocates from the main arena:
// malloc_trim() gives back the free top of that arena only, and a
// thread's arena of its own kept tens of MB after a large update, long
// after.  A small block freed is merged with its neighbours at once, not
// kept in a fast bin: glibc merges all the fast bins in one go at the
// next large malloc or free, and after the recorder's and the network
// thread's frees that took the loop 80 to 200 ms at 100 k tasks, while a
// key waited.
void tune_heap();

// Gives the heap's free pages back to the system.
void give_back_free_heap();

}  // namespace util
