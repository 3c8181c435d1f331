// console-peer: a stand-in for an application instrumented with
// console-subscriber.  It serves the Instrument gRPC service from a
// scripted scenario, the built-in demo or a recorded stream, and with
// --dump it is a client that prints what a server sends.
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include "dump.h"
#include "script.h"
#include "service.h"

namespace {

const char usage[] = "usage: console-peer [--listen HOST:PORT|unix:PATH] [--port-file FILE]\n"
                     "                    [--scenario NAME|FILE | --replay FILE [--replay-details FILE] [--speed X]]\n"
                     "                    [--interval MS] [--retain SECONDS] [--no-watch-state] [--frozen-clock]\n"
                     "                    [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]]\n"
                     "                    [--ping-policy grpc-default [--min-ping-interval MS]]\n"
                     "       console-peer --dump ADDR [--rpc updates|details|state|pause|resume] [--task ID]\n"
                     "                    [--count N] [--timeout SECONDS] [--list]\n"
                     "                    [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]\n";

[[noreturn]] void die(const std::string& msg) {
    std::fprintf(stderr, "console-peer: %s\n", msg.c_str());
    std::exit(2);
}

bool slurp(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

std::string dir_of(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

// A scenario by file name, or by name from t/scenarios beside the binary.
std::unique_ptr<peer::Script> find_scenario(const std::string& what, const std::string& argv0) {
    if (what == "demo") return peer::make_demo(1);
    std::string text, origin;
    for (const std::string& path :
         {what, dir_of(argv0) + "/../scenarios/" + what + ".scn", "t/scenarios/" + what + ".scn"}) {
        if (slurp(path, text)) {
            origin = path;
            break;
        }
    }
    if (origin.empty()) die("cannot find scenario '" + what + "'");
    std::string error;
    auto s = peer::load_scenario(text, origin, error);
    if (!s) die(error);
    return s;
}

void write_port_file(const std::string& path, const std::string& content) {
    std::string tmp = path + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "w");
    if (!f || std::fprintf(f, "%s\n", content.c_str()) < 0 || std::fclose(f) != 0)
        die("cannot write '" + tmp + "': " + std::strerror(errno));
    if (std::rename(tmp.c_str(), path.c_str()) != 0) die("cannot rename '" + tmp + "': " + std::strerror(errno));
}

struct Args {
    std::string listen = "127.0.0.1:0", port_file, scenario = "basic";
    std::string replay, replay_details;
    double speed = 1;
    int64_t interval_ms = 200;
    bool interval_given = false;
    int64_t retain_s = 60;
    bool watch_state = true;
    std::string tls_cert, tls_key, tls_client_ca;
    // Ping policing: gRPC core's defaults, set explicitly (so a change of
    // library default cannot loosen them); the interval scaled for tests.
    bool ping_policy = false;
    int64_t min_ping_interval_ms = 300000;
    bool dump = false;
    bool frozen_clock = false;
    peer::DumpOptions d;
};

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; i++) {
        std::string o = argv[i];
        auto val = [&]() -> std::string {
            if (i + 1 >= argc) die("option '" + o + "' needs a value");
            return argv[++i];
        };
        auto num = [&]() -> double {
            std::string v = val();
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            if (v.empty() || *end || d < 0) die("bad number '" + v + "' for '" + o + "'");
            return d;
        };
        if (o == "--listen")
            a.listen = val();
        else if (o == "--port-file")
            a.port_file = val();
        else if (o == "--scenario")
            a.scenario = val();
        else if (o == "--replay")
            a.replay = val();
        else if (o == "--replay-details")
            a.replay_details = val();
        else if (o == "--speed")
            a.speed = num();
        else if (o == "--interval")
            a.interval_ms = static_cast<int64_t>(num()), a.interval_given = true;
        else if (o == "--retain")
            a.retain_s = static_cast<int64_t>(num());
        else if (o == "--frozen-clock")
            a.frozen_clock = true;
        else if (o == "--no-watch-state")
            a.watch_state = false;
        else if (o == "--tls-cert")
            a.tls_cert = a.d.tls_cert = val();
        else if (o == "--tls-key")
            a.tls_key = a.d.tls_key = val();
        else if (o == "--tls-client-ca")
            a.tls_client_ca = val();
        else if (o == "--ping-policy") {
            if (val() != "grpc-default") die("unknown ping policy '" + std::string(argv[i]) + "'");
            a.ping_policy = true;
        } else if (o == "--min-ping-interval")
            a.min_ping_interval_ms = static_cast<int64_t>(num());
        else if (o == "--max-send-message-size")
            val();  // always unlimited; accepted for compatibility
        else if (o == "--dump")
            a.dump = true, a.d.address = val();
        else if (o == "--rpc")
            a.d.rpc = val();
        else if (o == "--task")
            a.d.task = static_cast<uint64_t>(num());
        else if (o == "--count")
            a.d.count = static_cast<uint64_t>(num());
        else if (o == "--timeout")
            a.d.timeout_s = num();
        else if (o == "--list")
            a.d.list = true;
        else if (o == "--tls-ca")
            a.d.tls_ca = val();
        else if (o == "-h" || o == "--help") {
            std::fputs(usage, stdout);
            std::exit(0);
        } else {
            std::fputs(usage, stderr);
            die("unknown option '" + o + "'");
        }
    }
    if (a.speed <= 0) die("bad speed");
    if (a.interval_ms <= 0) die("bad interval");
    return a;
}

std::shared_ptr<grpc::ServerCredentials> server_credentials(const Args& a) {
    if (a.tls_cert.empty() && a.tls_key.empty()) return grpc::InsecureServerCredentials();
    grpc::SslServerCredentialsOptions ssl(a.tls_client_ca.empty()
                                              ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                              : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
    if (!slurp(a.tls_key, pair.private_key)) die("cannot read '" + a.tls_key + "'");
    if (!slurp(a.tls_cert, pair.cert_chain)) die("cannot read '" + a.tls_cert + "'");
    ssl.pem_key_cert_pairs.push_back(pair);
    if (!a.tls_client_ca.empty() && !slurp(a.tls_client_ca, ssl.pem_root_certs))
        die("cannot read '" + a.tls_client_ca + "'");
    return grpc::SslServerCredentials(ssl);
}

// The scenario or the recording to serve, and how to serve it.
std::unique_ptr<peer::Script> load_source(const Args& a, const char* argv0, peer::ServiceOptions& so) {
    so.watch_state = a.watch_state;
    so.speed = a.speed;
    std::unique_ptr<peer::Script> script;
    std::string error;
    if (!a.replay.empty()) {
        so.replay = true;
        if (!peer::read_frames(a.replay, so.replay_updates, error)) die(error);
        if (!a.replay_details.empty() && !peer::read_frames(a.replay_details, so.replay_details, error)) die(error);
    } else {
        script = find_scenario(a.scenario, argv0);
    }
    so.interval_ns = a.interval_ms * 1'000'000;
    if (script && script->interval_ns() && !a.interval_given) so.interval_ns = script->interval_ns();
    return script;
}

// Signals are taken by sigwait; every thread inherits the mask.
sigset_t block_signals() {
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
    signal(SIGPIPE, SIG_IGN);
    return sigs;
}

// Listens, writes the port file and says where it listens.
std::unique_ptr<grpc::Server> start_server(const Args& a, peer::Service& service) {
    grpc::ServerBuilder builder;
    int port = 0;
    bool unix_socket = a.listen.rfind("unix:", 0) == 0;
    builder.AddListeningPort(a.listen, server_credentials(a), unix_socket ? nullptr : &port);
    builder.SetMaxSendMessageSize(INT_MAX);
    builder.SetMaxReceiveMessageSize(INT_MAX);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 4);
    builder.RegisterService(&service);
    if (a.ping_policy) {
        // gRPC core's server defaults (doc/keepalive.md): with no data sent,
        // a ping sooner than the interval after the last is a strike; the
        // third strike is answered with GOAWAY "too_many_pings".
        builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                                   static_cast<int>(a.min_ping_interval_ms));
        builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
        builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
    }
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (!server || (!unix_socket && port == 0)) die("cannot listen on '" + a.listen + "'");
    if (!a.port_file.empty()) write_port_file(a.port_file, unix_socket ? a.listen : std::to_string(port));
    std::fprintf(stderr, "console-peer: listening on %s\n",
                 unix_socket ? a.listen.c_str()
                             : (a.listen.substr(0, a.listen.rfind(':')) + ":" + std::to_string(port)).c_str());
    return server;
}

// The script runs on its own thread until a signal arrives.
void drive_until_signal(peer::World& world, peer::Script* script, int64_t retain_s, const sigset_t& sigs) {
    std::mutex mu;
    std::condition_variable cv;
    // Set without the lock: with a million tasks a run of the script can
    // last past the next one's time, the driver then takes the lock back
    // at once, round after round, and a signal waiting for it would never
    // end the peer.  A wakeup lost between the check and the wait costs
    // at most the wait, a second.
    std::atomic<bool> done = false;
    std::thread driver([&] {
        std::unique_lock lock(mu);
        int64_t next_expire = 0;
        while (!done.load()) {
            int64_t now = peer::wall_now_ns();
            int64_t next = script ? script->run(world, now) : -1;
            if (now >= next_expire) {
                world.expire(now, retain_s * 1'000'000'000);
                next_expire = now + 1'000'000'000;
            }
            int64_t until = next < 0 ? next_expire : std::min(next, next_expire);
            cv.wait_for(lock, std::chrono::nanoseconds(std::max<int64_t>(until - peer::wall_now_ns(), 0)));
        }
    });

    int sig = 0;
    sigwait(&sigs, &sig);
    done.store(true);
    if (script) script->stop();
    cv.notify_all();
    driver.join();
}

}  // namespace

int main(int argc, char** argv) {
    Args a = parse_args(argc, argv);
    if (a.dump) return peer::run_dump(a.d);

    peer::World world;
    peer::ServiceOptions so;
    std::unique_ptr<peer::Script> script = load_source(a, argv[0], so);

    // Before the signals are blocked: a large scenario takes a while to
    // build, and a signal meanwhile must still end the peer.
    // 2026-01-01T00:00:00Z: the same start and `now` on every run.
    constexpr int64_t frozen_epoch_ns = 1'767'225'600'000'000'000;
    if (a.frozen_clock) peer::freeze_clock(frozen_epoch_ns);
    if (script) script->start(world, a.frozen_clock ? frozen_epoch_ns : peer::wall_now_ns());

    sigset_t sigs = block_signals();
    peer::Service service(world, so);
    std::unique_ptr<grpc::Server> server = start_server(a, service);
    drive_until_signal(world, script.get(), a.retain_s, sigs);
    service.stop();
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    return 0;
}
