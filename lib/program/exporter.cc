#include "program/exporter.h"

#include <csignal>

#include "config/targets.h"
#include "exporter/exporter.h"
#include "program/launch.h"
#include "program/options.h"
#include "util/log.h"
#include "util/report.h"
#include "util/signals.h"

namespace program {

namespace {

constexpr int kUsage = 2;

void exporter_options(const config::Settings& s, const std::vector<config::NamedTarget>& targets,
                      exporter::ExporterOptions& o) {
    o.listen.address = s.exporter.listen;
    o.listen.tls_cert = s.exporter.tls_cert;
    o.listen.tls_key = s.exporter.tls_key;
    o.targets = name_address_pairs(targets);
    o.reload_targets = targets_reader(s);
    o.make_source = live_sources(s);
    o.session = session_options(s);
    // The long-poll lint reads the watched tasks' poll times.
    if (s.exporter.watch_details) o.session.lints.enabled |= 1u << static_cast<int>(model::Lint::LongPoll);
    o.max_locations = s.exporter.max_locations;
    o.per_task = s.exporter.per_task;
    o.max_tasks = s.exporter.max_tasks;
    o.watch_details = s.exporter.watch_details;
    o.blocked_after = static_cast<model::Nanos>(s.blocked_after_ns);
}

}  // namespace

int run_exporter(const config::Settings& settings, const std::vector<config::NamedTarget>& targets) {
    exporter::ExporterOptions o;
    exporter_options(settings, targets, o);
    std::string error;
    signal(SIGPIPE, SIG_IGN);
    util::hangup_reloads();
    try {
        exporter::Exporter e(std::move(o));
        if (!e.start(error)) {
            util::report_error(error);
            return kUsage;
        }
        return e.run({&util::wait_mask(), &util::quit_signal, &util::take_reload});
    } catch (const std::exception& ex) {
        util::log_error("fatal: %s", ex.what());
        util::report_error(ex.what());
        return 1;
    }
}

}  // namespace program
