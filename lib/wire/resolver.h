// Name resolution off the caller's thread.  getaddrinfo(3) blocks, so a
// Resolver runs it on a detached thread and signals completion through an
// eventfd the caller can poll.  Dropping a Resolver early is safe: the
// thread finishes on its own and frees the shared state.
#pragma once

#include <sys/socket.h>

#include <memory>
#include <string>
#include <vector>

namespace wire {

struct SockAddr {
    sockaddr_storage addr{};
    socklen_t len = 0;
    int family = 0;
    std::string text;  // "1.2.3.4:6669" or "[::1]:6669"
};

std::string format_sockaddr(const sockaddr* sa, socklen_t len);

class Resolver {
public:
    // Starts resolving host:port.  Numeric addresses resolve at once.
    Resolver(const std::string& host, uint16_t port);
    ~Resolver();
    Resolver(const Resolver&) = delete;
    Resolver& operator=(const Resolver&) = delete;

    // Readable once done() would return true.
    int fd() const;
    bool done() const;
    // After done(): the addresses (IPv6 and IPv4 interleaved as the
    // system orders them), or why there are none ("no usable address";
    // the caller names the host).
    const std::vector<SockAddr>& addresses() const;
    const std::string& error() const;

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
    mutable bool collected_ = false;
    mutable std::vector<SockAddr> addrs_;
    mutable std::string error_;
    void collect() const;
};

}  // namespace wire
