#include "exporter/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>

#include "util/file.h"
#include "util/log.h"
#include "util/text.h"

namespace exporter {

namespace {

// "HOST:PORT" into a socket address; false with a reason.
bool parse_address(const std::string& text, sockaddr_storage& out, socklen_t& len, std::string& why) {
    size_t colon = text.rfind(':');
    if (colon == std::string::npos) {
        why = "expected HOST:PORT, as in 127.0.0.1:9669";
        return false;
    }
    std::string host = text.substr(0, colon), port_text = text.substr(colon + 1);
    char* end = nullptr;
    long port = strtol(port_text.c_str(), &end, 10);
    if (port_text.empty() || *end || port < 0 || port > 65535) {
        why = "invalid port '" + port_text + "'";
        return false;
    }
    memset(&out, 0, sizeof out);
    if (host == "localhost") host = "127.0.0.1";
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        auto* a6 = reinterpret_cast<sockaddr_in6*>(&out);
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons(static_cast<uint16_t>(port));
        if (inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &a6->sin6_addr) != 1) {
            why = "'" + host + "' is not an IPv6 address";
            return false;
        }
        len = sizeof *a6;
        return true;
    }
    auto* a4 = reinterpret_cast<sockaddr_in*>(&out);
    a4->sin_family = AF_INET;
    a4->sin_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET, host.c_str(), &a4->sin_addr) != 1) {
        why = "'" + host + "' is not an IPv4 address (or [IPv6], or localhost)";
        return false;
    }
    len = sizeof *a4;
    return true;
}

int listen_on(const sockaddr_storage& addr, socklen_t len, std::string& why) {
    int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        why = strerror(errno);
        return -1;
    }
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (addr.ss_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), len) < 0 || listen(fd, 64) < 0) {
        why = strerror(errno);
        close(fd);
        return -1;
    }
    return fd;
}

unsigned bound_port(int fd) {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) < 0) return 0;
    if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&a)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in*>(&a)->sin_port);
}

void log_mhd(void*, const char* fmt, va_list ap) {
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '\n') buf[--n] = 0;
    util::log_debug("http: %s", buf);
}

MHD_Result answer(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                  const char*, size_t* upload_size, void** state) {
    auto* server = static_cast<HttpServer*>(cls);
    // A body is not read: the reply goes out at once and the rest is dropped.
    (void)upload_size;
    (void)state;
    Request r;
    r.method = method ? method : "";
    r.path = url ? url : "";
    const char* accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
    r.accept = accept ? accept : "";
    Reply reply = server->handle(r);
    MHD_Response* resp =
        MHD_create_response_from_buffer(reply.body.size(), reply.body.data(), MHD_RESPMEM_MUST_COPY);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, reply.content_type.c_str());
    if (!reply.allow.empty()) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, reply.allow.c_str());
    MHD_Result ret = MHD_queue_response(c, reply.status, resp);
    MHD_destroy_response(resp);
    return ret;
}

bool read_pem(const std::string& what, const std::string& path, std::string& out, std::string& error) {
    std::string why;
    switch (util::read_regular_file(path, 1 << 20, out, why)) {
    case util::FileStatus::Missing: why = "no such file"; break;
    case util::FileStatus::Error: break;
    case util::FileStatus::Ok:
        if (!out.empty()) return true;
        why = "is empty";
        break;
    }
    error = "cannot read TLS " + what + " '" + path + "': " + why;
    return false;
}

}  // namespace

bool tls_supported() {
    return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES;
}

std::unique_ptr<HttpServer> HttpServer::start(const ListenOptions& o, Handler handler, std::string& error) {
    std::unique_ptr<HttpServer> s(new HttpServer(std::move(handler)));
    bool tls = !o.tls_cert.empty();
    if (tls) {
        if (!tls_supported()) {
            error = "this libmicrohttpd has no TLS support: '--tls-cert' cannot be used";
            return nullptr;
        }
        if (!read_pem("certificate", o.tls_cert, s->cert_, error) || !read_pem("key", o.tls_key, s->key_, error))
            return nullptr;
    }
    sockaddr_storage addr;
    socklen_t len = 0;
    std::string why;
    if (!parse_address(o.address, addr, len, why)) {
        error = "cannot listen on '" + o.address + "': " + why;
        return nullptr;
    }
    s->listen_fd_ = listen_on(addr, len, why);
    if (s->listen_fd_ < 0) {
        error = "cannot listen on '" + o.address + "': " + util::lower_first(why);
        return nullptr;
    }
    s->port_ = bound_port(s->listen_fd_);
    unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG | (tls ? MHD_USE_TLS : 0);
    if (tls)
        s->daemon_ = MHD_start_daemon(
            flags, 0, nullptr, nullptr, &answer, s.get(), MHD_OPTION_LISTEN_SOCKET, s->listen_fd_,
            MHD_OPTION_CONNECTION_LIMIT, kMaxConnections, MHD_OPTION_CONNECTION_TIMEOUT, kIdleTimeout,
            MHD_OPTION_EXTERNAL_LOGGER, &log_mhd, nullptr, MHD_OPTION_HTTPS_MEM_CERT, s->cert_.c_str(),
            MHD_OPTION_HTTPS_MEM_KEY, s->key_.c_str(), MHD_OPTION_END);
    else
        s->daemon_ = MHD_start_daemon(flags, 0, nullptr, nullptr, &answer, s.get(), MHD_OPTION_LISTEN_SOCKET,
                                      s->listen_fd_, MHD_OPTION_CONNECTION_LIMIT, kMaxConnections,
                                      MHD_OPTION_CONNECTION_TIMEOUT, kIdleTimeout, MHD_OPTION_EXTERNAL_LOGGER,
                                      &log_mhd, nullptr, MHD_OPTION_END);
    if (!s->daemon_) {
        error = "cannot serve on '" + o.address + "'" + (tls ? ": the TLS certificate or key is not usable" : "");
        return nullptr;
    }
    return s;
}

HttpServer::~HttpServer() {
    // The library closes the listening socket it was given.
    if (daemon_)
        MHD_stop_daemon(daemon_);
    else if (listen_fd_ >= 0)
        close(listen_fd_);
}

int HttpServer::fd() const {
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_EPOLL_FD);
    return info ? info->epoll_fd : -1;
}

std::optional<std::chrono::milliseconds> HttpServer::timeout() const {
    MHD_UNSIGNED_LONG_LONG ms = 0;
    if (MHD_get_timeout(daemon_, &ms) != MHD_YES) return std::nullopt;
    return std::chrono::milliseconds(ms);
}

void HttpServer::run() {
    MHD_run(daemon_);
}

}  // namespace exporter
