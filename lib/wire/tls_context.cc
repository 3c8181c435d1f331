// Client TLS context and connection setup through OpenSSL.
#include "wire/tls_context.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "util/file.h"
#include "util/text.h"

namespace wire {

void SslCtxFree::operator()(SSL_CTX* c) const {
    SSL_CTX_free(c);
}
void SslFree::operator()(SSL* s) const {
    SSL_free(s);
}

std::string openssl_error() {
    unsigned long e = ERR_get_error();
    std::string out;
    if (e != 0) {
        const char* r = ERR_reason_error_string(e);
        out = r ? r : "error " + std::to_string(e);
    }
    ERR_clear_error();
    return util::ascii_lower(out);
}

namespace {

// OpenSSL opens PEM files itself and would wait on a FIFO or read a
// device without end: only regular files of sane size are handed over.
bool pem_file_ok(const char* what, const std::string& path, std::string& error) {
    std::string why;
    if (util::check_regular_file(path, 16u << 20, why) != util::FileStatus::Error) return true;
    error = std::string("cannot load tls ") + what + " '" + path + "': " + why;
    return false;
}

}  // namespace

SslCtxPtr make_client_tls_context(const TlsSettings& s, std::string& error) {
    ERR_clear_error();
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) {
        error = "cannot set up tls: " + openssl_error();
        return nullptr;
    }
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx.get(),
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS);
    static const unsigned char alpn[] = {2, 'h', '2'};
    SSL_CTX_set_alpn_protos(ctx.get(), alpn, sizeof alpn);
    if (!s.ca_file.empty()) {
        if (!pem_file_ok("ca", s.ca_file, error)) return nullptr;
        if (SSL_CTX_load_verify_locations(ctx.get(), s.ca_file.c_str(), nullptr) != 1) {
            error = "cannot load tls ca '" + s.ca_file + "': " + openssl_error();
            return nullptr;
        }
    } else if (SSL_CTX_set_default_verify_paths(ctx.get()) != 1) {
        error = "cannot load the system trust store: " + openssl_error();
        return nullptr;
    }
    if (!s.cert_file.empty() || !s.key_file.empty()) {
        if (s.cert_file.empty() || s.key_file.empty()) {
            error = "a tls client certificate needs both --tls-cert and --tls-key";
            return nullptr;
        }
        if (!pem_file_ok("certificate", s.cert_file, error) || !pem_file_ok("key", s.key_file, error)) return nullptr;
        if (SSL_CTX_use_certificate_chain_file(ctx.get(), s.cert_file.c_str()) != 1) {
            error = "cannot load tls certificate '" + s.cert_file + "': " + openssl_error();
            return nullptr;
        }
        if (SSL_CTX_use_PrivateKey_file(ctx.get(), s.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
            error = "cannot load tls key '" + s.key_file + "': " + openssl_error();
            return nullptr;
        }
        if (SSL_CTX_check_private_key(ctx.get()) != 1) {
            error = "tls key '" + s.key_file + "' does not match certificate '" + s.cert_file + "'";
            return nullptr;
        }
    }
    SSL_CTX_set_verify(ctx.get(), s.insecure ? SSL_VERIFY_NONE : SSL_VERIFY_PEER, nullptr);
    return ctx;
}

SslPtr make_client_tls(SSL_CTX* ctx, const std::string& host, int fd, bool verify, std::string& error) {
    ERR_clear_error();
    SslPtr ssl(SSL_new(ctx));
    if (!ssl) {
        error = "cannot set up tls: " + openssl_error();
        return nullptr;
    }
    in6_addr a6;
    in_addr a4;
    bool literal = inet_pton(AF_INET, host.c_str(), &a4) == 1 || inet_pton(AF_INET6, host.c_str(), &a6) == 1;
    if (!literal) SSL_set_tlsext_host_name(ssl.get(), host.c_str());
    if (verify) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        int ok = literal ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                         : X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
        if (ok != 1) {
            error = "cannot set up tls host check for '" + host + "'";
            return nullptr;
        }
    }
    if (SSL_set_fd(ssl.get(), fd) != 1) {
        error = "cannot set up tls: " + openssl_error();
        return nullptr;
    }
    SSL_set_connect_state(ssl.get());
    return ssl;
}

}  // namespace wire
