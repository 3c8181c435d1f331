// Resolver: getaddrinfo on a detached thread, completion via eventfd.
#include "wire/resolver.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include "util/text.h"
#include "wire/event_ring.h"
#include "wire/fd.h"

namespace wire {

struct Resolver::Shared {
    std::mutex mu;
    bool done = false;
    std::vector<SockAddr> addrs;
    std::string error;
    EventFd event;  // the doorbell fd() returns
};

std::string format_sockaddr(const sockaddr* sa, socklen_t len) {
    char buf[INET6_ADDRSTRLEN] = "";
    if (sa->sa_family == AF_INET && len >= sizeof(sockaddr_in)) {
        auto* in = reinterpret_cast<const sockaddr_in*>(sa);
        inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
        return std::string(buf) + ":" + std::to_string(ntohs(in->sin_port));
    }
    if (sa->sa_family == AF_INET6 && len >= sizeof(sockaddr_in6)) {
        auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
        inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
        return "[" + std::string(buf) + "]:" + std::to_string(ntohs(in6->sin6_port));
    }
    return "?";
}

namespace {

void resolve(const std::string& host, uint16_t port, int flags, std::vector<SockAddr>& out, std::string& error) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags | AI_ADDRCONFIG;
    addrinfo* res = nullptr;
    std::string service = std::to_string(port);
    int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
    if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME) {
        // AI_ADDRCONFIG hides ::1 and 127.0.0.1 on hosts without other
        // addresses of that family; try once more without it.
        hints.ai_flags = flags;
        rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
    }
    if (rc != 0) {
        std::string why = rc == EAI_SYSTEM ? std::string(strerror(errno)) : gai_strerror(rc);
        error = util::lower_first(why);
        return;
    }
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        if (ai->ai_addrlen > sizeof(sockaddr_storage)) continue;
        SockAddr a;
        memcpy(&a.addr, ai->ai_addr, ai->ai_addrlen);
        a.len = ai->ai_addrlen;
        a.family = ai->ai_family;
        a.text = format_sockaddr(ai->ai_addr, ai->ai_addrlen);
        out.push_back(std::move(a));
    }
    freeaddrinfo(res);
    if (out.empty()) error = "no usable address";
}

}  // namespace

Resolver::Resolver(const std::string& host, uint16_t port) : shared_(std::make_shared<Shared>()) {
    // Literals need no thread.
    in6_addr a6;
    in_addr a4;
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1 || inet_pton(AF_INET6, host.c_str(), &a6) == 1) {
        resolve(host, port, AI_NUMERICHOST, shared_->addrs, shared_->error);
        shared_->done = true;
        shared_->event.notify();
        return;
    }
    std::shared_ptr<Shared> s = shared_;
    try {
        std::thread([s, host, port] {
            std::vector<SockAddr> addrs;
            std::string error;
            resolve(host, port, 0, addrs, error);
            std::lock_guard<std::mutex> lock(s->mu);
            s->addrs = std::move(addrs);
            s->error = std::move(error);
            s->done = true;
            s->event.notify();
        }).detach();
    } catch (const std::system_error& e) {
        std::lock_guard<std::mutex> lock(shared_->mu);
        shared_->error = "cannot start a thread";
        shared_->done = true;
        shared_->event.notify();
    }
}

Resolver::~Resolver() = default;

int Resolver::fd() const {
    return shared_->event.fd();
}

bool Resolver::done() const {
    if (collected_) return true;
    std::lock_guard<std::mutex> lock(shared_->mu);
    return shared_->done;
}

void Resolver::collect() const {
    if (collected_) return;
    std::lock_guard<std::mutex> lock(shared_->mu);
    addrs_ = shared_->addrs;
    error_ = shared_->error;
    collected_ = shared_->done;
}

const std::vector<SockAddr>& Resolver::addresses() const {
    collect();
    return addrs_;
}

const std::string& Resolver::error() const {
    collect();
    return error_;
}

}  // namespace wire
