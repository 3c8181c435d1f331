#include "tui/console.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <algorithm>
#include <clocale>
#include <memory>
#include <optional>

#include "model/model.h"
#include "session/recorder.h"
#include "session/session.h"
#include "tui/fleet_status.h"
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
constexpr model::Nanos kSecond = 1'000'000'000;
// And at least one this often, so that durations tick: a little over a
// second, so that a stream's update each second is drawn in its own frame
// and not just after a frame of the clock's (two frames a second).
constexpr model::Nanos kClockGap = 1'100'000'000;
// The longest the loop applies events before it looks at the terminal.
constexpr auto kSlice = std::chrono::milliseconds(8);

class Console {
public:
    Console(const ConsoleOptions& o, session::Fleet& fleet) : options_(o), fleet_(fleet), ui_(o.draw) {
        ui_.filter_tasks(o.filter);  // checked before the terminal was touched
        ui_.group_tasks(o.group_by, o.group_by_app);
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
    // The target whose lists are shown (the first, when it left).
    session::Member& shown() {
        session::Member* m = fleet_.by_slot(shown_);
        return m ? *m : fleet_[0];
    }
    session::Session& session() { return *shown().session; }
    // The session of a slot an action names (-1: the shown one).
    session::Session& session_of(int64_t slot) {
        session::Member* m = slot >= 0 ? fleet_.by_slot(static_cast<uint32_t>(slot)) : nullptr;
        return m ? *m->session : session();
    }
    // The applications for the screen: the shown one first (the header's).
    Apps apps() {
        Apps out;
        out.push_back({shown().slot, shown().name, &session().model(), session().now()});
        for (size_t i = 0; i < fleet_.size(); i++)
            if (fleet_[i].slot != shown().slot)
                out.push_back({fleet_[i].slot, fleet_[i].name, &fleet_[i].session->model(), fleet_[i].session->now()});
        return out;
    }
    // Task details come from one target at a time: this one's.
    void watch_details(uint32_t slot, uint64_t task) {
        if (session::Member* was = fleet_.by_slot(details_slot_)) was->session->watch_details(0);
        details_slot_ = slot;
        if (task) session_of(slot).watch_details(task);
    }
    void reload_targets();
    void show_targets() {
        if (fleet_.size() > 1)
            ui_.set_targets(target_rows(fleet_, Clock::now()));
        else
            ui_.set_targets({});
    }

    const ConsoleOptions& options_;
    session::Fleet& fleet_;
    uint32_t shown_ = 0;
    uint32_t details_slot_ = 0;  // whose task details are watched
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
        // A key is answered at once; what the targets send is drawn at
        // most ~30 times a second.
        model::Nanos due = keyed_ ? now : last_frame + (dirty ? kFrameGap : kClockGap);
        // Part way through an update the model is drawn only to answer a
        // key: the rest of the update comes within a frame or two.
        if (session().model().updating() && !keyed_) due = std::max(due, now + kFrameGap);
        if (now >= due) {
            // Lints that depend on the clock are checked once a second,
            // not on every frame: that is a pass over every task.
            if (now - last_tick >= kSecond) {
                fleet_.tick();
                last_tick = now;
            }
            frame(term);
            last_frame = now;
            dirty = keyed_ = false;
            due = now + kClockGap;
        }
        int r = wait(term, due);
        if (r < 0) break;
        dirty |= r > 0;
    }
    fleet_.shutdown();
    term.restore();
    if (util::quit_signal()) util::log_info("quitting on signal %d", util::quit_signal());
    return 0;
}

// One ppoll, signals let in; then the keys and the source's events.
// Returns -1 to stop, else whether anything changed.
int Console::wait(Terminal& term, model::Nanos due) {
    model::Nanos until = due - mono_ns();
    if (auto d = fleet_.deadline()) {
        auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(*d - Clock::now()).count();
        until = std::min<model::Nanos>(until, left);
    }
    // Events left over from a slice: only a look at the terminal first.
    if (until < 0 || fleet_.pending()) until = 0;
    timespec ts{static_cast<time_t>(until / kSecond), static_cast<long>(until % kSecond)};
    std::vector<pollfd> fds = {{term.input_fd(), POLLIN, 0}};
    fleet_.add_pollfds(fds);
    int r = ppoll(fds.data(), fds.size(), &ts, &util::wait_mask());
    if (r < 0 && errno != EINTR) return -1;
    if (options_.reload_targets && util::take_reload()) reload_targets();
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
    // A key is drawn before the next slice of events.
    if (changed) return 1;
    session::FleetPumped p = fleet_.pump(r > 0 ? fds.data() + 1 : nullptr, kSlice);
    for (size_t i = 0; i < p.members.size(); i++) {
        const session::Pumped& mp = p.members[i];
        bool mine = fleet_[i].slot == shown().slot;
        if (mine && mp.reset) notice_.clear();
        if (mp.notices.empty()) continue;
        notice_ = fleet_.size() > 1 ? fleet_[i].name + ": " + mp.notices.back() : mp.notices.back();
    }
    return changed || p.changed ? 1 : 0;
}

// SIGHUP: the targets file again.  A bad one is a notice, and the old
// list stays; otherwise targets join and leave, the others go on.
void Console::reload_targets() {
    std::vector<std::pair<std::string, std::string>> list;
    std::string error;
    if (!options_.reload_targets(list, error)) {
        notice_ = "targets not read again, the old list stays: " + error;
        util::log_warn("%s", notice_.c_str());
        return;
    }
    std::vector<std::string> said = fleet_.set_targets(list);
    std::string text;
    for (const std::string& s : said) text += (text.empty() ? "" : ", ") + s;
    notice_ = "targets read again" + (text.empty() ? std::string(": no change") : ": " + text);
    util::log_info("%s", notice_.c_str());
    if (!fleet_.by_slot(shown_) && !fleet_.empty()) shown_ = fleet_[0].slot;
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
    if (fleet_.empty()) return;  // a targets file emptied: nothing to show until it is read again
    HeaderInfo h = header_info(session().status(), Clock::now());
    h.insecure = options_.insecure;
    h.notice = notice_line();
    if (const session::Playback* replay = session().playback()) {
        h.timeline = replay_timeline(*replay);
        h.state = "RECORDED: " + h.state;
    }
    if (fleet_.size() > 1) {
        std::vector<TargetRow> rows = target_rows(fleet_, Clock::now());
        h.target = shown().name + " " + h.target;
        h.fleet = fleet_line(rows, c.width() - static_cast<int>(HeaderInfo::kFleetLabel.size()), options_.draw.ascii);
        h.fleet_ok = std::all_of(rows.begin(), rows.end(), [](const TargetRow& t) { return t.connected; });
        ui_.set_targets(std::move(rows));
    } else {
        ui_.set_targets({});
    }
    ui_.draw(c, h, apps());
    term.draw(c);
}

// The notice, else what the recorder or the replay has to say.
std::string Console::notice_line() {
    if (!notice_.empty()) return notice_;
    if (session::Recorder* r = session().recorder()) return r->stopped();
    if (session().playback()) {
        uint64_t task = ui_.details_task();
        return replay_details_note(task, task && session().model().task_details(task));
    }
    return "";
}

void Console::on_key(const KeyEvent& k) {
    if (fleet_.empty()) return;
    session().model().acknowledge_dropped();  // the user has had the chance to see them
    show_targets();
    carry_out(ui_.on_key(k, apps()));
}

void Console::carry_out(const Action& a) {
    if (session::Playback* replay = session().playback(); replay && play(*replay, a)) {
        notice_.clear();
        return;
    }
    switch (a.kind) {
    case Action::None: break;
    case Action::Quit: quit_ = true; break;
    case Action::TogglePause: note(session_of(a.target).toggle_pause()); break;
    case Action::Reconnect: note(session_of(a.target).reconnect()); break;
    case Action::OpenDetails:
        watch_details(a.target >= 0 ? static_cast<uint32_t>(a.target) : shown().slot, a.task);
        break;
    case Action::CloseDetails: watch_details(details_slot_, 0); break;
    case Action::ShowTarget:
        if (fleet_.by_slot(static_cast<uint32_t>(a.target))) {
            watch_details(details_slot_, 0);
            shown_ = static_cast<uint32_t>(a.target);
            notice_.clear();
        }
        break;
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
    util::tune_heap();
    return true;
}

int run_console(const ConsoleOptions& o, session::Fleet& fleet) {
    try {
        Console console(o, fleet);
        return console.run();
    } catch (const std::exception& e) {
        // The Terminal has been destroyed by now, so the screen is back.
        util::report_error(e.what());
        util::log_error("fatal: %s", e.what());
        return 1;
    }
}

}  // namespace tui
