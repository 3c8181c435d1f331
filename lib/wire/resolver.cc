// Resolver: getaddrinfo on a detached thread, completion via eventfd.
#include "wire/resolver.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/eventfd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include "wire/fd.h"

namespace wire {

struct Resolver::Shared {
    std::mutex mu;
    bool done = false;
    std::vector<SockAddr> addrs;
    std::string error;
    UniqueFd event;
};

std::string format_sockaddr(const sockaddr* sa, socklen_t len)
{
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

std::string lowercase_first(std::string s)
{
    if (!s.empty())
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

void resolve(const std::string& host, uint16_t port, int flags, std::vector<SockAddr>& out,
             std::string& error)
{
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
        error = lowercase_first(why);
        return;
    }
    for (addrinfo* ai = res; ai; ai = ai->ai_next) {
        if (ai->ai_addrlen > sizeof(sockaddr_storage))
            continue;
        SockAddr a;
        memcpy(&a.addr, ai->ai_addr, ai->ai_addrlen);
        a.len = ai->ai_addrlen;
        a.family = ai->ai_family;
        a.text = format_sockaddr(ai->ai_addr, ai->ai_addrlen);
        out.push_back(std::move(a));
    }
    freeaddrinfo(res);
    if (out.empty())
        error = "no usable address";
}

}  // namespace

Resolver::Resolver(const std::string& host, uint16_t port) : shared_(std::make_shared<Shared>())
{
    shared_->event = UniqueFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    // Literals need no thread.
    in6_addr a6;
    in_addr a4;
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1 || inet_pton(AF_INET6, host.c_str(), &a6) == 1) {
        resolve(host, port, AI_NUMERICHOST, shared_->addrs, shared_->error);
        shared_->done = true;
        uint64_t one = 1;
        (void)!write(shared_->event.get(), &one, sizeof one);
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
            uint64_t one = 1;
            (void)!write(s->event.get(), &one, sizeof one);
        }).detach();
    } catch (const std::system_error& e) {
        std::lock_guard<std::mutex> lock(shared_->mu);
        shared_->error = "cannot start a thread";
        shared_->done = true;
        uint64_t one = 1;
        (void)!write(shared_->event.get(), &one, sizeof one);
    }
}

Resolver::~Resolver() = default;

int Resolver::fd() const { return shared_->event.get(); }

bool Resolver::done() const
{
    if (collected_)
        return true;
    std::lock_guard<std::mutex> lock(shared_->mu);
    return shared_->done;
}

void Resolver::collect() const
{
    if (collected_)
        return;
    std::lock_guard<std::mutex> lock(shared_->mu);
    addrs_ = shared_->addrs;
    error_ = shared_->error;
    collected_ = shared_->done;
}

const std::vector<SockAddr>& Resolver::addresses() const
{
    collect();
    return addrs_;
}

const std::string& Resolver::error() const
{
    collect();
    return error_;
}

}  // namespace wire
