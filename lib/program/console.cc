#include "program/console.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <clocale>
#include <memory>
#include <optional>

#include "model/model.h"
#include "model/task_groups.h"
#include "program/colors.h"
#include "program/header_status.h"
#include "program/options.h"
#include "program/replay_controls.h"
#include "session/live_source.h"
#include "session/recorder.h"
#include "session/recording_source.h"
#include "session/session.h"
#include "tui/ui.h"
#include "util/heap.h"
#include "util/log.h"
#include "util/report.h"
#include "util/signals.h"

namespace program {

namespace {

using session::Clock;
using session::mono_ns;

constexpr model::Nanos kFrameGap = 33'000'000;   // at most ~30 frames a second
constexpr model::Nanos kSecond = 1'000'000'000;  // and at least one, so durations tick

session::SessionOptions session_options(const config::Settings& s) {
    session::SessionOptions o;
    o.lints = lint_config(s);
    o.retain_for = s.retain_for_ns ? std::optional<model::Nanos>(*s.retain_for_ns) : std::nullopt;
    return o;
}

class Console {
public:
    Console(const config::Settings& s, std::unique_ptr<session::Source> source,
            std::unique_ptr<session::Recorder> recorder)
        : settings_(s), session_(session_options(s), std::move(source), std::move(recorder)), draw_(draw_options(s)),
          ui_(draw_) {
        ui_.filter_tasks(s.filter);  // checked before the terminal was touched
        model::GroupBy by = model::GroupBy::None;
        model::group_by_from_name(s.group_by, by);  // the same names, checked by the config
        ui_.group_tasks(by);
    }

    int run();

private:
    int wait(tui::Terminal& term, model::Nanos due);
    bool terminal_gone(tui::Terminal& term, short revents, bool got_keys);
    void frame(tui::Terminal& term);
    void on_key(const tui::KeyEvent& k);
    void carry_out(const tui::Action& a);
    std::string notice_line();
    void note(std::string why) {
        if (!why.empty()) notice_ = std::move(why);
    }

    const config::Settings& settings_;
    session::Session session_;
    const view::DrawOptions draw_;  // decided once
    tui::Ui ui_;
    std::string notice_;
    int empty_reads_ = 0;  // readable terminal rounds without a key
    bool quit_ = false;
};

int Console::run() {
    tui::TerminalOptions topts;
    topts.ascii = draw_.ascii;
    topts.colors = decide_colors(settings_);
    tui::Terminal term(topts);
    model::Nanos last_frame = 0, last_tick = 0;
    bool dirty = true;
    while (!quit_ && !util::quit_signal()) {
        model::Nanos now = mono_ns();
        model::Nanos due = last_frame + (dirty ? kFrameGap : kSecond);
        // Part way through an update the model is not drawn: its last
        // part comes within a frame or two.
        if (session_.model().updating()) due = std::max(due, now + kFrameGap);
        if (now >= due) {
            // Lints that depend on the clock are checked once a second,
            // not on every frame: that is a pass over every task.
            if (now - last_tick >= kSecond) {
                session_.tick();
                last_tick = now;
            }
            frame(term);
            last_frame = now;
            dirty = false;
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
int Console::wait(tui::Terminal& term, model::Nanos due) {
    model::Nanos until = due - mono_ns();
    if (auto d = session_.deadline()) {
        auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(*d - Clock::now()).count();
        until = std::min<model::Nanos>(until, left);
    }
    if (until < 0) until = 0;
    timespec ts{static_cast<time_t>(until / kSecond), static_cast<long>(until % kSecond)};
    pollfd fds[2] = {{term.input_fd(), POLLIN, 0}, {session_.fd(), POLLIN, 0}};
    nfds_t n = fds[1].fd >= 0 ? 2 : 1;
    int r = ppoll(fds, n, &ts, &util::wait_mask());
    if (r < 0 && errno != EINTR) return -1;
    bool changed = false;
    tui::KeyEvent k;
    while (!quit_ && term.read_key(k)) {
        on_key(k);
        changed = true;
    }
    if (r > 0 && terminal_gone(term, fds[0].revents, changed)) {
        util::log_info("the terminal has gone; quitting");
        return -1;
    }
    session::Pumped p = session_.pump(n == 2 && r > 0 && fds[1].revents);
    if (p.reset) notice_.clear();
    if (!p.notices.empty()) notice_ = p.notices.back();
    return changed || p.changed ? 1 : 0;
}

// A hung-up terminal: POLLHUP, or readable again and again with nothing
// to read (end of file), which would otherwise spin.
bool Console::terminal_gone(tui::Terminal& term, short revents, bool got_keys) {
    if (revents & (POLLHUP | POLLERR | POLLNVAL)) return true;
    if (!(revents & POLLIN) || got_keys) {
        empty_reads_ = 0;
        return false;
    }
    int waiting = 0;
    if (ioctl(term.input_fd(), FIONREAD, &waiting) < 0 || waiting > 0) return false;
    return ++empty_reads_ >= 3;
}

void Console::frame(tui::Terminal& term) {
    view::Canvas c(term.width(), term.height(), draw_.ascii);
    tui::HeaderInfo h = header_info(session_.status(), Clock::now());
    h.insecure = settings_.tls_insecure;
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

void Console::on_key(const tui::KeyEvent& k) {
    session_.model().acknowledge_dropped();  // the user has had the chance to see them
    carry_out(ui_.on_key(k, session_.model(), session_.now()));
}

void Console::carry_out(const tui::Action& a) {
    if (session::Playback* replay = session_.playback(); replay && play(*replay, a)) {
        notice_.clear();
        return;
    }
    switch (a.kind) {
    case tui::Action::None: break;
    case tui::Action::Quit: quit_ = true; break;
    case tui::Action::TogglePause: note(session_.toggle_pause()); break;
    case tui::Action::Reconnect: note(session_.reconnect()); break;
    case tui::Action::OpenDetails: session_.watch_details(a.task); break;
    case tui::Action::CloseDetails: session_.watch_details(0); break;
    default: break;  // playback, without a recording
    }
}

}  // namespace

// Checks the terminal and sets up the process; false (with the status in
// `status`) when the console cannot run.
static bool prepare(int& status) {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        util::report_error("standard input and output must be a terminal");
        status = 1;
        return false;
    }
    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN);  // a broken connection is a write error, not a death
    // The threads seldom allocate at the same moment: sharing the one
    // arena costs them nothing measurable.
    util::use_one_heap_arena();
    return true;
}

static int run(const config::Settings& settings, std::unique_ptr<session::Source> source,
               std::unique_ptr<session::Recorder> recorder) {
    try {
        Console console(settings, std::move(source), std::move(recorder));
        return console.run();
    } catch (const std::exception& e) {
        // The Terminal has been destroyed by now, so the screen is back.
        util::report_error(e.what());
        util::log_error("fatal: %s", e.what());
        return 1;
    }
}

int run_console(const config::Settings& settings) {
    wire::Target target;
    std::string error;
    if (!wire::parse_target(settings.target, target, error)) {
        util::report_error(error);
        return 2;
    }
    int status = 0;
    if (!prepare(status)) return status;
    std::unique_ptr<session::Recorder> recorder;
    if (!settings.record.empty()) {
        session::RecorderOptions ro;
        ro.retain_for = settings.retain_for_ns ? std::optional<model::Nanos>(*settings.retain_for_ns) : std::nullopt;
        recorder = session::Recorder::start(settings.record, target.text, mono_ns(), error, ro);
        if (!recorder) {
            util::report_error(error);
            return 1;
        }
        util::log_info("recording to '%s'", settings.record.c_str());
    }
    return run(settings, std::make_unique<session::LiveSource>(target, client_options(settings)), std::move(recorder));
}

int run_replay(const config::Settings& settings, const std::string& path) {
    std::string error;
    auto source = session::RecordingSource::open(path, error);
    if (!source) {
        util::report_error(error);
        return 1;
    }
    int status = 0;
    if (!prepare(status)) return status;
    if (settings.start_ns) source->seek(settings.start_ns);
    source->play(true);
    return run(settings, std::move(source), nullptr);
}

}  // namespace program
