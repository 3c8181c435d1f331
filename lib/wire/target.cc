// Target address parsing: http://, https://, file:// and vsock://.
#include "wire/target.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "util/text.h"

namespace wire {

namespace {

bool parse_uint(std::string_view s, uint64_t max, uint64_t& out) {
    if (s.empty() || s.size() > 10) return false;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > max) return false;
    out = v;
    return true;
}

bool fail(std::string& error, const std::string& text, const std::string& why) {
    error = "invalid target '" + text + "': " + why;
    return false;
}

// Splits "host[:port]" (host possibly "[v6]") into its parts.
bool split_host_port(const std::string& text, std::string_view auth, std::string& host, std::string_view& port,
                     bool& has_port, std::string& error) {
    has_port = false;
    if (!auth.empty() && auth.front() == '[') {
        size_t close = auth.find(']');
        if (close == std::string_view::npos) return fail(error, text, "missing ']' after IPv6 address");
        host = std::string(auth.substr(1, close - 1));
        std::string_view rest = auth.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return fail(error, text, "unexpected characters after ']'");
            port = rest.substr(1);
            has_port = true;
        }
        in6_addr a6;
        if (inet_pton(AF_INET6, host.c_str(), &a6) != 1)
            return fail(error, text, "'" + host + "' is not an IPv6 address");
        return true;
    }
    size_t colon = auth.rfind(':');
    if (colon != std::string_view::npos && auth.find(':') != colon)
        return fail(error, text, "IPv6 addresses must be written in brackets, as in http://[::1]:6669");
    if (colon == std::string_view::npos) {
        host = std::string(auth);
    } else {
        host = std::string(auth.substr(0, colon));
        port = auth.substr(colon + 1);
        has_port = true;
    }
    return true;
}

bool valid_hostname(const std::string& h) {
    if (h.empty() || h.size() > 253) return false;
    for (unsigned char c : h)
        if (!(std::isalnum(c) || c == '-' || c == '.' || c == '_')) return false;
    return true;
}

// file:///path or file://localhost/path
bool parse_file(const std::string& text, std::string_view rest, Target& t, std::string& error) {
    size_t slash = rest.find('/');
    std::string_view host = slash == std::string_view::npos ? rest : rest.substr(0, slash);
    if (!host.empty() && util::ascii_lower(host) != "localhost")
        return fail(error, text,
                    "cannot connect to a unix domain socket on another host ('" + std::string(host) + "')");
    if (slash == std::string_view::npos || rest.size() == slash + 1)
        return fail(error, text, "missing socket path, as in file:///run/app/console.sock");
    t.kind = Target::Kind::Unix;
    t.path = std::string(rest.substr(slash));
    if (t.path.size() >= 108) return fail(error, text, "socket path is too long");
    t.authority = "localhost";
    return true;
}

// vsock://CID[:PORT]
bool parse_vsock(const std::string& text, std::string_view auth, Target& t, std::string& error) {
    if (!auth.empty() && auth.back() == '/') auth.remove_suffix(1);
    size_t colon = auth.find(':');
    std::string_view cid = colon == std::string_view::npos ? auth : auth.substr(0, colon);
    uint64_t v = 0;
    if (!parse_uint(cid, 0xffffffffu, v)) return fail(error, text, "expected vsock://CID:PORT with a numeric CID");
    t.vsock_cid = static_cast<uint32_t>(v);
    t.vsock_port = 6669;
    if (colon != std::string_view::npos) {
        if (!parse_uint(auth.substr(colon + 1), 0xffffffffu, v))
            return fail(error, text, "invalid vsock port '" + std::string(auth.substr(colon + 1)) + "'");
        t.vsock_port = static_cast<uint32_t>(v);
    }
    t.kind = Target::Kind::Vsock;
    t.authority = "localhost";
    return true;
}

// http[s]://HOST[:PORT][/]
bool parse_http(const std::string& text, std::string_view rest, Target& t, std::string& error) {
    size_t slash = rest.find_first_of("/?#");
    std::string_view auth = slash == std::string_view::npos ? rest : rest.substr(0, slash);
    if (slash != std::string_view::npos && rest.substr(slash) != "/")
        return fail(error, text, "a path, query or fragment is not supported");
    if (auth.find('@') != std::string_view::npos) return fail(error, text, "user names in addresses are not supported");
    if (auth.empty()) return fail(error, text, "missing host");

    std::string host;
    std::string_view port;
    bool has_port = false;
    if (!split_host_port(text, auth, host, port, has_port, error)) return false;
    if (host.empty()) return fail(error, text, "missing host");
    bool v6 = host.find(':') != std::string::npos;
    if (!v6) {
        host = util::ascii_lower(host);
        if (!valid_hostname(host)) return fail(error, text, "'" + host + "' is not a valid host name");
    }
    t.host = host;
    if (has_port) {
        uint64_t p = 0;
        if (!parse_uint(port, 65535, p) || p == 0) return fail(error, text, "invalid port '" + std::string(port) + "'");
        t.port = static_cast<uint16_t>(p);
    }
    t.authority = (v6 ? "[" + host + "]" : host) + ":" + std::to_string(t.port);
    return true;
}

}  // namespace

std::string Target::endpoint() const {
    switch (kind) {
    case Kind::Unix: return path;
    case Kind::Vsock: return "vsock " + std::to_string(vsock_cid) + ":" + std::to_string(vsock_port);
    case Kind::Tcp: break;
    }
    if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
    return host + ":" + std::to_string(port);
}

bool parse_target(const std::string& text, Target& out, std::string& error) {
    Target t;
    t.text = text;
    size_t sep = text.find("://");
    if (sep == std::string::npos) {
        if (text.empty()) return fail(error, text, "empty address");
        return fail(error, text,
                    "missing scheme, must be one of file, http, https or vsock (as in http://" + text + ")");
    }
    std::string scheme = util::ascii_lower(std::string_view(text).substr(0, sep));
    std::string_view rest = std::string_view(text).substr(sep + 3);
    for (unsigned char c : rest)
        if (c <= ' ' || c == 0x7f) return fail(error, text, "contains spaces or control characters");

    bool ok;
    if (scheme == "file") {
        ok = parse_file(text, rest, t, error);
    } else if (scheme == "vsock") {
        ok = parse_vsock(text, rest, t, error);
    } else if (scheme == "http" || scheme == "https") {
        t.tls = scheme == "https";
        ok = parse_http(text, rest, t, error);
    } else {
        return fail(error, text, "unknown scheme '" + scheme + "', must be one of file, http, https or vsock");
    }
    if (ok) out = std::move(t);
    return ok;
}

}  // namespace wire
