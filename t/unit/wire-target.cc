// Target address parsing: schemes, hosts, ports, errors.
#include "t/unit/tap.h"
#include "wire/target.h"

using wire::Target;

static Target ok(const std::string& text, const std::string& title) {
    Target t;
    std::string err;
    bool good = wire::parse_target(text, t, err);
    if (!tap::check(good, "parses " + title)) tap::diag("error: " + err);
    return t;
}

static std::string bad(const std::string& text) {
    Target t;
    std::string err;
    if (wire::parse_target(text, t, err)) return "(accepted)";
    return err;
}

static bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

int main() {
    Target t = ok("http://127.0.0.1:6669", "the default address");
    tap::check(t.kind == Target::Kind::Tcp && !t.tls, "http is plain tcp");
    tap::check_eq(t.host, "127.0.0.1", "ipv4 host");
    tap::check_eq(t.port, 6669, "explicit port");
    tap::check_eq(t.authority, "127.0.0.1:6669", "authority");
    tap::check_eq(t.endpoint(), "127.0.0.1:6669", "endpoint");

    t = ok("http://localhost", "a name without port");
    tap::check_eq(t.port, 6669, "missing port means 6669");
    tap::check_eq(t.authority, "localhost:6669", "authority carries the default port");

    t = ok("HTTPS://Example.COM:443/", "https with a trailing slash");
    tap::check(t.tls, "https means tls");
    tap::check_eq(t.host, "example.com", "host name is lowercased");
    tap::check_eq(t.port, 443, "https port");

    t = ok("http://[::1]:7000", "an ipv6 literal");
    tap::check_eq(t.host, "::1", "brackets are not part of the host");
    tap::check_eq(t.authority, "[::1]:7000", "authority keeps the brackets");
    tap::check_eq(t.endpoint(), "[::1]:7000", "endpoint keeps the brackets");
    t = ok("http://[2001:db8::1]", "an ipv6 literal without port");
    t = ok("http://[::ffff:127.0.0.1]", "a v4-mapped ipv6 literal");
    tap::check_eq(t.port, 6669, "v6 literal default port");

    t = ok("file:///tmp/console.sock", "a unix socket path");
    tap::check(t.kind == Target::Kind::Unix, "file is a unix socket");
    tap::check_eq(t.path, "/tmp/console.sock", "socket path");
    t = ok("file://localhost/run/app.sock", "file://localhost/");
    tap::check_eq(t.path, "/run/app.sock", "path after localhost");

    t = ok("vsock://3:6670", "vsock");
    tap::check(t.kind == Target::Kind::Vsock, "vsock kind");
    tap::check_eq(t.vsock_cid, 3u, "vsock cid");
    tap::check_eq(t.vsock_port, 6670u, "vsock port");
    t = ok("vsock://2", "vsock without port");
    tap::check_eq(t.vsock_port, 6669u, "vsock default port");

    tap::check(contains(bad("127.0.0.1:6669"), "missing scheme"), "no scheme is refused");
    tap::check(contains(bad("127.0.0.1:6669"), "http://127.0.0.1:6669"), "no scheme: the message suggests http://");
    tap::check(contains(bad("ftp://host"), "unknown scheme 'ftp'"), "unknown scheme");
    tap::check(contains(bad("http://host:0"), "invalid port '0'"), "port 0");
    tap::check(contains(bad("http://host:65536"), "invalid port '65536'"), "port too big");
    tap::check(contains(bad("http://host:"), "invalid port ''"), "empty port");
    tap::check(contains(bad("http://host:6x"), "invalid port '6x'"), "port with letters");
    tap::check(contains(bad("http://::1:6669"), "brackets"), "bare ipv6 is refused");
    tap::check(contains(bad("http://[::1"), "missing ']'"), "unclosed bracket");
    tap::check(contains(bad("http://[nothex]:1"), "not an IPv6 address"), "bad v6 literal");
    tap::check(contains(bad("http://"), "missing host"), "empty host");
    tap::check(contains(bad("http://:6669"), "missing host"), "port without host");
    tap::check(contains(bad("http://h/some/path"), "path"), "paths are refused");
    tap::check(contains(bad("http://u@h"), "user names"), "user info refused");
    tap::check(contains(bad("http://bad host"), "spaces"), "spaces refused");
    tap::check(contains(bad("http://exa$mple"), "not a valid host name"), "bad host chars");
    tap::check(contains(bad("file://other/x.sock"), "another host ('other')"), "file:// on another host is refused");
    tap::check(contains(bad("file://"), "missing socket path"), "file:// without path");
    tap::check(contains(bad("vsock://x:1"), "numeric CID"), "vsock with a bad cid");
    tap::check(contains(bad("vsock://3:y"), "invalid vsock port 'y'"), "vsock with a bad port");
    tap::check(contains(bad(""), "empty"), "empty address");
    tap::check(bad("ftp://h").rfind("invalid target 'ftp://h': ", 0) == 0, "errors name the target in quotes");
    return tap::done();
}
