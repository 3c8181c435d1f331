// `tokio-console exporter`: one session per target and the HTTP server,
// driven by one ppoll loop on one thread.  Scrapes are answered between
// pumps, from the models as they stand; nothing waits on a client.
//
//   Exporter e(options);
//   if (!e.start(error)) ...exit 2
//   return e.run(signals);
#pragma once

#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "config/targets.h"
#include "exporter/http_server.h"
#include "model/time.h"
#include "session/session.h"
#include "wire/client.h"

namespace exporter {

struct ExporterOptions {
    ListenOptions listen;
    std::vector<config::NamedTarget> targets;  // the arguments or console.toml
    std::string targets_file;                  // more, read again on reload
    config::NamedTarget default_target;        // when there are none at all
    session::SessionOptions session;
    wire::ClientOptions client;
    size_t max_locations = 500;
    bool per_task = false;
    size_t max_tasks = 100;
    size_t watch_details = 0;
    model::Nanos blocked_after = 1'000'000'000;
};

// How the program hands its signals to the loop (util/signals.h).
struct LoopSignals {
    const sigset_t* wait_mask = nullptr;  // let in during the wait
    int (*quit)() = nullptr;              // the quit signal, 0 while none came
    bool (*take_reload)() = nullptr;      // SIGHUP came since the last call
};

class Exporter {
public:
    explicit Exporter(ExporterOptions o);
    ~Exporter();

    // Reads the targets file, listens and connects; false with a one-line
    // error (a usage error: exit status 2).
    bool start(std::string& error);
    // Until a quit signal; returns the exit status.
    int run(const LoopSignals& signals);

    // One scrape's text, and the port listened on (for tests).
    Reply handle(const Request& r);
    unsigned port() const;

private:
    struct Target;
    bool targets_now(std::vector<config::NamedTarget>& out, std::string& error) const;
    void set_targets(const std::vector<config::NamedTarget>& list);
    void reload();
    void wait_once(const LoopSignals& signals);
    void pump(Target& t, bool readable);
    void tick();
    std::string metrics(const std::string& accept, std::string& content_type);

    ExporterOptions o_;
    std::vector<std::unique_ptr<Target>> targets_;
    std::unique_ptr<HttpServer> server_;
    session::Clock::time_point next_tick_{};
};

}  // namespace exporter
