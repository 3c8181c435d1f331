// Keepalive: when to send an HTTP/2 PING and when the peer's silence ends
// the connection, per gRPC proposal A8 (client-side keepalive).  A PING
// goes out after time() of silence from the peer; no answer within the
// timeout is a dead peer.  A GOAWAY "too_many_pings" doubles time(), and
// the doubled time stays for every later connection of the same client.
//
// TOKIO_CONSOLE_TEST_KEEPALIVE_MS, for the tests only, replaces the time
// and scales the timeout by the same factor (at least 1 s), so a test can
// show in seconds what takes minutes at the real settings.
#pragma once

#include <chrono>
#include <optional>

#include "wire/client.h"

namespace wire {

class Keepalive {
public:
    enum class Due { Nothing, Ping, Dead };

    explicit Keepalive(const ClientOptions& opt);

    // A connection is up, or bytes came from the peer: silence starts now.
    void heard(Clock::time_point now);
    // Ping: the caller sends a PING now (it counts as sent).  Dead: no
    // answer came in time.
    Due check(Clock::time_point now);
    // When check() next has something to do.
    Clock::time_point next() const;
    // The peer said "too_many_pings": doubles time().
    void too_many_pings();

    std::chrono::milliseconds time() const { return time_; }
    std::chrono::milliseconds timeout() const { return timeout_; }
    Clock::time_point last_heard() const { return last_rx_; }

private:
    std::chrono::milliseconds time_;
    std::chrono::milliseconds timeout_;
    Clock::time_point last_rx_{};
    std::optional<Clock::time_point> ping_sent_;
};

// The debug data gRPC servers put in a GOAWAY ENHANCE_YOUR_CALM when a
// client pings more often than their policy allows.
inline constexpr const char* kTooManyPings = "too_many_pings";

}  // namespace wire
