#include "session/session.h"

#include <algorithm>

#include "session/recorder.h"
#include "util/heap.h"
#include "util/log.h"

namespace session {

namespace {

constexpr model::Nanos kSecond = 1'000'000'000;
// Rows settled between looks at the clock: at a million tasks, some 1 ms.
constexpr size_t kSettleRows = 32768;

// What frees memory when it has passed: updates, a connect (the old
// model goes), a disconnect; not the state the server repeats while paused.
bool moves_stream(const Event& ev) {
    return std::holds_alternative<event::Update>(ev) || std::holds_alternative<event::UpdatePart>(ev) ||
           std::holds_alternative<event::Reset>(ev) || std::holds_alternative<event::Disconnected>(ev);
}

}  // namespace

model::Nanos mono_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

bool apply_event(model::Model& m, const Event& ev, model::Nanos now, bool accept_details, std::string* notice,
                 model::Model::Close close) {
    if (auto* u = std::get_if<event::Update>(&ev)) {
        if (!m.apply_encoded(u->bytes, now)) util::log_warn("an update does not parse; applied in part");
        return true;
    }
    if (auto* p = std::get_if<event::UpdatePart>(&ev)) {
        m.apply_part(p->piece.get(), p->first, p->last, now, close);
        return p->last && !m.settling();
    }
    if (auto* d = std::get_if<event::TaskDetails>(&ev)) {
        if (accept_details) m.apply_details(model::TaskDetails::from_proto(*d->msg), now);
    } else if (std::get_if<event::Reset>(&ev)) {
        // A new stream may be a new process: a fresh model rather than its
        // tasks mixed with the old one's.
        m.reset();
    } else if (auto* s = std::get_if<event::State>(&ev)) {
        m.apply_state(s->paused);
    } else if (std::get_if<event::StateUnsupported>(&ev)) {
        m.apply_state_unsupported();
    } else if (auto* p = std::get_if<event::PauseResult>(&ev)) {
        if (!p->error.empty() && notice) *notice = std::string(p->pause ? "pause" : "resume") + " failed: " + p->error;
        m.apply_pause_result(p->pause, p->error.empty());
    } else if (auto* n = std::get_if<event::Notice>(&ev)) {
        if (notice) *notice = n->text;
    }
    return false;
}

Session::Session(const SessionOptions& o, std::unique_ptr<Source> source, std::unique_ptr<Recorder> recorder)
    : model_(o.lints, o.retain_for),
      source_(std::move(source)),
      recorder_(std::move(recorder)),
      updates_disposer_(o.disposer ? o.disposer : std::make_shared<UpdateDisposer>()) {}

Session::Session(const SessionOptions& o, std::unique_ptr<Source> source) : Session(o, std::move(source), nullptr) {}

Session::~Session() = default;

model::Nanos Session::clock() const {
    return source_->clock_ns().value_or(mono_ns());
}

Pumped Session::pump(bool readable, std::optional<Clock::duration> budget) {
    Pumped out;
    const Clock::time_point until = budget ? Clock::now() + *budget : Clock::time_point::max();
    source_->process(readable);
    Event ev;
    pending_ = false;
    while (true) {
        // An update that settles comes before the events after it.
        if (model_.settling()) {
            out.changed = true;
            if (model_.settle(kSettleRows)) whole_update(out);
        } else if (source_->next_event(ev)) {
            apply(ev, out);
        } else {
            break;
        }
        if (budget && Clock::now() >= until) {
            pending_ = out.more = true;
            break;
        }
    }
    if (recorder_ && out.changed) recorder_->after_events(mono_ns());
    return out;
}

void Session::apply(Event& ev, Pumped& out) {
    model::Nanos now = clock();
    const model::Temporality was = model_.temporality();
    if (moves_stream(ev)) {
        stream_moved_ = mono_ns();
        trimmed_ = false;
    }
    if (recorder_) recorder_->record(ev, now);
    // A recording has the details of whichever task was watched then.
    bool accept = false;
    if (auto* d = std::get_if<event::TaskDetails>(&ev))
        accept = playback() ||
                 std::find(details_for_.begin(), details_for_.end(), d->msg->task_id().id()) != details_for_.end();
    std::string notice;
    if (apply_event(model_, ev, now, accept, &notice, model::Model::Close::InSteps)) whole_update(out);
    // The server says its state again and again: only a new one is a
    // change (a frame more a second, else).
    out.changed |= !std::holds_alternative<event::State>(ev) || model_.temporality() != was;
    if (!notice.empty()) out.notices.push_back(std::move(notice));
    if (auto* u = std::get_if<event::Update>(&ev)) update_bytes_ += u->bytes.size();
    if (auto* p = std::get_if<event::UpdatePart>(&ev); p && p->first) update_bytes_ += p->bytes.size();
    if (auto* u = std::get_if<event::Update>(&ev)) updates_disposer_->dispose(std::move(u->owner));
    if (auto* p = std::get_if<event::UpdatePart>(&ev)) updates_disposer_->dispose(std::move(p->owner));
    if (std::holds_alternative<event::Reset>(ev)) {
        out.reset = true;
        // What the old model held goes back now: the new stream may never
        // stop long enough for tick() to do it.
        give_back_memory();
        // The details streams of the old connection are gone with it.
        std::vector<uint64_t> tasks = std::move(details_for_);
        details_for_.clear();
        watch_details(tasks);
    }
}

// Two seconds after the stream last moved (it stopped, or the connection
// dropped), the memory that updates used and freed goes back to the
// system: malloc keeps freed memory for the next update otherwise (what
// the network thread freed as much as this one; see util/heap.h).
void Session::tick() {
    model_.tick(clock());
    if (!trimmed_ && mono_ns() - stream_moved_ >= 2 * kSecond) give_back_memory();
}

void Session::give_back_memory() {
    tokio_console::view::release_kept_parse_memory();
    util::give_back_free_heap();
    trimmed_ = true;
}

void Session::shutdown() {
    source_->shutdown();
    if (recorder_) recorder_->finish();
}

void Session::leave() {
    if (recorder_) recorder_->left(clock());
    shutdown();
}

// Opens, replaces or closes the details stream (task 0: none).
void Session::watch_details(uint64_t task) {
    watch_details(task ? std::vector<uint64_t>{task} : std::vector<uint64_t>{});
}

void Session::watch_details(const std::vector<uint64_t>& tasks) {
    if (tasks == details_for_) return;
    details_for_ = tasks;
    if (!source_->controls().details) return;
    model_.keep_details_of(tasks);
    source_->watch_tasks_details(tasks);
}

std::string Session::toggle_pause() {
    if (!source_->controls().pause)
        return playback() ? "a recording cannot pause the application" : "this source cannot pause";
    bool pause = !model_.paused();
    model_.request_pause(pause);
    source_->pause(pause);
    return "";
}

std::string Session::reconnect() {
    if (!source_->controls().reconnect)
        return playback() ? "a recording cannot reconnect" : "this source cannot reconnect";
    source_->reconnect();
    return "";
}

}  // namespace session
