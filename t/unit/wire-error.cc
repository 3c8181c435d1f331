// wire::Error's text, and the keepalive timing: A8's doubling and the test
// scaling of TOKIO_CONSOLE_TEST_KEEPALIVE_MS.
#include <cerrno>
#include <cstdlib>

#include "t/unit/tap.h"
#include "wire/error.h"
#include "wire/keepalive.h"

using wire::Error;
using K = wire::Error::Kind;
using std::chrono::milliseconds;

static void error_texts() {
    const std::string s = "127.0.0.1:6669";
    tap::check_eq(Error{K::Connect, s, "", ECONNREFUSED}.to_string(),
                  "cannot connect to '127.0.0.1:6669': connection refused", "connect, errno");
    tap::check_eq(Error{K::ConnectTimeout, s, "", 0}.to_string(), "cannot connect to '127.0.0.1:6669': timed out",
                  "connect timeout");
    tap::check_eq(Error{K::Resolve, "nowhere.invalid", "name or service not known", 0}.to_string(),
                  "cannot resolve 'nowhere.invalid': name or service not known", "resolve");
    tap::check_eq(Error{K::Tls, s, "certificate has expired", 0}.to_string(),
                  "tls handshake with '127.0.0.1:6669' failed: certificate has expired", "tls");
    tap::check_eq(Error{K::Read, s, "", ECONNRESET}.to_string(),
                  "cannot read from '127.0.0.1:6669': connection reset by peer", "read");
    tap::check_eq(Error{K::Lost, s, "WatchUpdates message (3 of 9 bytes)", ECONNRESET}.to_string(),
                  "connection to '127.0.0.1:6669' lost in the middle of a WatchUpdates message "
                  "(3 of 9 bytes): connection reset by peer",
                  "lost mid-message");
    tap::check_eq(Error{K::Goaway, s, "enhance your calm, 'too_many_pings'", 0}.to_string(),
                  "'127.0.0.1:6669' closed the connection (goaway: enhance your calm, "
                  "'too_many_pings')",
                  "goaway");
    tap::check_eq(Error{K::Silent, s, "320", 0}.to_string(), "'127.0.0.1:6669' stopped responding (silent for 320 s)",
                  "silent");
    tap::check_eq(Error{K::Other, "", "cannot load tls ca 'x': no such file", 0}.to_string(),
                  "cannot load tls ca 'x': no such file", "other: the detail alone");
}

static void keepalive_timing() {
    unsetenv("TOKIO_CONSOLE_TEST_KEEPALIVE_MS");
    wire::ClientOptions opt;
    wire::Keepalive k(opt);
    tap::check(k.time() == milliseconds(300000), "default keepalive time is 5 minutes");
    tap::check(k.timeout() == milliseconds(20000), "default timeout is 20 s");

    auto t0 = wire::Clock::now();
    k.heard(t0);
    tap::check(k.check(t0 + milliseconds(299999)) == wire::Keepalive::Due::Nothing,
               "no ping before 5 minutes of silence");
    tap::check(k.check(t0 + milliseconds(300000)) == wire::Keepalive::Due::Ping, "a ping after 5 minutes");
    tap::check(k.check(t0 + milliseconds(310000)) == wire::Keepalive::Due::Nothing, "one ping at a time");
    tap::check(k.check(t0 + milliseconds(320000)) == wire::Keepalive::Due::Dead, "no answer in 20 s: dead");

    k.too_many_pings();
    tap::check(k.time() == milliseconds(600000), "too_many_pings doubles the time");
    k.heard(t0);
    tap::check(k.check(t0 + milliseconds(300000)) == wire::Keepalive::Due::Nothing, "the doubled time holds");
    for (int i = 0; i < 40; i++) k.too_many_pings();
    tap::check(k.time() == milliseconds(24 * 3600 * 1000), "doubling stops at a day");

    setenv("TOKIO_CONSOLE_TEST_KEEPALIVE_MS", "3000", 1);
    wire::Keepalive scaled(opt);
    tap::check(scaled.time() == milliseconds(3000), "the test variable sets the time");
    tap::check(scaled.timeout() == milliseconds(1000), "and scales the timeout, at least 1 s");
    unsetenv("TOKIO_CONSOLE_TEST_KEEPALIVE_MS");
}

int main() {
    error_texts();
    keepalive_timing();
    return tap::done();
}
