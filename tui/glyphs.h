// Glyphs with their ASCII forms, chosen once from the terminal's charset.
#pragma once

#include "model/task.h"

namespace tui {

struct Glyphs {
    const char* state[4];  // running, scheduled, idle, done
    const char* warn;
    const char* pub;       // resource visibility
    const char* internal;
    const char* bar_full;
    const char* ellipsis;
    const char* up;
    const char* down;
};

const Glyphs& glyphs(bool ascii);
inline const char* state_glyph(model::TaskState s, bool ascii) {
    return glyphs(ascii).state[static_cast<int>(s)];
}

}  // namespace tui
