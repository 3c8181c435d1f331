// How the views draw, decided once at start from the settings and the
// terminal: every view takes it, none changes it.
#pragma once

#include <cstdint>

namespace view {

struct DrawOptions {
    bool ascii = false;                     // the terminal cannot show UTF-8 (glyphs.h)
    bool duration_colors = true;            // durations coloured by their unit
    bool terminated_colors = true;          // finished tasks and resources dimmed
    int64_t blocked_after = 1'000'000'000;  // ns idle on a resource (model/waits.h)
};

}  // namespace view
