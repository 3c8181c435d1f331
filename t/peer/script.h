// What drives the simulated application over time: a scenario file or the
// built-in demo.  start() sets up the state every watcher sees first; run()
// performs what is due and says when it next wants to run.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "world.h"

namespace peer {

class Script {
public:
    virtual ~Script() = default;
    // Time-zero state; `now` is wall-clock nanoseconds.
    virtual void start(World& world, int64_t now) = 0;
    // Runs what is due at `now`; returns the wall time it next wants to
    // run, or -1 when nothing is left to do.
    virtual int64_t run(World& world, int64_t now) = 0;
    // Publish interval the script asks for; 0 for the peer's default.
    virtual int64_t interval_ns() const { return 0; }

    // Asks a run in progress, from another thread, to return early: the
    // peer is ending.  A run of a million tasks' polls, each waiting for
    // the world while an update of them is built, can take minutes.
    void stop() { stopping_.store(true); }

protected:
    bool stopping() const { return stopping_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> stopping_ = false;
};

// The built-in demo: a busy service that runs until the peer is killed.
std::unique_ptr<Script> make_demo(uint64_t seed);

// A scenario from its text; on failure returns null and sets error.
std::unique_ptr<Script> load_scenario(const std::string& text, const std::string& origin, std::string& error);

}  // namespace peer
