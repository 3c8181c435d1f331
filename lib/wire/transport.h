// One connected byte stream: a socket (TCP, Unix or vsock), with TLS on
// top when the target is https.  Non-blocking throughout: connect() starts
// the connection, then finish_connect() and handshake() are retried when
// the socket is ready until they report Done.
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "wire/error.h"
#include "wire/fd.h"
#include "wire/resolver.h"
#include "wire/tls_context.h"

namespace wire {

class Transport {
public:
    enum class Io { Done, WouldBlock, Closed, Error };

    Transport() = default;
    Transport(Transport&&) = default;
    Transport& operator=(Transport&&) = default;

    // Starts a non-blocking connect to addr; Error (with error()) when the
    // attempt failed at once.  subject names the peer in messages.
    Io connect(const SockAddr& addr, const std::string& subject);
    // After the socket polled writable: Done, WouldBlock or Error.
    Io finish_connect();
    // Puts TLS on the connected socket.  verify_host is the name (or
    // address) the certificate must match.
    bool start_tls(SSL_CTX* ctx, const std::string& verify_host, bool verify);
    // Done when the handshake is complete and the peer chose ALPN "h2".
    Io handshake();

    Io read(uint8_t* buf, size_t cap, size_t& got);
    Io write(const uint8_t* buf, size_t len, size_t& sent);

    int fd() const { return fd_.get(); }
    bool tls() const { return static_cast<bool>(ssl_); }
    // The TLS layer needs the socket writable (during the handshake, or a
    // read that must write first).
    bool wants_write() const { return want_write_; }
    // Bytes TLS has decrypted but not handed out: poll will not show them.
    bool has_pending() const;
    const Error& error() const { return error_; }
    // Best effort: TLS close_notify, then shut the socket down.
    void close();

private:
    UniqueFd fd_;
    SslPtr ssl_;
    std::string subject_;
    Error error_;
    bool want_write_ = false;
    bool eof_ = false;
    Io tls_io_error(int rc, Error::Kind kind);
    Io fail(Error::Kind kind, int err, std::string detail = "");
};

// Builds the socket address of a Unix path or a vsock CID:port.
SockAddr unix_address(const std::string& path);
SockAddr vsock_address(uint32_t cid, uint32_t port);

}  // namespace wire
