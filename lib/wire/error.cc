// The one place where a wire::Error becomes text.
#include "wire/error.h"

#include <cctype>
#include <cstring>

#include "util/text.h"

namespace wire {

std::string errno_text(int err) {
    return util::lower_first(strerror(err));
}

namespace {

// The detail, else the errno's text, else fallback.
std::string why(const Error& e, const char* fallback = "") {
    if (!e.detail.empty()) return e.detail;
    if (e.err != 0) return errno_text(e.err);
    return fallback;
}

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

}  // namespace

std::string Error::to_string() const {
    const std::string q = quoted(subject);
    switch (kind) {
    case Kind::Other:
    case Kind::Call: return detail;
    case Kind::Resolve: return "cannot resolve " + q + (detail.empty() ? "" : ": " + detail);
    case Kind::Connect: return "cannot connect to " + q + ": " + why(*this, "failed");
    case Kind::ConnectTimeout: return "cannot connect to " + q + ": timed out";
    case Kind::Tls: return "tls handshake with " + q + " failed: " + why(*this, "tls error");
    case Kind::NoAlpn: return q + " does not offer HTTP/2 over tls (no alpn 'h2')";
    case Kind::Read: return "cannot read from " + q + ": " + why(*this, "tls error");
    case Kind::Write: return "cannot write to " + q + ": " + why(*this, "tls error");
    case Kind::Lost: {
        std::string s = "connection to " + q + " lost";
        if (!detail.empty()) s += " in the middle of a " + detail;
        if (err != 0) s += ": " + errno_text(err);
        return s;
    }
    case Kind::Http1: return q + " speaks HTTP/1, not HTTP/2 (is it the console port?)";
    case Kind::Closed: return "connection closed by " + q;
    case Kind::ClosedEarly: return "connection closed by " + q + " before http/2 started";
    case Kind::ClosedTls: return "connection to " + q + " closed by peer";
    case Kind::Ended: return "connection to " + q + " ended";
    case Kind::Goaway: return q + " closed the connection (goaway: " + detail + ")";
    case Kind::Http2: return "http/2 error from " + q + ": " + detail;
    case Kind::NotConsole: return detail + " (" + q + " does not serve the console; is console-subscriber installed?)";
    case Kind::UpdatesEnded: return q + " ended the update stream";
    case Kind::Decode: return "cannot decode an update from " + q + ": " + detail;
    case Kind::Silent: return q + " stopped responding (silent for " + detail + " s)";
    }
    return detail;
}

}  // namespace wire
