#include "tui/console.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <clocale>
#include <memory>
#include <optional>

#include "model/model.h"
#include "session/recorder.h"
#include "session/session.h"
#include "tui/header_status.h"
#include "tui/replay_controls.h"
#include "tui/ui.h"
#include "util/heap.h"
#include "util/log.h"
#include "util/report.h"
#include "util/signals.h"

namespace tui {

namespace {

using session::Clock;
using session::mono_ns;

constexpr model::Nanos kFrameGap = 33'000'000;   // at most ~30 frames a second
constexpr model::Nanos kSecond = 1'000'000'000;  // and at least one, so durations tick
// The longest the loop applies events before it looks at the terminal.
constexpr auto kSlice = std::chrono::milliseconds(8);

class Console {
public:
    Console(const ConsoleOptions& o, session::Session& session) : options_(o), session_(session), ui_(o.draw) {
        ui_.filter_tasks(o.filter);  // checked before the terminal was touched
        ui_.group_tasks(o.group_by);
    }

    int run();

private:
    int wait(Terminal& term, model::Nanos due);
    bool terminal_gone(Terminal& term, short revents, bool got_keys);
    void frame(Terminal& term);
    void on_key(const KeyEvent& k);
    void carry_out(const Action& a);
    std::string notice_line();
    void note(std::string why) {
        if (!why.empty()) notice_ = std::move(why);
    }

    const ConsoleOptions& options_;
    session::Session& session_;
    Ui ui_;
    std::string notice_;
    int empty_reads_ = 0;  // readable terminal rounds without a key
    bool keyed_ = false;   // a key came since the last frame
    bool quit_ = false;
};

int Console::run() {
    TerminalOptions topts;
    topts.ascii = options_.draw.ascii;
    topts.colors = options_.colors;
    Terminal term(topts);
    model::Nanos last_frame = 0, last_tick = 0;
    bool dirty = true;
    while (!quit_ && !util::quit_signal()) {
        model::Nanos now = mono_ns();
        model::Nanos due = last_frame + (dirty ? kFrameGap : kSecond);
        // Part way through an update the model is drawn only to answer a
        // key: the rest of the update comes within a frame or two.
        if (session_.model().updating() && !keyed_) due = std::max(due, now + kFrameGap);
        if (now >= due) {
            // Lints that depend on the clock are checked once a second,
            // not on every frame: that is a pass over every task.
            if (now - last_tick >= kSecond) {
                session_.tick();
                last_tick = now;
            }
            frame(term);
            last_frame = now;
            dirty = keyed_ = false;
            due = now + kSecond;
        }
        int r = wait(term, due);
        if (r < 0) break;
        dirty |= r > 0;
    }
    session_.shutdown();
    term.restore();
    if (util::quit_signal()) util::log_info("quitting on signal %d", util::quit_signal());
    return 0;
}

// One ppoll, signals let in; then the keys and the source's events.
// Returns -1 to stop, else whether anything changed.
int Console::wait(Terminal& term, model::Nanos due) {
    model::Nanos until = due - mono_ns();
    if (auto d = session_.deadline()) {
        auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(*d - Clock::now()).count();
        until = std::min<model::Nanos>(until, left);
    }
    // Events left over from a slice: only a look at the terminal first.
    if (until < 0 || session_.pending()) until = 0;
    timespec ts{static_cast<time_t>(until / kSecond), static_cast<long>(until % kSecond)};
    pollfd fds[2] = {{term.input_fd(), POLLIN, 0}, {session_.fd(), POLLIN, 0}};
    nfds_t n = fds[1].fd >= 0 ? 2 : 1;
    int r = ppoll(fds, n, &ts, &util::wait_mask());
    if (r < 0 && errno != EINTR) return -1;
    bool changed = false;
    KeyEvent k;
    while (!quit_ && term.read_key(k)) {
        on_key(k);
        changed = keyed_ = true;
    }
    if (r > 0 && terminal_gone(term, fds[0].revents, changed)) {
        util::log_info("the terminal has gone; quitting");
        return -1;
    }
    // A key part way through an update is drawn before the next slice.
    if (changed && session_.pending()) return 1;
    session::Pumped p = session_.pump(n == 2 && r > 0 && fds[1].revents, kSlice);
    if (p.reset) notice_.clear();
    if (!p.notices.empty()) notice_ = p.notices.back();
    return changed || p.changed ? 1 : 0;
}

// A hung-up terminal: POLLHUP, or readable again and again with nothing
// to read (end of file), which would otherwise spin.
bool Console::terminal_gone(Terminal& term, short revents, bool got_keys) {
    if (revents & (POLLHUP | POLLERR | POLLNVAL)) return true;
    if (!(revents & POLLIN) || got_keys) {
        empty_reads_ = 0;
        return false;
    }
    int waiting = 0;
    if (ioctl(term.input_fd(), FIONREAD, &waiting) < 0 || waiting > 0) return false;
    return ++empty_reads_ >= 3;
}

void Console::frame(Terminal& term) {
    view::Canvas c(term.width(), term.height(), options_.draw.ascii);
    HeaderInfo h = header_info(session_.status(), Clock::now());
    h.insecure = options_.insecure;
    h.notice = notice_line();
    if (const session::Playback* replay = session_.playback()) {
        h.timeline = replay_timeline(*replay);
        h.state = "RECORDED: " + h.state;
    }
    ui_.draw(c, h, session_.model(), session_.now());
    term.draw(c);
}

// The notice, else what the recorder or the replay has to say.
std::string Console::notice_line() {
    if (!notice_.empty()) return notice_;
    if (session::Recorder* r = session_.recorder()) return r->stopped();
    if (session_.playback()) {
        uint64_t task = ui_.details_task();
        return replay_details_note(task, task && session_.model().task_details(task));
    }
    return "";
}

void Console::on_key(const KeyEvent& k) {
    session_.model().acknowledge_dropped();  // the user has had the chance to see them
    carry_out(ui_.on_key(k, session_.model(), session_.now()));
}

void Console::carry_out(const Action& a) {
    if (session::Playback* replay = session_.playback(); replay && play(*replay, a)) {
        notice_.clear();
        return;
    }
    switch (a.kind) {
    case Action::None: break;
    case Action::Quit: quit_ = true; break;
    case Action::TogglePause: note(session_.toggle_pause()); break;
    case Action::Reconnect: note(session_.reconnect()); break;
    case Action::OpenDetails: session_.watch_details(a.task); break;
    case Action::CloseDetails: session_.watch_details(0); break;
    default: break;  // playback, without a recording
    }
}

}  // namespace

bool prepare_terminal() {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        util::report_error("standard input and output must be a terminal");
        return false;
    }
    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN);  // a broken connection is a write error, not a death
    // The threads seldom allocate at the same moment: sharing the one
    // arena costs them nothing measurable.
    util::use_one_heap_arena();
    return true;
}

int run_console(const ConsoleOptions& o, session::Session& session) {
    try {
        Console console(o, session);
        return console.run();
    } catch (const std::exception& e) {
        // The Terminal has been destroyed by now, so the screen is back.
        util::report_error(e.what());
        util::log_error("fatal: %s", e.what());
        return 1;
    }
}

}  // namespace tui
