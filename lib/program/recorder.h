// Records the live session (--record FILE): every event the source gives
// that a replay needs (Updates, State changes, TaskDetails, connects and
// disconnects with their reason), stamped with its arrival on the
// program's monotonic clock, and every 30 s a keyframe, the model's whole
// state as one full Update (model/snapshot.h), so that a replay can seek
// without reading the file from its start.
//
// It never blocks the loop: record::Writer copies each record into a
// bounded queue that a thread of its own writes out.  When the disk fills
// or cannot keep up, recording stops and stopped() says so in one line
// for the header ("recording stopped: disk full after 1.2 GiB"); the
// session goes on.
#pragma once

#include <memory>
#include <string>

#include "model/model.h"
#include "program/source.h"

namespace record {
class Writer;
}

namespace program {

class Recorder {
public:
    // Creates FILE; nullptr with "cannot create 'FILE': why" in err.
    static std::unique_ptr<Recorder> start(const std::string& path, const std::string& target, int64_t now_ns,
                                           std::string& err);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Before the model takes `ev`, which arrived at now_ns.
    void record(const Event& ev, int64_t now_ns);
    // After the events of one round: a keyframe when one is due.
    void after_events(const model::Model& m, int64_t now_ns);
    // Why recording stopped early, "" while it goes on.
    const std::string& stopped();
    // Writes what is queued and closes the file.
    void finish();

private:
    Recorder(std::unique_ptr<record::Writer> w, std::string target);

    std::unique_ptr<record::Writer> writer_;
    std::string target_;
    std::string stopped_;
    bool finished_ = false;
};

}  // namespace program
