#include "tui/glyphs.h"

namespace tui {

const Glyphs& glyphs(bool ascii) {
    static const Glyphs utf8 = {{"\u25b6", "\u23eb", "\u23f8", "\u23f9"}, "\u26a0", "\u2705", "\U0001f512",
                                "\u2588", "\u2026", "\u2191", "\u2193"};
    static const Glyphs plain = {{"BUSY", "SCHED", "IDLE", "DONE"}, "!", "PUB", "INT", "#", "~", "^", "v"};
    return ascii ? plain : utf8;
}

}  // namespace tui
