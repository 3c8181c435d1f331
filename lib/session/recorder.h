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
//
// Several applications (a fleet) go into one file: start_apps() opens it,
// and each member's session records through its own for_app() recorder,
// which names the application of each record.  A keyframe is then one for
// every application, at the same moment, so that a replay that seeks
// finds them all as they were.

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

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
    // Creates FILE, a recording of one application (format version 1);
    // nullptr with "cannot create 'FILE': why" in err.
    static std::unique_ptr<Recorder> start(const std::string& path, const std::string& target, int64_t now_ns,
                                           std::string& err, const RecorderOptions& opts = {});
    // Creates FILE, a recording of the named applications (version 2).
    // The recorder returned records nothing itself, its for_app() ones
    // do; its finish() closes the file.
    static std::unique_ptr<Recorder> start_apps(const std::string& path, const std::vector<std::string>& apps,
                                                int64_t now_ns, std::string& err, const RecorderOptions& opts = {});
    // The recorder of application `name` (at address `target`) into this
    // one's file; an application that joins later is named by its
    // records.  Its finish() leaves the file to the others.
    std::unique_ptr<Recorder> for_app(const std::string& name, const std::string& target);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Before the model takes `ev`, which arrived at now_ns.
    void record(const Event& ev, int64_t now_ns);
    // After the events of one round: asks for a keyframe when one is due
    // (with several applications, one of each).
    void after_events(int64_t now_ns);
    // This recorder's application left the targets: recorded as a new
    // connection (its model emptied) closed at once, "left the targets".
    // Only for an application of several (for_app()).
    void left(int64_t now_ns);
    // Why recording stopped early, "" while it goes on.
    const std::string& stopped();
    // Writes what is queued and closes the file (see for_app()).
    void finish();

private:
    struct Shadow;
    struct File;
    Recorder(std::shared_ptr<File> file, std::shared_ptr<const std::string> app, std::string target, bool owns_file);
    static std::shared_ptr<File> open_file(const std::string& path, const std::string& target,
                                           const std::vector<std::string>& apps, int64_t now_ns, std::string& err,
                                           const RecorderOptions& opts);
    std::string state_bytes() const;

    std::shared_ptr<File> file_;              // shared by the recorders of one file
    std::shared_ptr<const std::string> app_;  // null: the one unnamed application
    std::string target_;
    bool owns_file_;  // finish() closes the file
    std::string stopped_;
    bool finished_ = false;
    bool paused_ = false;  // as the last State recorded said
};

}  // namespace session
