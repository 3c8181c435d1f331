// wire-probe: connects to a console target with wire::Client and prints
// one line per event, for the wire end-to-end tests.
//
//   wire-probe [options] TARGET
//     --count N          exit 0 after N events
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
#include <string>

#include "update_view.pb.h"
#include "util/log.h"
#include "wire/client.h"

namespace {

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: wire-probe [--count N] [--until PREFIX] [--timeout S] TARGET\n");
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv)
{
    wire::ClientOptions opt;
    long count = -1, shutdown_after = -1;
    double timeout_s = 20;
    std::string until, target_text, log_dir;
    bool do_pause = false, do_resume = false, stop_details = false, quiet_updates = false;
    long details = -1, loop_ms = -1;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                usage();
            return argv[++i];
        };
        if (a == "--count")
            count = std::atol(next().c_str());
        else if (a == "--until")
            until = next();
        else if (a == "--timeout")
            timeout_s = std::atof(next().c_str());
        else if (a == "--pause")
            do_pause = true;
        else if (a == "--resume")
            do_resume = true;
        else if (a == "--details")
            details = std::atol(next().c_str());
        else if (a == "--stop-details")
            stop_details = true;
        else if (a == "--loop-ms")
            loop_ms = std::atol(next().c_str());
        else if (a == "--quiet-updates")
            quiet_updates = true;
        else if (a == "--shutdown-after")
            shutdown_after = std::atol(next().c_str());
        else if (a == "--max-message-size")
            opt.max_message_size = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--tls-ca")
            opt.tls_ca = next();
        else if (a == "--tls-cert")
            opt.tls_cert = next();
        else if (a == "--tls-key")
            opt.tls_key = next();
        else if (a == "--tls-insecure")
            opt.tls_insecure = true;
        else if (a == "--connect-timeout")
            opt.connect_timeout = std::chrono::milliseconds(std::atol(next().c_str()));
        else if (a == "--keepalive-time")
            opt.keepalive_time = std::chrono::milliseconds(std::atol(next().c_str()));
        else if (a == "--keepalive-timeout")
            opt.keepalive_timeout = std::chrono::milliseconds(std::atol(next().c_str()));
        else if (a == "--log-dir")
            log_dir = next();
        else if (!a.empty() && a[0] == '-')
            usage();
        else
            target_text = a;
    }
    if (target_text.empty())
        usage();
    wire::Target target;
    std::string err;
    util::LogFilter filter;
    if (!log_dir.empty() && (!util::parse_log_filter("debug", filter, err) ||
                             !util::log_init(filter, log_dir, err))) {
        std::printf("error: %s\n", err.c_str());
        return 2;
    }
    if (!wire::parse_target(target_text, target, err)) {
        std::printf("error: %s\n", err.c_str());
        return 2;
    }
    wire::Client client(target, opt);
    auto deadline = wire::Clock::now() + std::chrono::milliseconds(long(timeout_s * 1000));
    long seen = 0;
    bool first_update = true, paused_sent = false;
    long iterations = 0;
    wire::Clock::duration longest_gap{}, longest_call{};
    auto last_iteration = wire::Clock::now();
    auto finish = [&](int rc) {
        using std::chrono::duration_cast;
        using std::chrono::milliseconds;
        if (loop_ms >= 0)
            std::printf("loop iterations=%ld longest-gap=%lld longest-call=%lld\n", iterations,
                        static_cast<long long>(duration_cast<milliseconds>(longest_gap).count()),
                        static_cast<long long>(duration_cast<milliseconds>(longest_call).count()));
        return rc;
    };
    while (true) {
        auto now = wire::Clock::now();
        iterations++;
        longest_gap = std::max(longest_gap, now - last_iteration);
        last_iteration = now;
        if (now >= deadline) {
            std::printf("timeout\n");
            return 1;
        }
        int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1);
        int t = left;
        if (loop_ms >= 0 && t > loop_ms)
            t = static_cast<int>(loop_ms);
        pollfd pfd{client.fd(), POLLIN, 0};
        int n = poll(&pfd, 1, t);
        if (n < 0 && errno != EINTR) {
            std::perror("poll");
            return 2;
        }
        auto call_start = wire::Clock::now();
        client.process(n > 0 ? pfd.revents : 0);
        longest_call = std::max(longest_call, wire::Clock::now() - call_start);
        wire::Event ev;
        while (true) {
            call_start = wire::Clock::now();
            bool got = client.next_event(ev);
            longest_call = std::max(longest_call, wire::Clock::now() - call_start);
            if (!got)
                break;
            std::string line;
            bool print = true;
            if (auto* e = std::get_if<wire::event::Connected>(&ev)) {
                (void)e;
                line = "connected generation=" + std::to_string(client.status().generation);
            } else if (auto* e = std::get_if<wire::event::Disconnected>(&ev)) {
                line = "disconnected: " + e->error;
            } else if (auto* e = std::get_if<wire::event::Update>(&ev)) {
                tokio_console::view::Update u;
                u.ParseFromArray(e->msg->bytes().data(), static_cast<int>(e->msg->bytes().size()));
                line = "update tasks=" + std::to_string(u.task_update().new_tasks_size()) +
                       " stats=" + std::to_string(u.task_update().stats_update_size()) +
                       " resources=" + std::to_string(u.resource_update().new_resources_size()) +
                       " bytes=" + std::to_string(u.ByteSizeLong());
                if (u.task_update().new_tasks_size() > 0)
                    line += " first=" + std::to_string(u.task_update().new_tasks(0).id().id());
                print = !quiet_updates;
                if (first_update) {
                    first_update = false;
                    if (do_pause) {
                        client.pause();
                        paused_sent = true;
                    }
                    if (details >= 0)
                        client.watch_task_details(static_cast<uint64_t>(details));
                }
            } else if (auto* e = std::get_if<wire::event::TaskDetails>(&ev)) {
                line = "details task=" + std::to_string(e->msg->task_id().id());
                if (stop_details)
                    client.stop_task_details();
            } else if (auto* e = std::get_if<wire::event::State>(&ev)) {
                line = std::string("state ") + (e->paused ? "paused" : "live");
                if (e->paused && paused_sent && do_resume) {
                    paused_sent = false;
                    client.resume();
                }
            } else if (std::get_if<wire::event::StateUnsupported>(&ev)) {
                line = "state-unsupported";
            } else if (auto* e = std::get_if<wire::event::PauseResult>(&ev)) {
                line = std::string("pause-result ") + (e->pause ? "pause " : "resume ") +
                       (e->error.empty() ? "ok" : "error: " + e->error);
                if (e->pause && paused_sent && do_resume && !client.status().state_supported) {
                    paused_sent = false;
                    client.resume();
                }
            } else if (auto* e = std::get_if<wire::event::RpcError>(&ev)) {
                line = "rpc-error " + e->rpc + ": " + e->error;
            }
            if (print) {
                std::printf("%s\n", line.c_str());
                std::fflush(stdout);
            }
            seen++;
            if (!until.empty() && line.rfind(until, 0) == 0)
                return finish(0);
            if (count >= 0 && seen >= count)
                return finish(0);
            if (shutdown_after >= 0 && seen >= shutdown_after) {
                auto t0 = wire::Clock::now();
                client.shutdown();
                auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              wire::Clock::now() - t0)
                              .count();
                std::printf("closed in %lld ms state=%s\n", static_cast<long long>(ms),
                            client.status().state == wire::ConnState::Closed ? "closed" : "open");
                return 0;
            }
        }
    }
}
