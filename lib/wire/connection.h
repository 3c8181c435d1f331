// The connection state machine behind wire::Client: resolve, connect, TLS,
// the gRPC calls, keepalive, back off and reconnect.  It runs on the
// client's network thread and never blocks: its owner polls fd() for
// poll_events() and calls process().  Events queue in queued(), each with
// the status as it was when the event happened; the owner limits how many
// may queue (set_room), and with no room the connection stops reading the
// socket, so HTTP/2 flow control slows the peer instead of memory growing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>

#include "wire/client.h"

namespace wire {

struct Queued {
    Event event;
    Status status;       // as of the event
    uint64_t bytes = 0;  // size of the message it carries, if any
};

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
    void set_room(size_t n);
    std::deque<Queued>& queued();
    const Status& status() const;

    void watch_task_details(uint64_t task_id);
    void stop_task_details();
    void send_pause(bool pause);
    void reconnect_now();
    void shutdown();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wire
