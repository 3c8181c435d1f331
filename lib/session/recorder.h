// Records the live session (--record FILE): every event the source gives
// that a replay needs (Updates, State changes, TaskDetails, connects and
// disconnects with their reason), stamped with its arrival on the
// program's monotonic clock, and every 30 s a keyframe, the model's whole
// state as one full Update (model/snapshot.h), so that a replay can seek
// without reading the file from its start.
//
// It never blocks the loop: record::Writer copies each record into a
// bounded queue that a thread of its own writes out.  That thread also
// keeps a model of its own, fed with the records as it writes them, the
// way a replay feeds its model; a keyframe is that model's snapshot, made
// there, so the loop only asks for one (a snapshot of 100 k tasks takes
// a few hundred milliseconds).  The second model costs memory while
// recording: about what the console's own model holds.  When the disk fills
// or cannot keep up, recording stops and stopped() says so in one line
// for the header ("recording stopped: disk full after 1.2 GiB"); the
// session goes on.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "model/model.h"
#include "session/source.h"

namespace record {
class Writer;
}

namespace session {

struct RecorderOptions {
    // As the console's model keeps finished tasks (--retain-for).
    std::optional<model::Nanos> retain_for = 6'000'000'000;
    uint64_t keyframe_every_ns = 30'000'000'000;
};

class Recorder {
public:
    // Creates FILE; nullptr with "cannot create 'FILE': why" in err.
    static std::unique_ptr<Recorder> start(const std::string& path, const std::string& target, int64_t now_ns,
                                           std::string& err, const RecorderOptions& opts = {});
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Before the model takes `ev`, which arrived at now_ns.
    void record(const Event& ev, int64_t now_ns);
    // After the events of one round: asks for a keyframe when one is due.
    void after_events(int64_t now_ns);
    // Why recording stopped early, "" while it goes on.
    const std::string& stopped();
    // Writes what is queued and closes the file.
    void finish();

private:
    struct Shadow;
    Recorder(std::unique_ptr<record::Writer> w, std::shared_ptr<Shadow> shadow, std::string target);
    std::string state_bytes() const;

    std::shared_ptr<Shadow> shadow_;  // the writer's thread's model
    std::unique_ptr<record::Writer> writer_;
    std::string target_;
    std::string stopped_;
    bool finished_ = false;
    bool paused_ = false;  // as the last State recorded said
};

}  // namespace session
