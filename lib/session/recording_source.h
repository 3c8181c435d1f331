// A recording played back as a Source: our own format (record/reader.h)
// or console-subscriber's JSON lines (record/jsonl.h), told apart by their
// first bytes, not by the file name.  It has none of the live controls
// (pause, reconnect, details): it gives what was recorded, in order, on
// the recording's own clock.
//
// The clock: clock_ns() is the recording's time in nanoseconds since its
// start.  While next_event() gives events it is the recorded arrival of
// the last event taken, so that the model is fed the times they arrived
// at; once next_event() has nothing more, it is where playback stands
// (which moves on with the wall clock while playing).  Feed both the
// events and the model's now() from it, never from the wall clock.
//
// Playback: paused at the start; play(), set_speed(), step() (everything
// up to and including the next Update), seek(t) (a Reset event, then the
// last keyframe at or before t and what follows it up to t, at once).
// A seek or a catch-up is given out in batches of about a frame's worth
// of work, so that the program's loop stays responsive; deadline() says
// "now" while there is more to give.
//
// Several applications (a recording of a fleet): every event belongs to
// one of apps(), event_app() says which, or to them all (a seek's Reset,
// a notice); status_of() is each one's link.  One timeline for them all:
// session::RecordingFleet hands each application's events to its own
// member of a fleet.
//
// Headless use (dump --from FILE --at T): play to T at full speed, then
// read the model.
//
//   std::string err;
//   auto src = session::RecordingSource::open(path, err);  // nullptr: err
//   src->play_to(t_ns);
//   session::Event ev;
//   while (!src->idle()) {
//       src->process(false);
//       while (src->next_event(ev)) feed(model, ev, *src->clock_ns());
//   }
//   // src->warning(): damage, a cut-short end or skipped lines, if any
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "session/source.h"

namespace record {
class Input;
class Reader;
class JsonlReader;
}  // namespace record

namespace session {

class RecordingSource : public Source, public Playback {
public:
    enum class Format { Ours, Jsonl };

    // Opens `path`; nullptr with a one-line err naming the file (and the
    // offset, for damage) when it is not a recording this console reads.
    static std::unique_ptr<RecordingSource> open(const std::string& path, std::string& err);
    // The same over bytes in memory (tests, fuzzing), which must outlive
    // the source; `name` stands for the path in messages.
    static std::unique_ptr<RecordingSource> open_memory(std::string_view bytes, const std::string& name,
                                                        std::string& err);
    ~RecordingSource() override;

    // --- Source ---
    int fd() const override { return -1; }
    std::optional<Clock::time_point> deadline() const override;
    void process(bool readable) override;
    bool next_event(Event& out) override;
    const SourceStatus& status() const override { return status_of(0); }
    Controls controls() const override { return {}; }
    Playback* playback() override { return this; }
    std::optional<int64_t> clock_ns() const override { return clock_; }

    // --- what the recording is ---
    Format format() const { return format_; }
    // The applications recorded: one unnamed ("") in a recording of one;
    // their names in a recording of several.
    const std::vector<std::string>& apps() const { return apps_; }
    // The link of application i (index into apps()), as of the last event.
    const SourceStatus& status_of(size_t app) const;
    // The application of the event next_event() gave last, or kAllApps.
    static constexpr int64_t kAllApps = -1;
    int64_t event_app() const { return event_app_; }
    uint64_t length_ns() const override { return length_; }
    int64_t start_unix_ns() const { return start_unix_; }
    // Arrival times of the recorded disconnects, for the timeline.
    const std::vector<uint64_t>& drops() const override { return drops_; }
    // Damage, a cut-short end, skipped lines, what the format lacks; "" when
    // there is nothing to say.  One line.
    const std::string& warning() const override { return warning_; }

    // --- playback ---
    bool playing() const override { return playing_; }
    void play(bool on) override;
    int speed() const override { return speed_; }
    void set_speed(int index) override;
    std::string speed_text() const override;
    uint64_t position_ns() const override;
    void step() override;
    void seek(uint64_t t_ns) override;
    void play_to(uint64_t t_ns) override;
    // Nothing more will come until a playback control is used: paused
    // with nothing pending, or at the end.
    bool idle() const override;
    bool at_end() const override { return ended_; }

    // The two formats behind one reader (recording_source.cc).
    struct Pending;
    class Cursor;

private:
    struct Link {
        uint64_t at;
        uint32_t app;
        bool up;
        std::string reason;
    };

    RecordingSource();
    static std::unique_ptr<RecordingSource> open_ours(std::unique_ptr<record::Input> in, const std::string& name,
                                                      std::string& err);
    static std::unique_ptr<RecordingSource> open_jsonl(std::istream& in, const std::string& name, std::string& err);
    void opened();
    void scan();
    bool peek();
    bool due(Clock::time_point now) const;
    bool idle_out(Clock::time_point now);
    bool convert(Pending& p, Event& out);
    bool damaged(const Pending& p, const char* what);
    uint64_t wall_position(Clock::time_point now) const;
    SourceStatus& status_at(uint32_t app);
    void set_position(uint64_t t);

    Format format_ = Format::Ours;
    std::unique_ptr<Cursor> cursor_;
    std::unique_ptr<Pending> next_;  // peeked, not yet taken
    std::string name_;               // the file's target, or its path
    std::vector<std::string> apps_;
    std::vector<SourceStatus> statuses_;  // one per application
    int64_t event_app_ = kAllApps;
    std::vector<uint64_t> drops_;
    std::vector<Link> links_;  // connects and disconnects, in order
    std::string notice_;       // given out as the next event
    std::string warning_;
    uint64_t length_ = 0;
    int64_t start_unix_ = 0;

    bool playing_ = false;
    int speed_ = kDefaultSpeed;
    uint64_t pos_ = 0;  // at anchor_
    Clock::time_point anchor_;
    uint64_t limit_ = 0;        // catching up: give events up to here at full speed
    bool catching_up_ = false;  // after a seek, or play_to
    bool step_ = false;         // give up to and including the next Update
    bool reset_due_ = false;    // a seek: a Reset goes first
    bool ended_ = false;
    Clock::time_point batch_until_;  // this round's budget
    int64_t clock_ = 0;
};

}  // namespace session
