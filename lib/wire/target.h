// Where the console connects: parsed from http://, https://, file:// and
// vsock:// addresses as upstream tokio-console accepts them.
#pragma once

#include <cstdint>
#include <string>

namespace wire {

struct Target {
    enum class Kind { Tcp, Unix, Vsock } kind = Kind::Tcp;
    bool tls = false;  // https
    std::string host;  // DNS name or address literal, without brackets
    uint16_t port = 6669;
    std::string path;         // Unix socket path
    uint32_t vsock_cid = 0;   // vsock
    uint32_t vsock_port = 0;  // vsock (32 bits there)
    std::string text;         // as the user wrote it, for display
    std::string authority;    // for the :authority header

    // "host:port" (brackets around IPv6), the path, or "vsock CID:PORT":
    // the subject of connection error messages.
    std::string endpoint() const;
};

// Parses a target address; on failure returns false and sets error to a
// one-line reason.
bool parse_target(const std::string& text, Target& out, std::string& error);

}  // namespace wire
