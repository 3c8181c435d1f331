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
#include "session/live_source.h"
#include "util/log.h"

namespace exporter {

using session::Clock;

struct Exporter::Target {
    Target(const config::NamedTarget& n, const ExporterOptions& o, std::unique_ptr<session::Source> source)
        : named(n), session(o.session, std::move(source)), task_locations(o.max_locations),
          resource_locations(o.max_locations), details(o.watch_details) {}

    config::NamedTarget named;
    session::Session session;
    LocationSlots task_locations, resource_locations;
    TaskTotals totals;
    DetailsWatch details;
    bool updated = false;  // an update came on this connection
    std::optional<Clock::time_point> last_update;
};

namespace {

const char kIndex[] = R"(<!DOCTYPE html>
<html><head><title>tokio-console exporter</title></head>
<body><h1>tokio-console exporter</h1>
<p><a href="/metrics">Metrics</a> &middot; <a href="/-/healthy">Health</a></p>
<p>See tokio-console-exporter(1).</p></body></html>
)";

std::unique_ptr<session::Source> live_source(const config::NamedTarget& t, const wire::ClientOptions& client) {
    wire::Target target;
    std::string why;
    if (!wire::parse_target(t.address, target, why)) return nullptr;  // checked when the list was read
    return std::make_unique<session::LiveSource>(target, client);
}

}  // namespace

Exporter::Exporter(ExporterOptions o) : o_(std::move(o)) {}

Exporter::~Exporter() {
    for (auto& t : targets_) t->session.shutdown();
}

unsigned Exporter::port() const {
    return server_ ? server_->port() : 0;
}

// The arguments' targets, then the file's; the default when none at all.
bool Exporter::targets_now(std::vector<config::NamedTarget>& out, std::string& error) const {
    std::vector<config::NamedTarget> list = o_.targets;
    if (!o_.targets_file.empty()) {
        std::vector<config::NamedTarget> more;
        if (!config::read_targets_file(o_.targets_file, more, error) || !config::add_targets(list, more, error))
            return false;
    }
    if (list.empty()) list.push_back(o_.default_target);
    out = std::move(list);
    return true;
}

// Keeps the sessions of targets whose name and address stay, ends the
// others', connects the new ones.
void Exporter::set_targets(const std::vector<config::NamedTarget>& list) {
    std::vector<std::unique_ptr<Target>> next;
    for (const auto& n : list) {
        auto same = [&](const std::unique_ptr<Target>& t) { return t && t->named == n; };
        auto it = std::find_if(targets_.begin(), targets_.end(), same);
        if (it != targets_.end()) {
            next.push_back(std::move(*it));
            continue;
        }
        auto source = live_source(n, o_.client);
        if (!source) continue;
        util::log_info("exporting '%s' (%s)", n.name.c_str(), n.address.c_str());
        next.push_back(std::make_unique<Target>(n, o_, std::move(source)));
    }
    for (auto& t : targets_)
        if (t) {
            util::log_info("no longer exporting '%s'", t->named.name.c_str());
            t->session.shutdown();
        }
    targets_ = std::move(next);
}

bool Exporter::start(std::string& error) {
    std::vector<config::NamedTarget> list;
    if (!targets_now(list, error)) return false;
    server_ = HttpServer::start(
        o_.listen, [this](const Request& r) { return handle(r); }, error);
    if (!server_) return false;
    util::log_info("serving metrics on '%s'", o_.listen.address.c_str());
    set_targets(list);
    return true;
}

void Exporter::reload() {
    std::vector<config::NamedTarget> list;
    std::string error;
    if (!targets_now(list, error)) {
        util::log_warn("targets not read again, the old list is kept: %s", error.c_str());
        return;
    }
    util::log_info("targets read again: %zu", list.size());
    set_targets(list);
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
    for (auto& t : targets_) fds.push_back(pollfd{t->session.fd(), POLLIN, 0});
    fds.push_back(pollfd{server_->fd(), POLLIN, 0});
    Clock::time_point until = next_tick_;
    for (auto& t : targets_)
        if (auto d = t->session.deadline()) until = std::min(until, *d);
    if (auto ms = server_->timeout()) until = std::min(until, Clock::now() + *ms);
    auto left = std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now()).count());
    timespec ts{static_cast<time_t>(left / 1'000'000'000), static_cast<long>(left % 1'000'000'000)};
    int r = ppoll(fds.data(), fds.size(), &ts, signals.wait_mask);
    if (r < 0 && errno != EINTR) util::log_warn("ppoll: %s", strerror(errno));
    bool ready = r > 0;
    for (size_t i = 0; i < targets_.size(); i++) pump(*targets_[i], ready && fds[i].revents);
    server_->run();
    if (Clock::now() >= next_tick_) {
        tick();
        next_tick_ = Clock::now() + std::chrono::seconds(1);
    }
}

void Exporter::pump(Target& t, bool readable) {
    session::Pumped p = t.session.pump(readable);
    for (const std::string& n : p.notices) util::log_warn("%s: %s", t.named.name.c_str(), n.c_str());
    if (p.reset) t.updated = false;
    if (p.whole_updates) {
        t.updated = true;
        t.last_update = Clock::now();
    }
    if (!p.changed) return;
    const model::Model& m = t.session.model();
    t.totals.observe(m, t.task_locations, p.reset);
    assign_resource_locations(m, t.resource_locations);
    t.details.observe(m, t.task_locations, p.reset);
}

void Exporter::tick() {
    for (auto& t : targets_) {
        t->session.tick();
        if (t->details.enabled() && t->updated) t->session.watch_details(t->details.choose(t->session.model(), Clock::now()));
    }
}

std::string Exporter::metrics(const std::string& accept, std::string& content_type_out) {
    Families f;
    auto now = Clock::now();
    for (auto& t : targets_) {
        const std::string& app = t->named.name;
        bool up = t->updated && t->session.status().link == session::SourceStatus::Link::Connected;
        f.gauge("tokio_console_target_up", "Whether the target is connected and sending updates.", {{"app", app}},
                up ? 1 : 0);
        double age = t->last_update ? std::chrono::duration<double>(now - *t->last_update).count()
                                    : std::numeric_limits<double>::infinity();
        f.gauge("tokio_console_target_last_update_age_seconds", "Seconds since the target's last update.",
                {{"app", app}}, age);
    }
    for (auto& t : targets_) {
        const model::Model& m = t->session.model();
        const std::string& app = t->named.name;
        write_task_states(m, app, t->task_locations, f);
        t->totals.write(app, t->task_locations, f);
        write_lints(m, app, f);
        write_resources(m, t->session.now(), o_.blocked_after, app, t->resource_locations, f);
        t->details.write(app, t->task_locations, f);
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
