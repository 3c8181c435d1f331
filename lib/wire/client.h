// A gRPC client of the console Instrument service over one HTTP/2
// connection.  It owns the connection's life (connect, back off, reconnect)
// and hands decoded protobuf messages to its owner as events, an Update
// as its pieces (update_split.h).  The network
// and the decoding run on a thread of its own, so the owner never waits on
// them: it polls fd() for POLLIN and calls process(), then next_event().
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "instrument.pb.h"
#include "tasks.pb.h"
#include "wire/update_split.h"
#include "wire/target.h"

namespace wire {

using Clock = std::chrono::steady_clock;

enum class ConnState { Connecting, Connected, BackingOff, Closed };

struct ClientOptions {
    // Largest gRPC message accepted (decoding caps it at 2 GiB - 1); a
    // longer one is skipped and reported once.
    uint64_t max_message_size = 1ull << 30;
    std::string tls_ca, tls_cert, tls_key;
    bool tls_insecure = false;
    // Resolving, connecting, TLS and the peer's first SETTINGS together.
    std::chrono::milliseconds connect_timeout{10000};
    // Client-side keepalive as gRPC proposal A8 has it: a PING goes out
    // after keepalive_time of silence from the peer, and no answer within
    // keepalive_timeout drops the connection.  gRPC core's servers allow
    // one PING per 5 minutes of their own silence and answer more with
    // GOAWAY "too_many_pings", which doubles the time for the rest of the
    // client's life.  A stopped peer is found within 5 min 20 s; a peer
    // whose host or network has gone, sooner, by TCP keepalive
    // (transport.h).
    std::chrono::milliseconds keepalive_time{300000};
    std::chrono::milliseconds keepalive_timeout{20000};
    // Events the ring between the two threads holds at most; a test makes
    // it small to fill it often.
    size_t ring_slots = 256;
};

struct Status {
    ConnState state = ConnState::Connecting;
    std::string last_error;       // one line, empty when none
    Clock::time_point retry_at;   // while BackingOff
    uint64_t generation = 0;      // counts established connections
    bool state_supported = true;  // false: WatchState answered UNIMPLEMENTED
};

namespace event {
struct Connected {};
struct Disconnected {
    std::string error;
};  // also: an attempt failed
struct TaskDetails {
    std::unique_ptr<rs::tokio::console::tasks::TaskDetails> msg;
};
struct State {
    bool paused;
};
struct StateUnsupported {};
struct PauseResult {
    bool pause;
    std::string error;
};  // error empty: done
struct RpcError {
    std::string rpc;
    std::string error;
};  // connection stays
}  // namespace event

using Event = std::variant<event::Connected, event::Disconnected, event::UpdatePart, event::TaskDetails, event::State,
                           event::StateUnsupported, event::PauseResult, event::RpcError>;

class Client {
public:
    Client(Target target, ClientOptions options);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // poll(2) integration: fd() turns readable when events wait; the
    // client needs a call at no other time.  It is never -1.
    int fd() const;
    // Call after poll with the fd's revents (0 when poll timed out).
    void process(short revents);

    void watch_task_details(uint64_t task_id);  // replaces those open
    void stop_task_details();
    // Several at once, one stream each on the one connection (HTTP/2
    // multiplexes them); replaces those open.
    void watch_tasks_details(std::vector<uint64_t> task_ids);
    void pause();
    void resume();
    void reconnect_now();
    void shutdown();  // GOAWAY and close; no reconnect after

    // Takes the next event; false when there is none.  status() is the
    // status as of the last event taken.
    bool next_event(Event& out);
    const Status& status() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wire
