// gRPC status names, grpc-message decoding, HTTP/2 error names.
#include "wire/grpc_status.h"

#include <cstdint>

namespace wire {

std::string grpc_code_name(int code) {
    static const char* const names[] = {
        "ok",        "cancelled",       "unknown",           "invalid argument",   "deadline exceeded",
        "not found", "already exists",  "permission denied", "resource exhausted", "failed precondition",
        "aborted",   "out of range",    "unimplemented",     "internal",           "unavailable",
        "data loss", "unauthenticated",
    };
    if (code >= 0 && code < static_cast<int>(sizeof names / sizeof names[0])) return names[code];
    return "code " + std::to_string(code);
}

namespace {
int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

int parse_grpc_status(std::string_view s) {
    if (s.empty() || s.size() > 9) return -1;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::string h2_error_name(uint32_t code) {
    static const char* const names[] = {
        "no error",
        "protocol error",
        "internal error",
        "flow control error",
        "settings timeout",
        "stream closed",
        "frame size error",
        "refused stream",
        "cancel",
        "compression error",
        "connect error",
        "enhance your calm",
        "inadequate security",
        "http/1.1 required",
    };
    if (code < sizeof names / sizeof names[0]) return names[code];
    return "error code " + std::to_string(code);
}

}  // namespace wire
