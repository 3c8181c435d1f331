// wire-probe: connects to a console target with wire::Client and prints
// one line per event, for the wire end-to-end tests.
//
//   wire-probe [options] TARGET
//     --count N          exit 0 after N events
//     --updates N        exit 0 after N update events
//     --until PREFIX     exit 0 after the first event line starting with PREFIX
//     --timeout SECONDS  give up (print "timeout", exit 1); default 20
//     --pause            send Pause after the first update; --resume after
//                        the state turns paused (or the pause result when
//                        the peer cannot report its state)
//     --details ID       watch task ID's details after the first update
//     --stop-details     stop watching after the first details message
//     --max-message-size N, --tls-ca F, --tls-cert F, --tls-key F,
//     --tls-insecure, --connect-timeout MS, --keepalive-time MS,
//     --keepalive-timeout MS
//     --log-dir DIR      write the wire's debug log to a new file in DIR
//     --shutdown-after N shut down after N events and print how long the
//                        socket took to close
//     --quiet-updates    do not print update lines (they still count)
//     --stall-ms MS      after the first update, and after every N-th with
//     --stall-every N    --stall-every, take no event for MS ms, as a busy
//                        owner would, so that the ring fills up
//     --ring-slots N     the ring between the threads holds N events
//     --loop-ms MS       wake at least every MS ms, as a terminal UI does,
//                        and at exit print "loop iterations=N longest-gap=MS
//                        longest-call=MS": the longest time between two
//                        iterations and spent in process() and next_event()
//
// Lines: "connected generation=N", "disconnected: ERROR",
// "update tasks=N stats=N resources=N bytes=N [first=TASK-ID]", "state paused|live",
// "state-unsupported", "pause-result pause|resume ok|error: E",
// "rpc-error RPC: E", "details task=ID".
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "update_view.pb.h"
#include "util/log.h"
#include "wire/client.h"

namespace {

[[noreturn]] void usage() {
    std::fprintf(stderr, "usage: wire-probe [--count N] [--until PREFIX] [--timeout S] TARGET\n");
    std::exit(2);
}

struct Options {
    wire::ClientOptions opt;
    long count = -1, updates = -1, shutdown_after = -1;
    double timeout_s = 20;
    std::string until, target_text, log_dir;
    bool do_pause = false, do_resume = false, stop_details = false, quiet_updates = false;
    long details = -1, loop_ms = -1, stall_ms = 0, stall_every = 0;
};

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (a == "--count")
            o.count = std::atol(next().c_str());
        else if (a == "--updates")
            o.updates = std::atol(next().c_str());
        else if (a == "--until")
            o.until = next();
        else if (a == "--timeout")
            o.timeout_s = std::atof(next().c_str());
        else if (a == "--pause")
            o.do_pause = true;
        else if (a == "--resume")
            o.do_resume = true;
        else if (a == "--details")
            o.details = std::atol(next().c_str());
        else if (a == "--stop-details")
            o.stop_details = true;
        else if (a == "--loop-ms")
            o.loop_ms = std::atol(next().c_str());
        else if (a == "--stall-ms")
            o.stall_ms = std::atol(next().c_str());
        else if (a == "--stall-every")
            o.stall_every = std::atol(next().c_str());
        else if (a == "--ring-slots")
            o.opt.ring_slots = std::strtoul(next().c_str(), nullptr, 10);
        else if (a == "--quiet-updates")
            o.quiet_updates = true;
        else if (a == "--shutdown-after")
            o.shutdown_after = std::atol(next().c_str());
        else if (a == "--max-message-size")
            o.opt.max_message_size = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--tls-ca")
            o.opt.tls_ca = next();
        else if (a == "--tls-cert")
            o.opt.tls_cert = next();
        else if (a == "--tls-key")
            o.opt.tls_key = next();
        else if (a == "--tls-insecure")
            o.opt.tls_insecure = true;
        else if (a == "--connect-timeout")
            o.opt.connect_timeout = std::chrono::milliseconds(std::atol(next().c_str()));
        else if (a == "--keepalive-time")
            o.opt.keepalive_time = std::chrono::milliseconds(std::atol(next().c_str()));
        else if (a == "--keepalive-timeout")
            o.opt.keepalive_timeout = std::chrono::milliseconds(std::atol(next().c_str()));
        else if (a == "--log-dir")
            o.log_dir = next();
        else if (!a.empty() && a[0] == '-')
            usage();
        else
            o.target_text = a;
    }
    if (o.target_text.empty()) usage();
    return o;
}

// The connection and what the loop has seen of it.
struct Probe {
    Probe(const Options& options, const wire::Target& target) : o(options), client(target, options.opt) {}

    const Options& o;
    wire::Client client;
    long seen = 0;
    long updates_seen = 0;
    bool first_update = true, paused_sent = false;
    long iterations = 0;
    wire::Clock::duration longest_gap{}, longest_call{};
    wire::Clock::time_point last_iteration = wire::Clock::now();
    wire::Clock::time_point stall_until{};  // --stall-ms: take no event before
};

int finish(const Probe& p, int rc) {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    if (p.o.loop_ms >= 0)
        std::printf("loop iterations=%ld longest-gap=%lld longest-call=%lld\n", p.iterations,
                    static_cast<long long>(duration_cast<milliseconds>(p.longest_gap).count()),
                    static_cast<long long>(duration_cast<milliseconds>(p.longest_call).count()));
    return rc;
}

// The first update starts a pause and a details watch when asked for.
std::string update_line(Probe& p, const wire::event::UpdatePart& e) {
    tokio_console::view::Update u;
    u.ParseFromArray(e.bytes->data(), static_cast<int>(e.bytes->size()));
    std::string line = "update tasks=" + std::to_string(u.task_update().new_tasks_size()) +
                       " stats=" + std::to_string(u.task_update().stats_update_size()) +
                       " resources=" + std::to_string(u.resource_update().new_resources_size()) +
                       " bytes=" + std::to_string(u.ByteSizeLong());
    if (u.task_update().new_tasks_size() > 0)
        line += " first=" + std::to_string(u.task_update().new_tasks(0).id().id());
    if (p.first_update) {
        p.first_update = false;
        if (p.o.do_pause) {
            p.client.pause();
            p.paused_sent = true;
        }
        if (p.o.details >= 0) p.client.watch_task_details(static_cast<uint64_t>(p.o.details));
    }
    return line;
}

// The event's line; acts on it where the options ask to.
std::string event_line(Probe& p, const wire::Event& ev) {
    std::string line;
    if (auto* e = std::get_if<wire::event::Connected>(&ev)) {
        (void)e;
        line = "connected generation=" + std::to_string(p.client.status().generation);
    } else if (auto* e = std::get_if<wire::event::Disconnected>(&ev)) {
        line = "disconnected: " + e->error;
    } else if (auto* e = std::get_if<wire::event::UpdatePart>(&ev)) {
        line = update_line(p, *e);
    } else if (auto* e = std::get_if<wire::event::TaskDetails>(&ev)) {
        line = "details task=" + std::to_string(e->msg->task_id().id());
        if (p.o.stop_details) p.client.stop_task_details();
    } else if (auto* e = std::get_if<wire::event::State>(&ev)) {
        line = std::string("state ") + (e->paused ? "paused" : "live");
        if (e->paused && p.paused_sent && p.o.do_resume) {
            p.paused_sent = false;
            p.client.resume();
        }
    } else if (std::get_if<wire::event::StateUnsupported>(&ev)) {
        line = "state-unsupported";
    } else if (auto* e = std::get_if<wire::event::PauseResult>(&ev)) {
        line = std::string("pause-result ") + (e->pause ? "pause " : "resume ") +
               (e->error.empty() ? "ok" : "error: " + e->error);
        if (e->pause && p.paused_sent && p.o.do_resume && !p.client.status().state_supported) {
            p.paused_sent = false;
            p.client.resume();
        }
    } else if (auto* e = std::get_if<wire::event::RpcError>(&ev)) {
        line = "rpc-error " + e->rpc + ": " + e->error;
    }
    return line;
}

// Ends the run once the options say enough has been seen.
std::optional<int> after_event(Probe& p, const std::string& line) {
    if (!p.o.until.empty() && line.rfind(p.o.until, 0) == 0) return finish(p, 0);
    if (p.o.count >= 0 && p.seen >= p.o.count) return finish(p, 0);
    if (p.o.shutdown_after >= 0 && p.seen >= p.o.shutdown_after) {
        auto t0 = wire::Clock::now();
        p.client.shutdown();
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wire::Clock::now() - t0).count();
        std::printf("closed in %lld ms state=%s\n", static_cast<long long>(ms),
                    p.client.status().state == wire::ConnState::Closed ? "closed" : "open");
        return 0;
    }
    if (line.rfind("update ", 0) != 0) return std::nullopt;
    ++p.updates_seen;
    if (p.o.updates >= 0 && p.updates_seen >= p.o.updates) return finish(p, 0);
    if (p.o.stall_ms > 0 && (p.updates_seen == 1 || (p.o.stall_every > 0 && p.updates_seen % p.o.stall_every == 0)))
        p.stall_until = wire::Clock::now() + std::chrono::milliseconds(p.o.stall_ms);
    return std::nullopt;
}

// Handles every event that is ready.
std::optional<int> take_events(Probe& p) {
    wire::Event ev;
    while (true) {
        if (wire::Clock::now() < p.stall_until) break;
        auto call_start = wire::Clock::now();
        bool got = p.client.next_event(ev);
        p.longest_call = std::max(p.longest_call, wire::Clock::now() - call_start);
        if (!got) break;
        // An update is one event here: its first part, which has its bytes.
        auto* part = std::get_if<wire::event::UpdatePart>(&ev);
        if (part && !part->first) continue;
        std::string line = event_line(p, ev);
        if (!part || !p.o.quiet_updates) {
            std::printf("%s\n", line.c_str());
            std::fflush(stdout);
        }
        p.seen++;
        if (auto rc = after_event(p, line)) return rc;
    }
    return std::nullopt;
}

int run(Probe& p) {
    auto deadline = wire::Clock::now() + std::chrono::milliseconds(long(p.o.timeout_s * 1000));
    while (true) {
        auto now = wire::Clock::now();
        p.iterations++;
        p.longest_gap = std::max(p.longest_gap, now - p.last_iteration);
        p.last_iteration = now;
        if (now >= deadline) {
            std::printf("timeout\n");
            return 1;
        }
        int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1);
        int t = left;
        if (p.o.loop_ms >= 0 && t > p.o.loop_ms) t = static_cast<int>(p.o.loop_ms);
        if (now < p.stall_until) t = std::min(t, 10);
        pollfd pfd{p.client.fd(), POLLIN, 0};
        int n = poll(&pfd, 1, t);
        if (n < 0 && errno != EINTR) {
            std::perror("poll");
            return 2;
        }
        auto call_start = wire::Clock::now();
        p.client.process(n > 0 ? pfd.revents : 0);
        p.longest_call = std::max(p.longest_call, wire::Clock::now() - call_start);
        if (auto rc = take_events(p)) return *rc;
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse_args(argc, argv);
    wire::Target target;
    std::string err;
    util::LogFilter filter;
    if (!o.log_dir.empty() &&
        (!util::parse_log_filter("debug", filter, err) || !util::log_init(filter, o.log_dir, err))) {
        std::printf("error: %s\n", err.c_str());
        return 2;
    }
    if (!wire::parse_target(o.target_text, target, err)) {
        std::printf("error: %s\n", err.c_str());
        return 2;
    }
    Probe p(o, target);
    return run(p);
}
