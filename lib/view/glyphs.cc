#include "view/glyphs.h"

namespace view {

const Glyphs& glyphs(bool ascii) {
    static const Glyphs utf8 = {
        {"\u25b6", "\u23eb", "\u23f8", "\u23f9"},
        "\u26a0",
        "\u2705",
        "\U0001f512",
        "\u25b5",
        "\u25bf",
        U'\u2026',
        {" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"},
        "\u2190\u2192",
        "\u2191\u2193",
        "\u25b8",
        {"\u256d", "\u2500", "\u256e", "\u2502", "\u256f", "\u2570"},
        "\u25b8",
        "\u25be",
        "\u2014",
        "\u29d7",
    };
    // A sliver of a bar must still show: the ramp starts at "_".
    static const Glyphs plain = {
        {"BUSY", "SCHED", "IDLE", "DONE"},
        "!",
        "PUB",
        "INT",
        "^",
        "v",
        U'~',
        {" ", "_", "_", ".", ".", ":", ":", "|", "#"},
        "</>",
        "^/v",
        ">",
        {"+", "-", "+", "|", "+", "+"},
        "[+]",
        "[-]",
        "-",
        "BLOCK",
    };
    return ascii ? plain : utf8;
}

}  // namespace view
