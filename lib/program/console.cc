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
#include "program/disposer.h"
#include "program/header_status.h"
#include "program/live_source.h"
#include "program/options.h"
#include "program/recorder.h"
#include "program/recording_source.h"
#include "program/replay_controls.h"
#include "program/signals.h"
#include "tui/ui.h"
#include "util/heap.h"
#include "util/log.h"
#include "util/report.h"

namespace program {

namespace {

model::Nanos mono_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

constexpr model::Nanos kFrameGap = 33'000'000;   // at most ~30 frames a second
constexpr model::Nanos kSecond = 1'000'000'000;  // and at least one, so durations tick

class Console {
public:
    // `replay` is the source itself when it is a recording.
    Console(const config::Settings& s, std::unique_ptr<Source> source, RecordingSource* replay,
            std::unique_ptr<Recorder> recorder)
        : settings_(s),
          model_(lint_config(s), s.retain_for_ns ? std::optional<model::Nanos>(*s.retain_for_ns) : std::nullopt),
          source_(std::move(source)), replay_(replay), recorder_(std::move(recorder)), draw_(draw_options(s)),
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
    void frame(tui::Terminal& term, model::Nanos local);
    void on_key(const tui::KeyEvent& k);
    void carry_out(const tui::Action& a);
    void toggle_pause();
    void watch_details(uint64_t task);
    void on_event(Event& ev);
    void trim_when_quiet(model::Nanos now);
    void give_back_memory();
    // The clock the model runs on: the source's own, else the monotonic one.
    model::Nanos clock() const { return source_->clock_ns().value_or(mono_ns()); }
    std::string notice_line();

    const config::Settings& settings_;
    model::Model model_;
    std::unique_ptr<Source> source_;
    RecordingSource* replay_;
    std::unique_ptr<Recorder> recorder_;
    const tui::DrawOptions draw_;  // decided once
    tui::Ui ui_;
    Disposer<std::shared_ptr<const void>> updates_disposer_;
    std::string notice_;
    uint64_t details_for_ = 0;       // the task whose details are asked for
    int empty_reads_ = 0;            // readable terminal rounds without a key
    model::Nanos stream_moved_ = 0;  // the last update, connect or disconnect
    bool trimmed_ = true;            // memory given back since then
    bool quit_ = false;
};

int Console::run() {
    tui::TerminalOptions topts;
    topts.ascii = draw_.ascii;
    topts.colors = decide_colors(settings_);
    tui::Terminal term(topts);
    model::Nanos last_frame = 0, last_tick = 0;
    bool dirty = true;
    while (!quit_ && !quit_signal()) {
        model::Nanos now = mono_ns();
        model::Nanos due = last_frame + (dirty ? kFrameGap : kSecond);
        // Part way through an update the model is not drawn: its last
        // part comes within a frame or two.
        if (model_.updating()) due = std::max(due, now + kFrameGap);
        if (now >= due) {
            // Lints that depend on the clock are checked once a second,
            // not on every frame: that is a pass over every task.
            if (now - last_tick >= kSecond) {
                model_.tick(clock());
                trim_when_quiet(now);
                last_tick = now;
            }
            frame(term, clock());
            last_frame = now;
            dirty = false;
            due = now + kSecond;
        }
        int r = wait(term, due);
        if (r < 0) break;
        dirty |= r > 0;
    }
    source_->shutdown();
    if (recorder_) recorder_->finish();
    term.restore();
    if (quit_signal()) util::log_info("quitting on signal %d", quit_signal());
    return 0;
}

// One ppoll, signals let in; then the keys and the source's events.
// Returns -1 to stop, else whether anything changed.
int Console::wait(tui::Terminal& term, model::Nanos due) {
    model::Nanos until = due - mono_ns();
    if (auto d = source_->deadline()) {
        auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(*d - Clock::now()).count();
        until = std::min<model::Nanos>(until, left);
    }
    if (until < 0) until = 0;
    timespec ts{static_cast<time_t>(until / kSecond), static_cast<long>(until % kSecond)};
    pollfd fds[2] = {{term.input_fd(), POLLIN, 0}, {source_->fd(), POLLIN, 0}};
    nfds_t n = fds[1].fd >= 0 ? 2 : 1;
    int r = ppoll(fds, n, &ts, &wait_mask());
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
    source_->process(n == 2 && r > 0 && fds[1].revents);
    Event ev;
    while (source_->next_event(ev)) {
        on_event(ev);
        changed = true;
    }
    if (recorder_ && changed) recorder_->after_events(mono_ns());
    return changed ? 1 : 0;
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

void Console::frame(tui::Terminal& term, model::Nanos local) {
    tui::Canvas c(term.width(), term.height(), draw_.ascii);
    tui::HeaderInfo h = header_info(source_->status(), Clock::now());
    h.insecure = settings_.tls_insecure;
    h.notice = notice_line();
    if (replay_) {
        h.timeline = replay_timeline(*replay_);
        h.state = "RECORDED: " + h.state;
    }
    ui_.draw(c, h, model_, model_.now(local));
    term.draw(c);
}

// The notice, else what the recorder or the replay has to say.
std::string Console::notice_line() {
    if (!notice_.empty()) return notice_;
    if (recorder_) return recorder_->stopped();
    if (replay_) {
        uint64_t task = ui_.details_task();
        return replay_details_note(task, task && model_.task_details(task));
    }
    return "";
}

void Console::on_key(const tui::KeyEvent& k) {
    model_.acknowledge_dropped();  // the user has had the chance to see them
    carry_out(ui_.on_key(k, model_, model_.now(clock())));
}

void Console::carry_out(const tui::Action& a) {
    if (replay_ && play(*replay_, a)) {
        notice_.clear();
        return;
    }
    switch (a.kind) {
    case tui::Action::None: break;
    case tui::Action::Quit: quit_ = true; break;
    case tui::Action::TogglePause: toggle_pause(); break;
    case tui::Action::Reconnect:
        if (source_->controls().reconnect)
            source_->reconnect();
        else
            notice_ = replay_ ? "a recording cannot reconnect" : "this source cannot reconnect";
        break;
    case tui::Action::OpenDetails: watch_details(a.task); break;
    case tui::Action::CloseDetails: watch_details(0); break;
    default: break;  // playback, without a recording
    }
}

void Console::toggle_pause() {
    if (!source_->controls().pause) {
        notice_ = replay_ ? "a recording cannot pause the application" : "this source cannot pause";
        return;
    }
    bool pause = !model_.paused();
    model_.request_pause(pause);
    source_->pause(pause);
}

// Opens, replaces or closes the details stream (task 0: none).
void Console::watch_details(uint64_t task) {
    if (task == details_for_) return;
    details_for_ = task;
    if (!source_->controls().details) return;
    if (task)
        source_->watch_task_details(task);
    else
        source_->stop_task_details();
}

// Two seconds after the stream last moved (it stopped, or the connection
// dropped), the memory that updates used and freed goes back to the
// system: malloc keeps freed memory for the next update otherwise (what
// the network thread freed as much as this one; see util/heap.h).
void Console::trim_when_quiet(model::Nanos now) {
    if (trimmed_ || now - stream_moved_ < 2 * kSecond) return;
    give_back_memory();
}

void Console::give_back_memory() {
    tokio_console::view::ParsedPiece::release_kept_blocks();
    util::give_back_free_heap();
    trimmed_ = true;
}

void Console::on_event(Event& ev) {
    model::Nanos now = clock();
    // What frees memory: updates, a connect (the old model goes), a
    // disconnect; not the state the server repeats while paused.
    if (std::holds_alternative<event::Update>(ev) || std::holds_alternative<event::UpdatePart>(ev) ||
        std::holds_alternative<event::Reset>(ev) || std::holds_alternative<event::Disconnected>(ev)) {
        stream_moved_ = mono_ns();
        trimmed_ = false;
    }
    if (recorder_) recorder_->record(ev, now);
    if (auto* u = std::get_if<event::Update>(&ev)) {
        model_.apply_encoded(u->bytes, now);
        updates_disposer_.dispose(std::move(u->owner));
    } else if (auto* p = std::get_if<event::UpdatePart>(&ev)) {
        model_.apply_part(p->piece.get(), p->first, p->last, now);
        updates_disposer_.dispose(std::move(p->owner));
    } else if (auto* d = std::get_if<event::TaskDetails>(&ev)) {
        // A recording has the details of whichever task was watched then.
        if (replay_ || (details_for_ && d->msg->task_id().id() == details_for_))
            model_.apply_details(model::TaskDetails::from_proto(*d->msg), now);
    } else if (std::get_if<event::Reset>(&ev)) {
        // A new connection may be a new process: a fresh model rather
        // than its tasks mixed with the old one's.
        model_.reset();
        notice_.clear();
        // What the old model held goes back now: the new stream may never
        // stop long enough for trim_when_quiet().
        give_back_memory();
        // The details stream of the old connection is gone with it.
        uint64_t task = details_for_;
        details_for_ = 0;
        watch_details(task);
    } else if (auto* s = std::get_if<event::State>(&ev)) {
        model_.apply_state(s->paused);
    } else if (std::get_if<event::StateUnsupported>(&ev)) {
        model_.apply_state_unsupported();
    } else if (auto* p = std::get_if<event::PauseResult>(&ev)) {
        if (!p->error.empty()) notice_ = std::string(p->pause ? "pause" : "resume") + " failed: " + p->error;
        model_.apply_pause_result(p->pause, p->error.empty());
    } else if (auto* n = std::get_if<event::Notice>(&ev)) {
        notice_ = n->text;
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

static int run(const config::Settings& settings, std::unique_ptr<Source> source, RecordingSource* replay,
               std::unique_ptr<Recorder> recorder) {
    try {
        Console console(settings, std::move(source), replay, std::move(recorder));
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
    std::unique_ptr<Recorder> recorder;
    if (!settings.record.empty()) {
        RecorderOptions ro;
        ro.retain_for = settings.retain_for_ns ? std::optional<model::Nanos>(*settings.retain_for_ns) : std::nullopt;
        recorder = Recorder::start(settings.record, target.text, mono_ns(), error, ro);
        if (!recorder) {
            util::report_error(error);
            return 1;
        }
        util::log_info("recording to '%s'", settings.record.c_str());
    }
    return run(settings, std::make_unique<LiveSource>(target, client_options(settings)), nullptr, std::move(recorder));
}

int run_replay(const config::Settings& settings, const std::string& path) {
    std::string error;
    auto source = RecordingSource::open(path, error);
    if (!source) {
        util::report_error(error);
        return 1;
    }
    int status = 0;
    if (!prepare(status)) return status;
    RecordingSource* replay = source.get();
    if (settings.start_ns) replay->seek(settings.start_ns);
    replay->play(true);
    return run(settings, std::move(source), replay, nullptr);
}

}  // namespace program
