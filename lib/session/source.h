// Where a session's events come from: a live connection or a recording.
// The loop polls fd(), wakes for deadline(), calls process() and then
// takes events with next_event() until none is left; the session applies
// each to its model.  A source tells which controls it has; the program
// calls a control only when the source has it, and says so on screen
// otherwise.  A recording offers one more capability, playback: moving
// through its time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "proto/update_reader.h"
#include "tasks.pb.h"
#include "update_view.pb.h"

namespace session {

using Clock = std::chrono::steady_clock;

namespace event {
// A new stream starts (a new connection, maybe to a new process): what the
// old one said no longer holds.
struct Reset {};
// An encoded Update, which the model reads and applies in pieces
// (Model::apply_encoded); `owner` holds its bytes, the last owner frees them.
struct Update {
    std::shared_ptr<const void> owner;
    std::string_view bytes;
};
// A piece of an Update that the source has parsed (a live connection does
// so on its own thread), applied in order with Model::apply_part.  The
// first part also has the whole update's bytes, for a recorder.
struct UpdatePart {
    std::shared_ptr<const void> owner;  // holds `bytes`: first part only
    std::string_view bytes;
    std::unique_ptr<tokio_console::view::ParsedPiece> piece;  // none in an empty update
    bool first = false;
    bool last = false;
};
struct TaskDetails {
    std::unique_ptr<rs::tokio::console::tasks::TaskDetails> msg;
};
struct State {
    bool paused;
};                           // the server's own word
struct StateUnsupported {};  // it cannot give it
struct PauseResult {
    bool pause;
    std::string error;
};  // error empty: done
struct Notice {
    std::string text;
};  // something failed; the stream goes on
// The link ended (status() says so too); `reason` as the wire said it.
// Nothing for the model: what it showed stays until the next Reset.
struct Disconnected {
    std::string reason;
};
}  // namespace event

using Event = std::variant<event::Reset, event::Update, event::UpdatePart, event::TaskDetails, event::State,
                           event::StateUnsupported, event::PauseResult, event::Notice, event::Disconnected>;

// How the source's link stands, for the header.
struct SourceStatus {
    enum class Link { Connecting, Connected, BackingOff, Closed };
    std::string name;  // the target, as the user gave it
    Link link = Link::Connecting;
    Clock::time_point retry_at;  // while BackingOff
    std::string last_error;      // why the last link ended or failed; empty: none
    Clock::time_point last_error_at;
    Clock::time_point connected_at;  // while Connected
};

// Moving through a recording's time.  Paused at the start; play(),
// set_speed(), step() (up to and including the next Update), seek(t).
class Playback {
public:
    // Speeds, slowest first; 0 is "as fast as it can".
    static constexpr double kSpeeds[] = {0.25, 1, 2, 10, 0};
    static constexpr int kDefaultSpeed = 1;

    virtual ~Playback() = default;
    virtual bool playing() const = 0;
    virtual void play(bool on) = 0;
    virtual int speed() const = 0;  // index into kSpeeds
    virtual void set_speed(int index) = 0;
    virtual std::string speed_text() const = 0;  // "1x", "0.25x", "max"
    // Where playback stands, ns since the start (moves while playing).
    virtual uint64_t position_ns() const = 0;
    virtual uint64_t length_ns() const = 0;
    virtual void step() = 0;
    virtual void seek(uint64_t t_ns) = 0;
    // Plays at full speed up to t_ns and pauses there.
    virtual void play_to(uint64_t t_ns) = 0;
    // Nothing more will come until a playback control is used: paused
    // with nothing pending, or at the end.
    virtual bool idle() const = 0;
    virtual bool at_end() const = 0;
    // When the recorded link went down, for the timeline.
    virtual const std::vector<uint64_t>& drops() const = 0;
    // Damage, a cut-short end, skipped lines; "" when there is none.
    virtual const std::string& warning() const = 0;
};

class Source {
public:
    struct Controls {
        bool pause = false;      // pause() and resume the stream
        bool details = false;    // watch_tasks_details()
        bool reconnect = false;  // reconnect()
    };

    virtual ~Source() = default;

    // Readable when process() has work; -1 when there is no fd.
    virtual int fd() const = 0;
    // When process() must run even if fd() stays quiet; none: never.
    virtual std::optional<Clock::time_point> deadline() const = 0;
    // After the wait: `readable` says whether fd() was.
    virtual void process(bool readable) = 0;
    // Takes the next event; false when there is none.
    virtual bool next_event(Event& out) = 0;
    // As of the last event taken.
    virtual const SourceStatus& status() const = 0;
    // The clock the events and the model run on, in ns, when the source
    // has one of its own (a recording's time); none: the monotonic clock.
    virtual std::optional<int64_t> clock_ns() const { return std::nullopt; }

    virtual Controls controls() const = 0;
    virtual void pause(bool pause) { (void)pause; }
    // The tasks whose details stream in, one stream each; replaces those
    // open (none: no details).
    virtual void watch_tasks_details(const std::vector<uint64_t>& task_spans) { (void)task_spans; }
    virtual void reconnect() {}
    // No more events are wanted; the source may say goodbye to its peer.
    virtual void shutdown() {}
    // Moving through time, when the source is a recording; else nullptr.
    virtual Playback* playback() { return nullptr; }
    const Playback* playback() const { return const_cast<Source*>(this)->playback(); }
};

}  // namespace session
