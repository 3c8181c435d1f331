// Transport: non-blocking socket connect, plain and TLS reads and writes.
#include "wire/transport.h"

#include <fcntl.h>
#include <linux/vm_sockets.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/un.h>

#include <csignal>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace wire {

namespace {

// OpenSSL writes to the socket with write(2), which raises SIGPIPE when
// the peer has gone.  Block it on this thread for the call and swallow one
// that our write caused (the usual recipe; the process's disposition is
// left alone).
class SigpipeBlock {
public:
    SigpipeBlock() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE);
        if (!was_pending_) blocked_ = pthread_sigmask(SIG_BLOCK, &set_, &old_) == 0;
    }
    ~SigpipeBlock() {
        if (!blocked_) return;
        int saved = errno;
        sigset_t pending;
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE)) {
            timespec zero{};
            while (sigtimedwait(&set_, nullptr, &zero) < 0 && errno == EINTR) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
        errno = saved;
    }
    SigpipeBlock(const SigpipeBlock&) = delete;
    SigpipeBlock& operator=(const SigpipeBlock&) = delete;

private:
    sigset_t set_, old_;
    bool was_pending_ = false;
    bool blocked_ = false;
};

// A peer whose host or network has gone sends nothing, not even a reset:
// the kernel's keepalive probes find it when the connection is idle, and
// the user timeout when data we sent stays unacknowledged.  Either way the
// socket fails (ETIMEDOUT) at most kTcpDeadAfter after the peer was last
// heard.  Probes are TCP's own and never reach the gRPC server, so no ping
// policy applies to them.  Failures are ignored: the HTTP/2 PING remains.
constexpr int kTcpIdle = 30;       // seconds idle before the first probe
constexpr int kTcpInterval = 10;   // seconds between probes
constexpr int kTcpProbes = 3;      // unanswered probes that end it
constexpr int kTcpDeadAfter = 60;  // seconds: TCP_USER_TIMEOUT

void set_tcp_options(int fd) {
    int one = 1, idle = kTcpIdle, interval = kTcpInterval, probes = kTcpProbes;
    unsigned user_timeout = kTcpDeadAfter * 1000;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes);
    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout, sizeof user_timeout);
}

}  // namespace

SockAddr unix_address(const std::string& path) {
    SockAddr a;
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    size_t n = std::min(path.size(), sizeof un.sun_path - 1);
    memcpy(un.sun_path, path.data(), n);
    memcpy(&a.addr, &un, sizeof un);
    a.len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + n + 1);
    a.family = AF_UNIX;
    a.text = path;
    return a;
}

SockAddr vsock_address(uint32_t cid, uint32_t port) {
    SockAddr a;
    sockaddr_vm vm{};
    vm.svm_family = AF_VSOCK;
    vm.svm_cid = cid;
    vm.svm_port = port;
    memcpy(&a.addr, &vm, sizeof vm);
    a.len = sizeof vm;
    a.family = AF_VSOCK;
    a.text = "vsock " + std::to_string(cid) + ":" + std::to_string(port);
    return a;
}

Transport::Io Transport::fail(Error::Kind kind, int err, std::string detail) {
    error_ = Error{kind, subject_, std::move(detail), err};
    return Io::Error;
}

Transport::Io Transport::connect(const SockAddr& addr, const std::string& subject) {
    subject_ = subject;
    error_ = Error{};
    fd_.reset(::socket(addr.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd_) {
        int err = errno;
        if (addr.family == AF_VSOCK && (err == EAFNOSUPPORT || err == EINVAL))
            return fail(Error::Kind::Connect, 0, "vsock is not available on this system");
        return fail(Error::Kind::Connect, err);
    }
    if (addr.family == AF_INET || addr.family == AF_INET6) set_tcp_options(fd_.get());
    if (::connect(fd_.get(), reinterpret_cast<const sockaddr*>(&addr.addr), addr.len) == 0) return Io::Done;
    if (errno == EINPROGRESS || errno == EAGAIN) return Io::WouldBlock;
    int err = errno;
    fd_.reset();
    return fail(Error::Kind::Connect, err);
}

Transport::Io Transport::finish_connect() {
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd_.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err == 0) return Io::Done;
    if (err == EINPROGRESS || err == EALREADY) return Io::WouldBlock;
    fd_.reset();
    return fail(Error::Kind::Connect, err);
}

bool Transport::start_tls(SSL_CTX* ctx, const std::string& verify_host, bool verify) {
    std::string err;
    ssl_ = make_client_tls(ctx, verify_host, fd_.get(), verify, err);
    if (!ssl_) {
        error_ = Error{Error::Kind::Other, subject_, err};
        return false;
    }
    return true;
}

Transport::Io Transport::tls_io_error(int rc, Error::Kind kind) {
    int e = SSL_get_error(ssl_.get(), rc);
    want_write_ = false;
    switch (e) {
    case SSL_ERROR_WANT_READ: return Io::WouldBlock;
    case SSL_ERROR_WANT_WRITE: want_write_ = true; return Io::WouldBlock;
    case SSL_ERROR_ZERO_RETURN: return Io::Closed;
    case SSL_ERROR_SYSCALL: {
        int err = errno;
        ERR_clear_error();
        if (rc == 0 || err == 0) return Io::Closed;
        return fail(kind, err);
    }
    default: return fail(kind, 0, openssl_error());
    }
}

Transport::Io Transport::handshake() {
    ERR_clear_error();
    SigpipeBlock guard;
    int rc = SSL_do_handshake(ssl_.get());
    if (rc == 1) {
        want_write_ = false;
        const unsigned char* proto = nullptr;
        unsigned int len = 0;
        SSL_get0_alpn_selected(ssl_.get(), &proto, &len);
        if (len != 2 || memcmp(proto, "h2", 2) != 0) return fail(Error::Kind::NoAlpn, 0);
        return Io::Done;
    }
    long verify = SSL_get_verify_result(ssl_.get());
    int e = SSL_get_error(ssl_.get(), rc);
    if (verify != X509_V_OK && e == SSL_ERROR_SSL) {
        ERR_clear_error();
        std::string why = X509_verify_cert_error_string(verify);
        if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH)
            why = "certificate is not valid for this host name";
        else if (verify == X509_V_ERR_CERT_HAS_EXPIRED)
            why = "certificate has expired";
        else
            why = "certificate is not trusted (" + why + ")";
        return fail(Error::Kind::Tls, 0, why);
    }
    Io io = tls_io_error(rc, Error::Kind::Tls);
    if (io == Io::Closed) return fail(Error::Kind::Tls, 0, "connection closed by peer");
    return io;
}

Transport::Io Transport::read(uint8_t* buf, size_t cap, size_t& got) {
    got = 0;
    if (ssl_) {
        ERR_clear_error();
        SigpipeBlock guard;
        int rc = SSL_read(ssl_.get(), buf, static_cast<int>(std::min<size_t>(cap, 1 << 30)));
        if (rc > 0) {
            want_write_ = false;
            got = static_cast<size_t>(rc);
            return Io::Done;
        }
        return tls_io_error(rc, Error::Kind::Read);
    }
    ssize_t n = ::recv(fd_.get(), buf, cap, 0);
    if (n > 0) {
        got = static_cast<size_t>(n);
        return Io::Done;
    }
    if (n == 0) return Io::Closed;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return Io::WouldBlock;
    return fail(Error::Kind::Read, errno);
}

Transport::Io Transport::write(const uint8_t* buf, size_t len, size_t& sent) {
    sent = 0;
    if (ssl_) {
        ERR_clear_error();
        SigpipeBlock guard;
        int rc = SSL_write(ssl_.get(), buf, static_cast<int>(std::min<size_t>(len, 1 << 30)));
        if (rc > 0) {
            sent = static_cast<size_t>(rc);
            return Io::Done;
        }
        Io io = tls_io_error(rc, Error::Kind::Write);
        if (io == Io::Closed) return fail(Error::Kind::ClosedTls, 0);
        return io;
    }
    ssize_t n = ::send(fd_.get(), buf, len, MSG_NOSIGNAL);
    if (n >= 0) {
        sent = static_cast<size_t>(n);
        return Io::Done;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return Io::WouldBlock;
    return fail(Error::Kind::Write, errno);
}

bool Transport::has_pending() const {
    return ssl_ && SSL_pending(ssl_.get()) > 0;
}

void Transport::close() {
    if (ssl_ && fd_) {
        ERR_clear_error();
        SigpipeBlock guard;
        SSL_shutdown(ssl_.get());
        ERR_clear_error();
    }
    ssl_.reset();
    if (fd_) ::shutdown(fd_.get(), SHUT_RDWR);
    fd_.reset();
}

}  // namespace wire
