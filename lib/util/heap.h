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

// Every thread allocates from the main arena.  malloc_trim() gives back
// the free top of that arena only: a thread's arena of its own kept tens
// of MB after a large update, long after.
void use_one_heap_arena();

// Gives the heap's free pages back to the system.
void give_back_free_heap();

}  // namespace util
