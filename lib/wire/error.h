// wire::Error: why a connection attempt or a connection failed, as a value.
// Each layer fills in what it knows (the kind, the peer, a detail, an
// errno) and the text is made once, by to_string(), when it reaches the
// user: one line, lowercase, the subject quoted.
//
//   Error{Error::Kind::Read, "127.0.0.1:6669", "", ECONNRESET}.to_string()
//     == "cannot read from '127.0.0.1:6669': connection reset by peer"
#pragma once

#include <string>

namespace wire {

struct Error {
    enum class Kind {
        Other,    // detail says it all (tls set-up, starting a call)
        Resolve,  // cannot resolve 'host'[: detail]
        Connect,  // cannot connect to 'subject': detail or errno
        ConnectTimeout,
        Tls,           // tls handshake with 'subject' failed: detail
        NoAlpn,        // the peer did not choose h2
        Read,          // cannot read from 'subject': detail or errno
        Write,         // cannot write to 'subject': detail or errno
        Lost,          // connection lost [in the middle of a detail][: errno]
        Http1,         // the peer answered in HTTP/1
        Closed,        // closed by the peer, after http/2 started
        ClosedEarly,   // closed by the peer before http/2 started
        ClosedTls,     // a tls write found the connection closed
        Ended,         // the HTTP/2 session ended without a reason
        Goaway,        // GOAWAY; detail: "code name[, 'debug data']"
        Http2,         // protocol error; detail from nghttp2
        Call,          // a call failed; detail is the call's own line
        NotConsole,    // WatchUpdates unimplemented; detail: the call's line
        UpdatesEnded,  // WatchUpdates ended with OK
        Decode,        // an update that does not parse; detail: why (size)
        Silent,        // no answer to PING; detail: seconds of silence
    };

    Kind kind = Kind::Other;
    std::string subject;  // the peer ("127.0.0.1:6669", a path) or host
    std::string detail;
    int err = 0;  // errno, 0 when none

    std::string to_string() const;
};

// "connection refused" and the like: strerror, lowercase.
std::string errno_text(int err);

}  // namespace wire
