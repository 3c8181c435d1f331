// Move-only owners of OpenSSL's SSL_CTX and SSL, and the client context
// the console uses: TLS 1.2 or newer, ALPN "h2" offered, peer verified
// against the system store (or --tls-ca) unless verification is off, an
// optional client certificate for mutual TLS.
#pragma once

#include <memory>
#include <string>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace wire {

struct SslCtxFree {
    void operator()(SSL_CTX* c) const;
};
struct SslFree {
    void operator()(SSL* s) const;
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;

struct TlsSettings {
    std::string ca_file;    // empty: the system trust store
    std::string cert_file;  // client certificate chain (PEM)
    std::string key_file;   // its private key (PEM)
    bool insecure = false;  // skip certificate and host-name checks
};

// Builds the client context; on failure returns null and sets error to a
// one-line reason naming the file at fault.
SslCtxPtr make_client_tls_context(const TlsSettings& settings, std::string& error);

// A new connection object for host (SNI and host-name check), reading and
// writing fd.
SslPtr make_client_tls(SSL_CTX* ctx, const std::string& host, int fd, bool verify, std::string& error);

// The first queued OpenSSL error as lowercase text ("" if none); clears
// the queue.
std::string openssl_error();

}  // namespace wire
