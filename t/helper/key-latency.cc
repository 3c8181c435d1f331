// key-latency: how long a full-screen program takes to answer a key, as a
// user feels it: from the key's byte written to the terminal until the
// bytes of the frame that shows its effect have arrived.
//
//   key-latency [--size COLSxROWS] [--ready TEXT] [--ready-wait SECONDS]
//               [--warmup SECONDS] [--presses N] [--label TEXT]
//               [--target MS] [--dump] -- COMMAND [ARGS...]
//
// Runs COMMAND (the console, on its task list) in a pseudo-terminal with
// TERM=xterm-256color, keeps a screen of what it writes (a small terminal
// emulator: the sequences ncurses sends an xterm), waits until a line
// holds TEXT (default "Tasks (") and --warmup seconds more, then presses,
// in turn, j, Enter, Esc, /, w, Esc, k, Enter, Esc, /, w, Esc until --presses
// presses are timed.  Each press waits until the screen shows its effect
// (j and k: another row selected; Enter: a task's details; Esc: the list,
// or the filter line closed; /: the filter line open; w: typed into it),
// then a pause of 50 to 250 ms, so that presses fall anywhere in the
// program's own rhythm.  Prints p50, p99 and max over all presses, and
// per key.  --dump prints the screen when a press is not answered.
// Exits non-zero when a press is not answered within 10 s or the program
// ends.
//
//   key-latency --answer-while TEXT [--deadline SECONDS] ... -- COMMAND
//
// A check, not a figure: presses j and k in turn until a frame that
// answers one also has TEXT in its first line (the console's header says
// "updating" part way through an update), and exits 0 then; non-zero
// when none did within --deadline seconds (default 120).
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "util/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void usage() {
    fprintf(stderr, "usage: key-latency [--size COLSxROWS] [--ready TEXT] [--ready-wait SECONDS] [--warmup SECONDS]\n"
                    "                   [--presses N] [--label TEXT] [--target MS] [--dump] -- COMMAND [ARGS...]\n");
    exit(2);
}

// What an xterm shows, as far as telling one frame from another needs:
// the characters and whether each is in reverse video.
class Screen {
public:
    Screen(int cols, int rows) : cols_(cols), rows_(rows), cells_(static_cast<size_t>(cols * rows)) {
        bottom_ = rows - 1;
    }

    void feed(const char* p, size_t n) {
        for (size_t i = 0; i < n; i++) byte(static_cast<unsigned char>(p[i]));
    }

    std::string line(int y) const {
        std::string s;
        for (int x = 0; x < cols_; x++) util::append_utf8(s, at(x, y).ch);
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s;
    }
    bool has_line_starting(const std::string& prefix) const {
        for (int y = 0; y < rows_; y++)
            if (line(y).rfind(prefix, 0) == 0) return true;
        return false;
    }
    bool contains(const std::string& text) const {
        for (int y = 0; y < rows_; y++)
            if (line(y).find(text) != std::string::npos) return true;
        return false;
    }
    // The selected row: the first one mostly in reverse video; -1: none.
    int selected_row() const {
        for (int y = 0; y < rows_; y++) {
            int rev = 0;
            for (int x = 0; x < cols_; x++) rev += at(x, y).rev;
            if (rev > cols_ / 2) return y;
        }
        return -1;
    }
    void print(FILE* f) const {
        for (int y = 0; y < rows_; y++) fprintf(f, "|%s\n", line(y).c_str());
    }

private:
    struct Cell {
        char32_t ch = U' ';
        bool rev = false;
    };
    enum class State { Ground, Esc, Csi, Charset, Osc };

    Cell& at(int x, int y) { return cells_[static_cast<size_t>(y * cols_ + x)]; }
    const Cell& at(int x, int y) const { return cells_[static_cast<size_t>(y * cols_ + x)]; }

    void byte(unsigned char b) {
        switch (state_) {
        case State::Ground: ground(b); return;
        case State::Esc: escape(b); return;
        case State::Charset: state_ = State::Ground; return;
        case State::Osc:
            if (b == 7 || b == '\\') state_ = State::Ground;
            return;
        case State::Csi:
            if (b >= 0x40 && b <= 0x7e) {
                csi(static_cast<char>(b));
                state_ = State::Ground;
            } else {
                params_ += static_cast<char>(b);
            }
            return;
        }
    }

    void ground(unsigned char b) {
        if (utf8_left_) {
            ch_ = (ch_ << 6) | (b & 0x3f);
            if (--utf8_left_ == 0) print(ch_);
            return;
        }
        if (b == 0x1b) {
            state_ = State::Esc;
        } else if (b == '\r') {
            x_ = 0, wrap_ = false;
        } else if (b == '\n') {
            line_feed();
        } else if (b == '\b') {
            x_ = std::max(0, x_ - 1), wrap_ = false;
        } else if (b == '\t') {
            x_ = std::min(cols_ - 1, (x_ / 8 + 1) * 8);
        } else if (b >= 0xc0) {
            utf8_left_ = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
            ch_ = b & (b >= 0xf0 ? 0x07 : b >= 0xe0 ? 0x0f : 0x1f);
        } else if (b >= 0x20 && b < 0x7f) {
            print(b);
        }
    }

    void escape(unsigned char b) {
        state_ = State::Ground;
        switch (b) {
        case '[': state_ = State::Csi, params_.clear(); break;
        case '(':
        case ')': state_ = State::Charset; break;
        case ']': state_ = State::Osc; break;
        case 'M': reverse_feed(); break;
        case 'D': line_feed(); break;
        case 'E': x_ = 0, line_feed(); break;
        case '7': saved_x_ = x_, saved_y_ = y_; break;
        case '8': x_ = saved_x_, y_ = saved_y_; break;
        default: break;
        }
    }

    void print(char32_t c) {
        if (wrap_) {
            x_ = 0, wrap_ = false;
            line_feed();
        }
        last_ = c;
        at(x_, y_) = Cell{c, rev_};
        if (x_ == cols_ - 1)
            wrap_ = true;
        else
            x_++;
    }

    void line_feed() {
        if (y_ == bottom_)
            scroll_up(top_, bottom_, 1);
        else if (y_ < rows_ - 1)
            y_++;
    }
    void reverse_feed() {
        if (y_ == top_)
            scroll_down(top_, bottom_, 1);
        else if (y_ > 0)
            y_--;
    }
    void clear_row(int y, int from, int to) {
        for (int x = std::max(0, from); x < std::min(cols_, to); x++) at(x, y) = Cell{U' ', rev_};
    }
    void scroll_up(int top, int bottom, int n) {
        for (int y = top; y <= bottom; y++)
            for (int x = 0; x < cols_; x++) at(x, y) = y + n <= bottom ? at(x, y + n) : Cell{};
    }
    void scroll_down(int top, int bottom, int n) {
        for (int y = bottom; y >= top; y--)
            for (int x = 0; x < cols_; x++) at(x, y) = y - n >= top ? at(x, y - n) : Cell{};
    }

    std::vector<int> numbers() const {
        std::vector<int> v;
        const char* p = params_.c_str();
        if (*p == '?' || *p == '>' || *p == '=') p++;
        while (*p) {
            v.push_back(atoi(p));
            while (*p && *p != ';' && *p != ':') p++;
            if (*p) p++;
        }
        return v;
    }

    void csi(char final) {
        if (!params_.empty() && (params_[0] == '?' || params_[0] == '>')) return;  // modes
        std::vector<int> v = numbers();
        auto arg = [&](size_t i, int dflt) { return i < v.size() && v[i] ? v[i] : dflt; };
        int n = arg(0, 1);
        wrap_ = false;
        switch (final) {
        case 'H':
        case 'f':
            y_ = std::clamp(arg(0, 1) - 1, 0, rows_ - 1);
            x_ = std::clamp(arg(1, 1) - 1, 0, cols_ - 1);
            break;
        case 'G': x_ = std::clamp(n - 1, 0, cols_ - 1); break;
        case 'd': y_ = std::clamp(n - 1, 0, rows_ - 1); break;
        case 'A': y_ = std::max(0, y_ - n); break;
        case 'B': y_ = std::min(rows_ - 1, y_ + n); break;
        case 'C': x_ = std::min(cols_ - 1, x_ + n); break;
        case 'D': x_ = std::max(0, x_ - n); break;
        case 'K': {
            int mode = v.empty() ? 0 : v[0];
            clear_row(y_, mode == 0 ? x_ : 0, mode == 1 ? x_ + 1 : cols_);
            break;
        }
        case 'J': {
            int mode = v.empty() ? 0 : v[0];
            if (mode == 0) {
                clear_row(y_, x_, cols_);
                for (int y = y_ + 1; y < rows_; y++) clear_row(y, 0, cols_);
            } else if (mode == 1) {
                for (int y = 0; y < y_; y++) clear_row(y, 0, cols_);
                clear_row(y_, 0, x_ + 1);
            } else {
                for (int y = 0; y < rows_; y++) clear_row(y, 0, cols_);
            }
            break;
        }
        case 'X': clear_row(y_, x_, x_ + n); break;
        case 'b':
            for (int i = 0; i < n; i++) print(last_);
            break;
        case '@':
            for (int x = cols_ - 1; x >= x_; x--) at(x, y_) = x - n >= x_ ? at(x - n, y_) : Cell{U' ', rev_};
            break;
        case 'P':
            for (int x = x_; x < cols_; x++) at(x, y_) = x + n < cols_ ? at(x + n, y_) : Cell{U' ', rev_};
            break;
        case 'L':
            if (y_ >= top_ && y_ <= bottom_) scroll_down(y_, bottom_, n);
            break;
        case 'M':
            if (y_ >= top_ && y_ <= bottom_) scroll_up(y_, bottom_, n);
            break;
        case 'S': scroll_up(top_, bottom_, n); break;
        case 'T': scroll_down(top_, bottom_, n); break;
        case 'r':
            top_ = std::clamp(arg(0, 1) - 1, 0, rows_ - 1);
            bottom_ = std::clamp(arg(1, rows_) - 1, top_, rows_ - 1);
            x_ = y_ = 0;
            break;
        case 'm': sgr(v); break;
        default: break;
        }
    }

    void sgr(const std::vector<int>& v) {
        if (v.empty()) rev_ = false;
        for (size_t i = 0; i < v.size(); i++) {
            if (v[i] == 0) rev_ = false;
            if (v[i] == 7) rev_ = true;
            if (v[i] == 27) rev_ = false;
            if ((v[i] == 38 || v[i] == 48) && i + 1 < v.size()) i += v[i + 1] == 5 ? 2 : 4;
        }
    }

    int cols_, rows_;
    std::vector<Cell> cells_;
    State state_ = State::Ground;
    std::string params_;
    int x_ = 0, y_ = 0, saved_x_ = 0, saved_y_ = 0, top_ = 0, bottom_;
    bool rev_ = false, wrap_ = false;
    int utf8_left_ = 0;
    char32_t ch_ = 0, last_ = U' ';
};

struct Options {
    int cols = 200, rows = 50;
    std::string ready = "Tasks (";
    double ready_wait = 300, warmup = 3, target = 0;
    int presses = 240;
    bool dump = false;
    std::string label = "key to frame";
    std::string answer_while;  // --answer-while: the check, not the figures
    double deadline = 120;
    char** command = nullptr;
};

Options parse_args(int argc, char** argv) {
    Options o;
    int i = 1;
    for (; i < argc; i++) {
        std::string a = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (a == "--") {
            i++;
            break;
        }
        if (a == "--size") {
            if (sscanf(value(), "%dx%d", &o.cols, &o.rows) != 2 || o.cols <= 0 || o.rows <= 0) usage();
        } else if (a == "--ready")
            o.ready = value();
        else if (a == "--ready-wait")
            o.ready_wait = atof(value());
        else if (a == "--warmup")
            o.warmup = atof(value());
        else if (a == "--presses")
            o.presses = atoi(value());
        else if (a == "--label")
            o.label = value();
        else if (a == "--target")
            o.target = atof(value());
        else if (a == "--dump")
            o.dump = true;
        else if (a == "--answer-while")
            o.answer_while = value();
        else if (a == "--deadline")
            o.deadline = atof(value());
        else
            usage();
    }
    if (i >= argc || o.presses <= 0) usage();
    o.command = argv + i;
    return o;
}

pid_t start_command(const Options& o, int* master) {
    winsize ws{};
    ws.ws_col = static_cast<unsigned short>(o.cols);
    ws.ws_row = static_cast<unsigned short>(o.rows);
    pid_t pid = forkpty(master, nullptr, nullptr, &ws);
    if (pid < 0) {
        fprintf(stderr, "key-latency: cannot open a pseudo-terminal: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        unsetenv("LC_ALL");
        unsetenv("COLORTERM");
        unsetenv("NO_COLOR");
        execvp(o.command[0], o.command);
        fprintf(stderr, "key-latency: cannot run '%s': %s\n", o.command[0], strerror(errno));
        _exit(127);
    }
    fcntl(*master, F_SETFL, fcntl(*master, F_GETFL) | O_NONBLOCK);
    ioctl(*master, TIOCSWINSZ, &ws);
    return pid;
}

// The program's terminal and the screen it drew.
struct Term {
    int master = -1;
    Screen screen;
    bool ended = false;

    // Reads what is waiting into the screen; false once the program has
    // closed its terminal.
    bool drain() {
        char buf[65536];
        for (;;) {
            ssize_t n = read(master, buf, sizeof buf);
            if (n > 0) {
                screen.feed(buf, static_cast<size_t>(n));
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno == EAGAIN) return true;
            ended = true;
            return false;
        }
    }
    // Reads until `done()` holds or `ms` have passed; whether it held.
    template <class F>
    bool wait_for(F done, double ms) {
        auto t0 = Clock::now();
        for (;;) {
            if (done()) return true;
            double left = ms - ms_since(t0);
            if (left <= 0 || ended) return false;
            pollfd p = {master, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(std::min(left, 50.0)) + 1) > 0 && !drain()) return done();
        }
    }
};

// One kind of press: its bytes, and when the screen shows its effect,
// given the selected row and its text before it.
struct Key {
    const char* name;
    const char* bytes;
    bool (*answered)(const Screen& s, int row_before, const std::string& text_before);
};

bool list_shown(const Screen& s) {
    return s.selected_row() >= 0 && !s.has_line_starting("/");
}
// Another task selected: the reverse row moved, or holds another task
// (the first word after the state glyph is its ID).
std::string row_id(const Screen& s, int y) {
    std::string l = y >= 0 ? s.line(y) : "";
    size_t a = l.find_first_of("0123456789");
    size_t b = a == std::string::npos ? a : l.find_first_not_of("0123456789", a);
    return a == std::string::npos ? "" : l.substr(a, b - a);
}
bool moved(const Screen& s, int row, const std::string& id) {
    int y = s.selected_row();
    return y >= 0 && (y != row || row_id(s, y) != id);
}
bool details(const Screen& s, int, const std::string&) {
    for (int y = 0; y < 8; y++) {
        std::string l = s.line(y);
        if (l.rfind("Task ", 0) == 0 && l.size() > 5 && isdigit(static_cast<unsigned char>(l[5]))) return true;
    }
    return false;
}
bool back(const Screen& s, int, const std::string&) {
    return list_shown(s) && !details(s, 0, "");
}
bool filter_open(const Screen& s, int, const std::string&) {
    return s.has_line_starting("/") && !s.has_line_starting("/w");
}
bool typed(const Screen& s, int, const std::string&) {
    return s.has_line_starting("/w");
}

const Key kCycle[] = {
    {"j", "j", moved},  {"Enter", "\r", details}, {"Esc", "\033", back},  {"/", "/", filter_open},
    {"w", "w", typed},  {"Esc", "\033", back},    {"k", "k", moved},       {"Enter", "\r", details},
    {"Esc", "\033", back}, {"/", "/", filter_open}, {"w", "w", typed},      {"Esc", "\033", back},
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p / 100 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

void print_figures(const char* label, const std::vector<double>& v, double target) {
    printf("%-40s p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms over %zu presses", label, percentile(v, 50),
           percentile(v, 99), v.empty() ? 0 : *std::max_element(v.begin(), v.end()), v.size());
    if (target > 0) printf(" (target p99 <= %.0f ms)", target);
    printf("\n");
}

void stop_command(pid_t pid, Term& t) {
    int status = 0;
    auto reaped = [&] { return waitpid(pid, &status, WNOHANG) == pid; };
    if (!t.ended) {
        (void)!write(t.master, "q", 1);
        if (!t.wait_for(reaped, 3000)) kill(pid, SIGTERM);
        if (!t.wait_for(reaped, 2000)) kill(pid, SIGKILL);
    }
    if (!reaped()) waitpid(pid, &status, 0);
    close(t.master);
}

// Presses the keys and times each; false when one was not answered.
bool run_presses(const Options& o, Term& t, std::map<std::string, std::vector<double>>& by_key,
                 std::vector<double>& all) {
    std::mt19937 rng(26);
    std::uniform_int_distribution<int> gap(50, 250);
    // A first j selects a row: from here every press has a visible effect.
    (void)!write(t.master, "j", 1);
    if (!t.wait_for([&] { return t.screen.selected_row() >= 0; }, 10000)) {
        fprintf(stderr, "key-latency: no row is selected\n");
        return false;
    }
    for (int i = 0; static_cast<int>(all.size()) < o.presses; i++) {
        const Key& k = kCycle[i % (sizeof kCycle / sizeof kCycle[0])];
        t.wait_for([] { return false; }, gap(rng));
        t.drain();
        int row = t.screen.selected_row();
        std::string id = row_id(t.screen, row);
        auto t0 = Clock::now();
        if (write(t.master, k.bytes, strlen(k.bytes)) < 0) return false;
        if (!t.wait_for([&] { return k.answered(t.screen, row, id); }, 10000)) {
            fprintf(stderr, "key-latency: %s was not answered within 10 s\n", k.name);
            if (o.dump) t.screen.print(stderr);
            return false;
        }
        double ms = ms_since(t0);
        by_key[k.name].push_back(ms);
        all.push_back(ms);
    }
    return true;
}

// Presses j and k until a frame answers one with `text` in the header;
// false when none did by the deadline.
bool answer_while(const Options& o, Term& t, int* presses) {
    auto t0 = Clock::now();
    std::mt19937 rng(26);
    std::uniform_int_distribution<int> gap(20, 120);
    for (int i = 0; ms_since(t0) < o.deadline * 1000; i++) {
        t.wait_for([] { return false; }, gap(rng));
        t.drain();
        int row = t.screen.selected_row();
        std::string id = row_id(t.screen, row);
        if (write(t.master, i % 2 ? "k" : "j", 1) < 0) return false;
        ++*presses;
        if (!t.wait_for([&] { return moved(t.screen, row, id); }, 10000)) {
            fprintf(stderr, "key-latency: %s was not answered within 10 s\n", i % 2 ? "k" : "j");
            return false;
        }
        if (t.screen.line(0).find(o.answer_while) != std::string::npos) return true;
    }
    fprintf(stderr, "key-latency: no key answered with '%s' on screen in %.0f s\n", o.answer_while.c_str(),
            o.deadline);
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse_args(argc, argv);
    Term t{-1, Screen(o.cols, o.rows)};
    pid_t pid = start_command(o, &t.master);
    if (pid < 0) return 1;
    bool ok = t.wait_for([&] { return t.screen.contains(o.ready); }, o.ready_wait * 1000);
    if (!ok) fprintf(stderr, "key-latency: '%s' not on screen after %.0f s\n", o.ready.c_str(), o.ready_wait);
    if (ok) t.wait_for([] { return false; }, o.warmup * 1000);
    std::map<std::string, std::vector<double>> by_key;
    std::vector<double> all;
    int presses = 0;
    if (ok && !o.answer_while.empty()) {
        (void)!write(t.master, "j", 1);  // a row selected
        ok = t.wait_for([&] { return t.screen.selected_row() >= 0; }, 10000) && answer_while(o, t, &presses);
        if (!ok && o.dump) t.screen.print(stderr);
        stop_command(pid, t);
        if (ok) printf("a key was answered with '%s' on screen, after %d presses\n", o.answer_while.c_str(), presses);
        return ok ? 0 : 1;
    }
    if (ok) ok = run_presses(o, t, by_key, all);
    if (!ok && o.dump) t.screen.print(stderr);
    stop_command(pid, t);
    if (!ok) return 1;
    print_figures(o.label.c_str(), all, o.target);
    for (const auto& [name, v] : by_key) print_figures(("  " + name).c_str(), v, 0);
    return 0;
}
