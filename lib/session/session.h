// One application watched: the headless core that every front end drives.
// A Session owns a source (a live connection or a recording), the model
// its events build, and, while recording, the recorder.  Every event goes
// to the model through apply(), the one path from the wire or a file to
// the model; the TUI, `dump`, the exporter, the recorder's own model,
// the tests and the benches all use it.
//
// The loop that drives a session polls fd(), wakes for deadline(), then
// calls pump(); once a second it calls tick().  A session never blocks.
//
//   session::Session s(opts, std::move(source));
//   for (;;) {
//       pollfd p{s.fd(), POLLIN, 0};
//       int r = ppoll(&p, p.fd >= 0, &timeout_until(s.deadline()), nullptr);
//       s.pump(r > 0 && p.revents);
//       if (second_passed) s.tick();
//       draw(s.model(), s.now());
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "session/disposer.h"
#include "session/source.h"

namespace session {

class Recorder;

// Frees the updates sessions are done with (session/disposer.h).
using UpdateDisposer = Disposer<std::shared_ptr<const void>>;

struct SessionOptions {
    model::LintConfig lints;
    std::optional<model::Nanos> retain_for = 6'000'000'000;
    // Shared by the sessions given it, one thread for a whole fleet;
    // none: a session starts its own.
    std::shared_ptr<UpdateDisposer> disposer;
};

// What one pump() did.
struct Pumped {
    bool changed = false;              // an event came that changed something
    bool more = false;                 // it stopped at its budget: events may be waiting
    bool reset = false;                // a new stream began: the model is a fresh one
    int whole_updates = 0;             // Updates applied to their end
    std::vector<std::string> notices;  // what failed while the stream went on
};

// Applies `ev`, which came at `now` on the source's clock, to `m`; the one
// place an event becomes a model change.  `accept_details` says whether a
// TaskDetails is for a task the caller watches.  Returns whether `ev`
// ended an Update (an encoded one, or an update's last part); a Notice's
// or failed pause's words go to `notice`.  `close`: how an update's last
// part closes it (model::Model::apply_part); one left settling has not
// ended yet.
bool apply_event(model::Model& m, const Event& ev, model::Nanos now, bool accept_details,
                 std::string* notice = nullptr, model::Model::Close close = model::Model::Close::Now);

class Session {
public:
    Session(const SessionOptions& o, std::unique_ptr<Source> source);
    Session(const SessionOptions& o, std::unique_ptr<Source> source, std::unique_ptr<Recorder> recorder);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // --- the loop ---
    int fd() const { return source_->fd(); }
    std::optional<Clock::time_point> deadline() const { return source_->deadline(); }
    // After the wait: lets the source work, then applies its events, all
    // of them, or those that fit in `budget` (checked between events; an
    // update's parts are a few thousand tasks each, and the rows an update
    // named are settled as many at a time).  A loop that gives a
    // budget keeps its terminal answered part way through a large update:
    // while pending(), it looks at its other fds without waiting and pumps
    // again with pump(false, budget).
    Pumped pump(bool readable, std::optional<Clock::duration> budget = std::nullopt);
    // The last pump() stopped at its budget with events perhaps waiting.
    bool pending() const { return pending_; }
    // Once a second: the lints that depend on the clock, and memory given
    // back when the stream has been quiet for two seconds.
    void tick();
    // Says goodbye to the source and closes the recording.
    void shutdown();
    // The target left the list (a targets file changed): a recording of
    // several says so, so that its replay shows the application gone from
    // then on; then shutdown().
    void leave();

    // --- what it knows ---
    const model::Model& model() const { return model_; }
    model::Model& model() { return model_; }
    // Changes whenever the model does: what front ends cache against.
    uint64_t generation() const { return model_.generation(); }
    // The clock the model runs on: the source's own, else the monotonic one.
    model::Nanos clock() const;
    // The model's own now (the server's time of the last update, moved on).
    model::Nanos now() const { return model_.now(clock()); }
    const SourceStatus& status() const { return source_->status(); }
    Source& source() { return *source_; }
    const Source& source() const { return *source_; }
    Playback* playback() { return source_->playback(); }
    const Playback* playback() const { return source_->playback(); }
    Recorder* recorder() { return recorder_.get(); }
    // Updates applied whole since the start.
    uint64_t updates() const { return updates_; }
    // Bytes of the updates that came since the start (their encoded size).
    uint64_t update_bytes() const { return update_bytes_; }

    // --- what a user asks of it ---
    // Opens, replaces or closes (0) the details stream of a task.
    void watch_details(uint64_t task);
    // The details of several tasks at once, one stream each (the
    // exporter's --watch-details); the model keeps the details of these
    // tasks only.
    void watch_details(const std::vector<uint64_t>& tasks);
    const std::vector<uint64_t>& watched_tasks() const { return details_for_; }
    // Asks the application to pause or resume; "" when asked, else why not.
    std::string toggle_pause();
    // Reconnects now; "" when done, else why not.
    std::string reconnect();
    // Hands all memory the model and the updates freed back to the system.
    void give_back_memory();

private:
    void apply(Event& ev, Pumped& out);
    void whole_update(Pumped& out) {
        updates_++;
        out.whole_updates++;
    }

    model::Model model_;
    std::unique_ptr<Source> source_;
    std::unique_ptr<Recorder> recorder_;
    std::shared_ptr<UpdateDisposer> updates_disposer_;
    bool pending_ = false;               // see pending()
    std::vector<uint64_t> details_for_;  // the tasks whose details are asked for
    uint64_t updates_ = 0;
    uint64_t update_bytes_ = 0;
    model::Nanos stream_moved_ = 0;  // the last update, connect or disconnect
    bool trimmed_ = true;            // memory given back since then
};

// The monotonic clock in ns, the clock of a live session.
model::Nanos mono_ns();

}  // namespace session
