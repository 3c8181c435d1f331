// The peer's own check client: connects to an Instrument server with the
// reference gRPC library and prints one line per message received, so the
// tests can see what a server sends without the console.
#pragma once

#include <cstdint>
#include <string>

namespace peer {

struct DumpOptions {
    std::string address;          // grpc target: host:port or unix:/path
    std::string rpc = "updates";  // updates, details, state, pause, resume
    uint64_t task = 0;            // for details
    uint64_t count = 0;           // stop after this many messages; 0: never
    double timeout_s = 10;        // deadline of the whole call
    bool list = false;            // also print each new task and resource
    std::string tls_ca, tls_cert, tls_key;
};

// Runs the client; returns the exit status (0 when the call went as asked).
int run_dump(const DumpOptions& options);

}  // namespace peer
