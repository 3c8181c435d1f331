// `tokio-console exporter`: one session per target (a session::Fleet,
// joined and left as the console's) and the HTTP server, driven by one
// ppoll loop on one thread.  Scrapes are answered between
// pumps, from the models as they stand; nothing waits on a client.
//
//   Exporter e(options);
//   if (!e.start(error)) ...exit 2
//   return e.run(signals);
#pragma once

#include <csignal>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "exporter/http_server.h"
#include "model/time.h"
#include "session/fleet.h"

namespace exporter {

// (name, address) pairs, as session::Fleet takes them.
using TargetList = std::vector<std::pair<std::string, std::string>>;

struct ExporterOptions {
    ListenOptions listen;
    // The targets at start, and the list read again on SIGHUP (none: the
    // list stays): made by the program exactly as the console's are.
    TargetList targets;
    std::function<bool(TargetList&, std::string&)> reload_targets;
    session::Fleet::MakeSource make_source;
    session::SessionOptions session;
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

    // Listens and connects; false with a one-line error (a usage error:
    // exit status 2).
    bool start(std::string& error);
    // Until a quit signal; returns the exit status.
    int run(const LoopSignals& signals);

    // One scrape's text, and the port listened on (for tests).
    Reply handle(const Request& r);
    unsigned port() const;

private:
    struct Metrics;  // what one member's metrics keep between pumps
    Metrics& metrics_of(const session::Member& m);
    void reload();
    void wait_once(const LoopSignals& signals);
    void after_pump(session::Member& m, const session::Pumped& p);
    void tick();
    std::string metrics(const std::string& accept, std::string& content_type);

    ExporterOptions o_;
    session::Fleet fleet_;
    std::map<uint32_t, std::unique_ptr<Metrics>> metrics_;  // by member slot
    std::unique_ptr<HttpServer> server_;
    session::Clock::time_point next_tick_{};
};

}  // namespace exporter
