#include "exporter/exporter.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>

#include "exporter/details_watch.h"
#include "exporter/exposition.h"
#include "exporter/gauges.h"
#include "exporter/locations.h"
#include "exporter/process.h"
#include "exporter/task_totals.h"
#include "util/log.h"

namespace exporter {

using session::Clock;

struct Exporter::Metrics {
    explicit Metrics(const ExporterOptions& o)
        : task_locations(o.max_locations), resource_locations(o.max_locations), details(o.watch_details) {}

    LocationSlots task_locations, resource_locations;
    TaskTotals totals;
    DetailsWatch details;
};

namespace {

const char kIndex[] = R"(<!DOCTYPE html>
<html><head><title>tokio-console exporter</title></head>
<body><h1>tokio-console exporter</h1>
<p><a href="/metrics">Metrics</a> &middot; <a href="/-/healthy">Health</a></p>
<p>See tokio-console-exporter(1).</p></body></html>
)";

}  // namespace

Exporter::Exporter(ExporterOptions o) : o_(std::move(o)), fleet_(o_.session, o_.make_source) {}

Exporter::~Exporter() {
    fleet_.shutdown();
}

unsigned Exporter::port() const {
    return server_ ? server_->port() : 0;
}

// A member's metrics, made when it joins; those of members that left go.
Exporter::Metrics& Exporter::metrics_of(const session::Member& m) {
    auto& slot = metrics_[m.slot];
    if (!slot) slot = std::make_unique<Metrics>(o_);
    return *slot;
}

bool Exporter::start(std::string& error) {
    server_ = HttpServer::start(
        o_.listen, [this](const Request& r) { return handle(r); }, error);
    if (!server_) return false;
    util::log_info("serving metrics on '%s'", o_.listen.address.c_str());
    for (const std::string& said : fleet_.set_targets(o_.targets)) util::log_info("%s", said.c_str());
    return true;
}

// SIGHUP: the targets again.  A bad list is a warning, and the old one
// stays; otherwise targets join and leave, the others go on.
void Exporter::reload() {
    if (!o_.reload_targets) return;
    TargetList list;
    std::string error;
    if (!o_.reload_targets(list, error)) {
        util::log_warn("targets not read again, the old list stays: %s", error.c_str());
        return;
    }
    std::vector<std::string> said = fleet_.set_targets(list);
    std::string text;
    for (const std::string& s : said) text += (text.empty() ? "" : ", ") + s;
    util::log_info("targets read again: %s", text.empty() ? "no change" : text.c_str());
    for (auto it = metrics_.begin(); it != metrics_.end();)
        it = fleet_.by_slot(it->first) ? std::next(it) : metrics_.erase(it);
}

int Exporter::run(const LoopSignals& signals) {
    next_tick_ = Clock::now();
    while (!signals.quit()) {
        if (signals.take_reload && signals.take_reload()) reload();
        wait_once(signals);
    }
    util::log_info("stopping on signal %d", signals.quit());
    return 0;
}

// One ppoll over every session and the server, signals let in.
void Exporter::wait_once(const LoopSignals& signals) {
    std::vector<pollfd> fds;
    fleet_.add_pollfds(fds);
    fds.push_back(pollfd{server_->fd(), POLLIN, 0});
    Clock::time_point until = next_tick_;
    if (auto d = fleet_.deadline()) until = std::min(until, *d);
    if (auto ms = server_->timeout()) until = std::min(until, Clock::now() + *ms);
    auto left =
        std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now()).count());
    timespec ts{static_cast<time_t>(left / 1'000'000'000), static_cast<long>(left % 1'000'000'000)};
    int r = ppoll(fds.data(), fds.size(), &ts, signals.wait_mask);
    if (r < 0 && errno != EINTR) util::log_warn("ppoll: %s", strerror(errno));
    session::FleetPumped p = fleet_.pump(r > 0 ? fds.data() : nullptr);
    for (size_t i = 0; i < fleet_.size(); i++) after_pump(fleet_[i], p.members[i]);
    server_->run();
    if (Clock::now() >= next_tick_) {
        tick();
        next_tick_ = Clock::now() + std::chrono::seconds(1);
    }
}

void Exporter::after_pump(session::Member& member, const session::Pumped& p) {
    for (const std::string& n : p.notices) util::log_warn("%s: %s", member.name.c_str(), n.c_str());
    if (!p.changed) return;
    Metrics& t = metrics_of(member);
    const model::Model& m = member.session->model();
    t.totals.observe(m, t.task_locations, p.reset);
    assign_resource_locations(m, t.resource_locations);
    t.details.observe(m, t.task_locations, p.reset);
}

void Exporter::tick() {
    fleet_.tick();
    for (size_t i = 0; i < fleet_.size(); i++) {
        session::Member& member = fleet_[i];
        Metrics& t = metrics_of(member);
        if (t.details.enabled() && member.last_update)
            member.session->watch_details(t.details.choose(member.session->model(), Clock::now()));
    }
}

std::string Exporter::metrics(const std::string& accept, std::string& content_type_out) {
    Families f;
    auto now = Clock::now();
    for (size_t i = 0; i < fleet_.size(); i++) {
        const session::Member& member = fleet_[i];
        const std::string& app = member.name;
        bool up = member.last_update && member.session->status().link == session::SourceStatus::Link::Connected;
        f.gauge("tokio_console_target_up", "Whether the target is connected and sending updates.", {{"app", app}},
                up ? 1 : 0);
        double age = member.last_update ? std::chrono::duration<double>(now - *member.last_update).count()
                                        : std::numeric_limits<double>::infinity();
        f.gauge("tokio_console_target_last_update_age_seconds", "Seconds since the target's last update.",
                {{"app", app}}, age);
    }
    for (size_t i = 0; i < fleet_.size(); i++) {
        const session::Member& member = fleet_[i];
        Metrics& t = metrics_of(member);
        const model::Model& m = member.session->model();
        const std::string& app = member.name;
        write_task_states(m, app, t.task_locations, f);
        t.totals.write(app, t.task_locations, f);
        write_lints(m, app, f);
        write_resources(m, member.session->now(), o_.blocked_after, app, t.resource_locations, f);
        t.details.write(m, app, t.task_locations, f);
        if (o_.per_task) write_per_task(m, o_.max_tasks, app, f);
    }
    write_process(f);
    Format format = format_for_accept(accept);
    content_type_out = content_type(format);
    return write(f.all(), format);
}

Reply Exporter::handle(const Request& r) {
    Reply reply;
    if (r.path != "/metrics" && r.path != "/" && r.path != "/-/healthy") {
        reply.status = 404;
        reply.body = "not found\n";
        return reply;
    }
    if (r.method != "GET" && r.method != "HEAD") {
        reply.status = 405;
        reply.allow = "GET, HEAD";
        reply.body = "method not allowed\n";
        return reply;
    }
    if (r.path == "/metrics") {
        reply.body = metrics(r.accept, reply.content_type);
    } else if (r.path == "/") {
        reply.content_type = "text/html; charset=utf-8";
        reply.body = kIndex;
    } else {
        reply.body = "OK\n";
    }
    return reply;
}

}  // namespace exporter
