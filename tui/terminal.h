// The terminal: curses set up once, a palette that maps semantic styles to
// colours, and the blit of a Canvas.  Restores the terminal on destruction
// and on a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT); the signals
// that ask the console to quit are the program's (lib/util/signals.h).
#pragma once

#include "view/canvas.h"

namespace tui {

enum class ColorDepth { None, Ansi8, Ansi16, Ansi256, True };

struct TerminalOptions {
    bool ascii = false;
    ColorDepth colors = ColorDepth::Ansi256;
    bool mouse = true;
};

// Key codes: Unicode characters as themselves, special keys above.
enum Key : int {
    KeyNone = -1,
    KeyUp = 0x110000,
    KeyDown,
    KeyLeft,
    KeyRight,
    KeyPageUp,
    KeyPageDown,
    KeyHome,
    KeyEnd,
    KeyEnter,
    KeyEscape,
    KeyResize,
    KeyBackspace,
    KeyMouseWheelUp,
    KeyMouseWheelDown,
    KeyMouseClick,
};

struct KeyEvent {
    int key = KeyNone;
    int mouse_x = 0, mouse_y = 0;
};

class Terminal {
public:
    explicit Terminal(const TerminalOptions& options);
    ~Terminal();
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    int width() const;
    int height() const;
    int input_fd() const { return 0; }
    // Reads the next key without blocking; false when none is waiting.
    bool read_key(KeyEvent& out);
    void draw(const view::Canvas& canvas);
    void restore();

private:
    short pair_for(view::Style s);
    TerminalOptions opts_;
    bool active_ = false;
};

}  // namespace tui
