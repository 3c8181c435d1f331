// The life of the connection behind wire::Client: resolve, connect, TLS,
// HTTP/2, keepalive, back off and reconnect.  The gRPC calls on a live
// connection are Calls' business (calls.h).  It runs on the client's
// network thread and never blocks: its owner polls fd() for poll_events()
// and calls process().  Events queue in queued(), each with the status as
// it was when the event happened; the owner limits how many may queue
// (set_room), and with no room the connection stops reading the socket,
// so HTTP/2 flow control slows the peer instead of memory growing.
//
//   BackingOff --retry_at--> Resolving -> Connecting (each address in
//   turn) -> Handshaking (TLS) -> Live (waiting for SETTINGS, then
//   Connected) --any failure--> BackingOff (0.5 s, doubling, at most 5 s)
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wire/calls.h"
#include "wire/client.h"
#include "wire/error.h"
#include "wire/grpc_session.h"
#include "wire/keepalive.h"
#include "wire/resolver.h"
#include "wire/tls_context.h"
#include "wire/transport.h"

namespace wire {

namespace life {
struct BackingOff {
    Clock::time_point retry_at;
};
struct Resolving {
    std::unique_ptr<Resolver> resolver;
    Clock::time_point deadline;
};
struct Connecting {
    std::vector<SockAddr> addrs;
    size_t next = 0;
    std::optional<Error> first_error;  // of the addresses tried so far
    Transport transport;
    Clock::time_point deadline;
};
struct Handshaking {
    Transport transport;
    Clock::time_point deadline;
};
struct Live {
    Transport transport;
    std::unique_ptr<Calls> calls;  // uses session; destroyed after it
    std::unique_ptr<GrpcSession> session;
    Clock::time_point deadline;   // for the peer's first SETTINGS
    bool up = false;              // SETTINGS came: Connected
    std::optional<Error> goaway;  // a graceful GOAWAY, the reason if nothing else is
    std::string out;              // bytes for the socket
};
struct Closed {};
}  // namespace life

using Life =
    std::variant<life::BackingOff, life::Resolving, life::Connecting, life::Handshaking, life::Live, life::Closed>;

class Connection {
public:
    Connection(Target target, ClientOptions options);  // starts the first attempt
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd() const;  // -1 while there is nothing to wait for
    short poll_events() const;
    int timeout_ms() const;  // until the next timer, -1 if none
    void process(short revents);

    // Events the owner can take now; 0 stops reading (keepalive waits too).
    void set_room(size_t n) { room_ = n; }
    std::deque<Queued>& queued() { return outbox_.events; }
    const Status& status() const { return outbox_.status; }

    // A piece of an update of connection `generation` did not parse: the
    // connection ends as for any update that does not decode (unless it
    // has ended already).
    void update_failed(uint64_t generation, uint64_t size);

    // The tasks whose details are watched, each on a stream of its own.
    void watch_task_details(const std::vector<uint64_t>& tasks);
    void send_pause(bool pause);
    void reconnect_now();
    void shutdown();

private:
    bool can_read() const { return outbox_.events.size() < room_; }
    void enter(Life next);

    // The steps of an attempt.
    void start_attempt(Clock::time_point now);
    void resolved(life::Resolving& r);
    void connect_next(life::Connecting& c);
    void socket_connected(Transport transport, Clock::time_point deadline);
    void handshake(life::Handshaking& h);
    void start_session(Transport transport, Clock::time_point deadline);

    // A live connection.
    void on_settings();
    void on_goaway(uint32_t code, const std::string& debug);
    void read_some(life::Live& live, Clock::time_point now);
    Error read_failure(life::Live& live, Transport::Io io) const;
    bool fail_if_noted(life::Live& live);
    void flush(life::Live& live);
    void check_keepalive(life::Live& live, Clock::time_point now);
    void check_timers(Clock::time_point now);

    // Ends the connection or attempt: graceful sends GOAWAY first.
    void teardown(bool graceful);
    void fail(Error error);

    Target target_;
    ClientOptions opt_;
    std::string subject_;  // target endpoint, for messages
    Outbox outbox_;
    size_t room_ = SIZE_MAX;  // events the owner can take; 0: do not read
    Life life_{life::Closed{}};
    std::chrono::milliseconds backoff_;
    Keepalive keepalive_;
    SslCtxPtr tls_ctx_;
    std::vector<uint64_t> details_tasks_;  // watched across connections
    // One recv's worth, left as the allocator gives it: zeroed, its
    // 256 KiB would be resident for every target, also one never reached.
    std::unique_ptr<uint8_t[]> inbuf_;
};

}  // namespace wire
