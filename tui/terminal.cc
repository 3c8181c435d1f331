#include "tui/terminal.h"

#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

#include "tui/curses.h"

namespace tui {

using view::Canvas;
using view::Cell;
using view::Style;

namespace {

// On a crash there is no time for curses: write the bytes that leave the
// alternate screen and show the cursor, worked out at start, then die as
// the signal would have it.
char g_reset[256];
size_t g_reset_len = 0;

void on_fatal_signal(int sig) {
    if (g_reset_len) (void)!write(STDOUT_FILENO, g_reset, g_reset_len);
    signal(sig, SIG_DFL);
    raise(sig);
}

void prepare_reset() {
    std::string r;
    for (const char* cap : {"sgr0", "cnorm", "rmcup"}) {
        const char* v = tigetstr(const_cast<char*>(cap));
        if (v && v != reinterpret_cast<const char*>(-1)) r += v;
    }
    r += "\033[?1000l\033[?1006l\r\n";
    if (r.size() < sizeof g_reset) {
        memcpy(g_reset, r.data(), r.size());
        g_reset_len = r.size();
    }
    struct sigaction sa {};
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
}

struct StyleSpec {
    short fg8;    // 8/16-colour foreground, -1 default
    short fg256;  // 256-colour foreground
    attr_t attrs;
};

// Semantic styles mapped through the palette (durations by unit as
// upstream colours them).
StyleSpec spec(Style s) {
    switch (s) {
    case Style::Normal: return {-1, -1, A_NORMAL};
    case Style::Bold: return {-1, -1, A_BOLD};
    case Style::Dim: return {-1, -1, A_DIM};
    case Style::Title: return {-1, -1, A_BOLD};
    case Style::Header: return {COLOR_CYAN, 6, A_BOLD};  // cyan bold, as upstream
    case Style::HeaderSorted: return {COLOR_CYAN, 6, A_BOLD | A_UNDERLINE};
    case Style::Key: return {COLOR_CYAN, 45, A_BOLD};
    case Style::Warn: return {COLOR_YELLOW, 220, A_BOLD};
    case Style::Error: return {COLOR_RED, 196, A_BOLD};
    case Style::Ok: return {COLOR_GREEN, 40, A_NORMAL};
    case Style::Info: return {COLOR_BLUE, 33, A_NORMAL};
    case Style::DurPs: return {COLOR_WHITE, 40, A_NORMAL};
    case Style::DurNs: return {COLOR_WHITE, 41, A_NORMAL};
    case Style::DurUs: return {COLOR_MAGENTA, 42, A_NORMAL};
    case Style::DurMs: return {COLOR_RED, 43, A_NORMAL};
    case Style::DurS: return {COLOR_YELLOW, 44, A_NORMAL};
    case Style::DurMin: return {COLOR_GREEN, 45, A_NORMAL};
    case Style::DurH: return {COLOR_CYAN, 39, A_NORMAL};
    case Style::DurD: return {COLOR_BLUE, 33, A_NORMAL};
    case Style::FieldKey: return {COLOR_BLUE, 12, A_BOLD};  // light blue
    case Style::FieldDelim: return {COLOR_BLUE, 12, A_DIM};
    case Style::FieldValue: return {COLOR_YELLOW, 3, A_NORMAL};
    case Style::Public: return {COLOR_GREEN, 2, A_NORMAL};
    case Style::Internal: return {COLOR_RED, 1, A_NORMAL};
    case Style::Paused: return {COLOR_RED, 1, A_NORMAL};
    case Style::Pausing: return {COLOR_YELLOW, 3, A_NORMAL};
    case Style::Unpausing: return {COLOR_GREEN, 2, A_NORMAL};
    case Style::FieldUnit: return {COLOR_BLUE, 12, A_NORMAL};  // light blue, as upstream
    case Style::Border: return {-1, -1, A_NORMAL};
    case Style::App0: return {COLOR_CYAN, 51, A_NORMAL};
    case Style::App1: return {COLOR_MAGENTA, 213, A_NORMAL};
    case Style::App2: return {COLOR_GREEN, 120, A_NORMAL};
    case Style::App3: return {COLOR_YELLOW, 229, A_NORMAL};
    case Style::App4: return {COLOR_BLUE, 111, A_NORMAL};
    case Style::App5: return {COLOR_RED, 210, A_NORMAL};
    case Style::Count: break;
    }
    return {-1, -1, A_NORMAL};
}

constexpr int kEscDelayMs = 10;

}  // namespace

Terminal::Terminal(const TerminalOptions& options) : opts_(options) {
    initscr();
    active_ = true;
    prepare_reset();
    raw();  // Ctrl-C and Ctrl-D arrive as keys
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    // A lone Esc is a key once this long has passed without the rest of
    // an escape sequence, which a terminal writes in one go.  Upstream
    // takes it at once; ESCDELAY, when set, is the user's choice.
    if (!getenv("ESCDELAY")) set_escdelay(kEscDelayMs);
    // A frame goes out in one write, not one per cursor move (each a
    // system call, and a packet over SSH).  ncurses flushes its output at
    // every move until it has come back from an endwin(), and before each
    // changed line it would look for typed keys, flushing first.
    typeahead(-1);
    endwin();
    refresh();
    // Home and End as terminals other than the one TERM names send them
    // (tmux and screen, the Linux console, rxvt), so both forms work.
    define_key("\033[1~", KEY_HOME);
    define_key("\033[7~", KEY_HOME);
    define_key("\033[H", KEY_HOME);
    define_key("\033OH", KEY_HOME);
    define_key("\033[4~", KEY_END);
    define_key("\033[8~", KEY_END);
    define_key("\033[F", KEY_END);
    define_key("\033OF", KEY_END);
    curs_set(0);
    if (opts_.mouse) mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, nullptr);
    if (opts_.colors != ColorDepth::None && has_colors()) {
        start_color();
        use_default_colors();
        if (COLORS < 256 && (opts_.colors == ColorDepth::Ansi256 || opts_.colors == ColorDepth::True))
            opts_.colors = ColorDepth::Ansi16;
        for (int s = 0; s < static_cast<int>(Style::Count); s++) {
            StyleSpec sp = spec(static_cast<Style>(s));
            short fg = (opts_.colors == ColorDepth::Ansi8 || opts_.colors == ColorDepth::Ansi16) ? sp.fg8 : sp.fg256;
            init_pair(static_cast<short>(s + 1), fg, -1);
        }
    } else {
        opts_.colors = ColorDepth::None;
    }
}

Terminal::~Terminal() {
    restore();
}

void Terminal::restore() {
    if (!active_) return;
    active_ = false;
    mousemask(0, nullptr);
    curs_set(1);
    endwin();
    g_reset_len = 0;
}

int Terminal::width() const {
    return COLS;
}
int Terminal::height() const {
    return LINES;
}

short Terminal::pair_for(Style s) {
    return opts_.colors == ColorDepth::None ? 0 : static_cast<short>(static_cast<int>(s) + 1);
}

bool Terminal::read_key(KeyEvent& out) {
    wint_t ch;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR) return false;
    out = {};
    if (r == KEY_CODE_YES) {
        switch (ch) {
        case KEY_UP: out.key = KeyUp; break;
        case KEY_DOWN: out.key = KeyDown; break;
        case KEY_LEFT: out.key = KeyLeft; break;
        case KEY_RIGHT: out.key = KeyRight; break;
        case KEY_PPAGE: out.key = KeyPageUp; break;
        case KEY_NPAGE: out.key = KeyPageDown; break;
        case KEY_HOME: out.key = KeyHome; break;
        case KEY_END: out.key = KeyEnd; break;
        case KEY_ENTER: out.key = KeyEnter; break;
        case KEY_BACKSPACE: out.key = KeyBackspace; break;
        case KEY_RESIZE: out.key = KeyResize; break;
        case KEY_MOUSE: {
            MEVENT ev;
            if (getmouse(&ev) != OK) return true;
            out.mouse_x = ev.x;
            out.mouse_y = ev.y;
            if (ev.bstate & BUTTON4_PRESSED)
                out.key = KeyMouseWheelUp;
            else if (ev.bstate & BUTTON5_PRESSED)
                out.key = KeyMouseWheelDown;
            else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
                out.key = KeyMouseClick;
            break;
        }
        default: out.key = KeyNone; break;
        }
        return true;
    }
    if (ch == '\r' || ch == '\n')
        out.key = KeyEnter;
    else if (ch == 27)
        out.key = KeyEscape;
    else if (ch == 127 || ch == 8)
        out.key = KeyBackspace;
    else
        out.key = static_cast<int>(ch);
    return true;
}

void Terminal::draw(const Canvas& c) {
    int h = std::min(c.height(), LINES), w = std::min(c.width(), COLS);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            const Cell& cell = c.at(x, y);
            if (cell.ch == 0 && x > 0 && c.at(x - 1, y).ch != 0) continue;  // right half of a wide char
            wchar_t wc[3] = {static_cast<wchar_t>(cell.ch ? cell.ch : U' '),
                             static_cast<wchar_t>(cell.ch ? cell.mark : 0), 0};
            // A wide character that would cross the right edge is not drawn.
            if (x == w - 1 && cell.ch > 0x7f && wcwidth(wc[0]) == 2) {
                wc[0] = L' ';
                wc[1] = 0;
            }
            cchar_t cc;
            attr_t attrs = spec(cell.style).attrs | (cell.selected ? A_REVERSE : A_NORMAL);
            setcchar(&cc, wc, attrs, pair_for(cell.style), nullptr);
            mvadd_wch(y, x, &cc);
        }
    }
    wnoutrefresh(stdscr);
    doupdate();
}

}  // namespace tui
