// The one place curses is included: its macros (erase, clear, move, ...)
// would otherwise collide with names all over the program.
#pragma once

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
