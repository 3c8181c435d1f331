// The exporter's HTTP server: GNU libmicrohttpd without a thread of its
// own.  It runs inside the exporter's one loop: the loop polls fd() (an
// epoll descriptor that covers the listening socket and every
// connection), wakes for timeout(), then calls run(), and run() calls
// the handler for each request on the loop's thread.  So a request reads
// the models between two pumps, never while one changes them, and a slow
// client costs only its own socket: every socket is non-blocking, idle
// connections are closed after kIdleTimeout, and at most kMaxConnections
// are open at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

struct MHD_Daemon;

namespace exporter {

struct Request {
    std::string method;  // "GET", "HEAD", ...
    std::string path;
    std::string accept;  // the Accept header, "" when none
};

struct Reply {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::string allow;  // the Allow header of a 405
};

using Handler = std::function<Reply(const Request&)>;

struct ListenOptions {
    std::string address = "127.0.0.1:9669";  // IPv4, [IPv6] or localhost, and a port
    std::string tls_cert, tls_key;            // PEM files; both empty: plain HTTP
};

class HttpServer {
public:
    static constexpr unsigned kMaxConnections = 64;
    static constexpr unsigned kIdleTimeout = 10;  // seconds

    // Binds and starts serving; null with a one-line `error` when the
    // address is bad or taken or a TLS file cannot be read.
    static std::unique_ptr<HttpServer> start(const ListenOptions& o, Handler handler, std::string& error);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int fd() const;
    // How long until run() must be called even without input; none: no limit.
    std::optional<std::chrono::milliseconds> timeout() const;
    void run();
    // The port it listens on (useful with port 0).
    unsigned port() const { return port_; }

    // Called by the library's callback; not for users.
    Reply handle(const Request& r) { return handler_(r); }

private:
    HttpServer(Handler h) : handler_(std::move(h)) {}

    Handler handler_;
    MHD_Daemon* daemon_ = nullptr;
    int listen_fd_ = -1;
    unsigned port_ = 0;
    std::string cert_, key_;  // the library reads them from memory it does not copy
};

// Whether this libmicrohttpd was built with TLS.
bool tls_supported();

}  // namespace exporter
