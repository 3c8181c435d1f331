#include "tui/colors.h"

#include <cstdlib>

namespace tui {

ColorDepth decide_colors(const config::Settings& s) {

    if (!s.colors_enabled || (getenv("NO_COLOR") && *getenv("NO_COLOR"))) return ColorDepth::None;
    switch (s.palette) {
    case config::Palette::Off: return ColorDepth::None;
    case config::Palette::Ansi8: return ColorDepth::Ansi8;
    case config::Palette::Ansi16: return ColorDepth::Ansi16;
    case config::Palette::Ansi256: return ColorDepth::Ansi256;
    case config::Palette::All: return s.truecolor ? ColorDepth::True : ColorDepth::Ansi256;
    }
    return ColorDepth::Ansi256;
}

}  // namespace tui
