#include "program/dump.h"

#include <poll.h>

#include <cerrno>
#include <csignal>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include "config/values.h"
#include "model/filter.h"
#include "model/model.h"
#include "program/dump_merge.h"
#include "program/dump_rows.h"
#include "program/dump_writer.h"
#include "program/launch.h"
#include "program/options.h"
#include "session/fleet.h"
#include "session/recording_fleet.h"
#include "session/recording_source.h"
#include "session/session.h"
#include "util/duration.h"
#include "util/log.h"
#include "util/report.h"
#include "util/signals.h"

namespace program {

namespace {

using session::Clock;

constexpr model::Nanos kSecond = 1'000'000'000;

int fail(int status, const std::string& message) {
    util::report_error(message);
    return status;
}

// $COLUMNS when it is a sane width, else 120.
int table_width() {
    const char* c = getenv("COLUMNS");
    long w = c && *c ? strtol(c, nullptr, 10) : 0;
    return w >= 20 && w <= 100000 ? static_cast<int>(w) : 120;
}

// A task that a lint of --fail-on fired on, as it was when it did.
struct Offender {
    std::string name, location;
    uint16_t lints = 0;
};
// By application (its name when several are watched, else "") and shown id.
using OffenderKey = std::pair<std::string, uint64_t>;

// A lint to fail on is checked whatever --warn says.
session::SessionOptions dump_session_options(const config::Settings& s, uint16_t fail_mask) {
    session::SessionOptions o = session_options(s);
    o.lints.enabled |= fail_mask;
    return o;
}

class Dump {
public:
    // A recording is played at full speed to --at (its end by default)
    // instead of waited on.
    // `fleet`: one member per target, or the one recording.
    Dump(const config::Settings& s, std::unique_ptr<session::Fleet> fleet, DumpQuery q, uint16_t fail_mask)
        : settings_(s.dump), fleet_(std::move(fleet)), q_(std::move(q)), draw_(draw_options(s)),
          writer_(stdout, s.dump.format, table_width(), draw_.ascii, s.dump.watch), fail_mask_(fail_mask) {}

    int run();

private:
    bool several() const { return fleet_->size() > 1; }
    // The name the rows, the filter and the messages give member i; "" for one.
    std::string app(size_t i) const { return several() ? (*fleet_)[i].name : std::string(); }
    bool updating() const;
    bool all_updated() const;
    bool write_snapshot();
    int unreachable();
    int play_recording(session::Playback& recording);
    void pump_until(Clock::time_point until);
    void wait_once(Clock::time_point until);
    void pump(const pollfd* fds);
    void note_offenders(size_t member);
    void note_offender(size_t member, const model::Task& t, uint16_t lints);
    int finish(int status);

    const config::DumpSettings& settings_;
    std::unique_ptr<session::Fleet> fleet_;
    DumpQuery q_;
    view::DrawOptions draw_;
    DumpWriter writer_;
    uint16_t fail_mask_;
    std::map<OffenderKey, Offender> offenders_;
    model::Nanos last_tick_ = 0;
};

int Dump::run() {
    if (session::Playback* recording = (*fleet_)[0].session->playback()) return play_recording(*recording);
    // Waits for every target's first Update (the full one) within --connect-timeout.
    Clock::time_point deadline = Clock::now() + std::chrono::nanoseconds(settings_.connect_timeout_ns);
    while (!all_updated() && !util::quit_signal() && Clock::now() < deadline) wait_once(deadline);
    if (util::quit_signal()) return finish(kDumpOk);
    // Those that answered are printed; the others are named, and the exit
    // status says that one was not reached.
    int status = all_updated() ? kDumpOk : unreachable();
    if (!fleet_->updates()) return finish(status);
    Clock::time_point next = Clock::now() + std::chrono::nanoseconds(settings_.wait_ns);
    for (uint64_t n = 0;;) {
        pump_until(next);
        if (util::quit_signal()) break;
        if (!write_snapshot()) return finish(fail(kDumpFailed, "cannot write to standard output"));
        if (!settings_.watch || (settings_.count && ++n >= settings_.count)) break;
        next += std::chrono::nanoseconds(settings_.interval_ns);
        if (next < Clock::now()) next = Clock::now();
    }
    return finish(status);
}

bool Dump::all_updated() const {
    for (size_t i = 0; i < fleet_->size(); i++)
        if (!(*fleet_)[i].session->updates()) return false;
    return true;
}

bool Dump::updating() const {
    for (size_t i = 0; i < fleet_->size(); i++)
        if ((*fleet_)[i].session->model().updating()) return true;
    return false;
}

// Names each target that sent no update in time.
int Dump::unreachable() {
    for (size_t i = 0; i < fleet_->size(); i++) {
        const session::Session& s = *(*fleet_)[i].session;
        if (s.updates()) continue;
        std::string why = s.status().last_error;
        fail(kDumpUnreachable,
             "cannot reach '" + s.status().name + "' within " +
                 util::format_duration(static_cast<int64_t>(settings_.connect_timeout_ns), util::kExactDuration,
                                       true) +
                 (why.empty() ? "" : ": " + why));
    }
    return kDumpUnreachable;
}

// One target's rows as they always were; several targets' merged, each
// with its app.
bool Dump::write_snapshot() {
    if (!several()) return writer_.write(DumpRows((*fleet_)[0].session->model(), q_, draw_), q_);
    std::vector<std::unique_ptr<DumpRows>> parts;
    for (size_t i = 0; i < fleet_->size(); i++)
        parts.push_back(std::make_unique<DumpRows>((*fleet_)[i].session->model(), q_, draw_, app(i)));
    return writer_.write(MergedRows(std::move(parts), q_), q_);
}

// Everything up to --at at once, then one snapshot (of every application
// recorded, on the recording's one timeline).
int Dump::play_recording(session::Playback& recording) {
    recording.play_to(settings_.at_ns.value_or(recording.length_ns()));
    while (!recording.idle() && !util::quit_signal()) pump(nullptr);
    if (util::quit_signal()) return finish(kDumpOk);
    for (size_t i = 0; i < fleet_->size(); i++) {
        session::Session& session = *(*fleet_)[i].session;
        session.model().tick(session.clock());
        note_offenders(i);
    }
    if (!recording.warning().empty()) util::log_warn("%s", recording.warning().c_str());
    if (!write_snapshot()) return finish(fail(kDumpFailed, "cannot write to standard output"));
    return finish(kDumpOk);
}

// Also past `until` while an update is part way in: a dump shows whole ones.
void Dump::pump_until(Clock::time_point until) {
    while (!util::quit_signal() && Clock::now() < until) wait_once(until);
    while (!util::quit_signal() && updating()) wait_once(Clock::now() + std::chrono::milliseconds(100));
}

// One ppoll on every target, signals let in; then their events.
void Dump::wait_once(Clock::time_point until) {
    if (auto d = fleet_->deadline()) until = std::min(until, *d);
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now()).count();
    left = std::clamp<model::Nanos>(left, 0, kSecond);  // the clock's lints are checked each second
    timespec ts{static_cast<time_t>(left / kSecond), static_cast<long>(left % kSecond)};
    std::vector<pollfd> fds;
    fleet_->add_pollfds(fds);
    int r = ppoll(fds.data(), fds.size(), &ts, &util::wait_mask());
    if (r < 0 && errno != EINTR) return;
    pump(r > 0 ? fds.data() : nullptr);
    model::Nanos now = session::mono_ns();
    if (fleet_->updates() && now - last_tick_ >= kSecond) {
        fleet_->tick();
        last_tick_ = now;
        for (size_t i = 0; i < fleet_->size(); i++) note_offenders(i);
    }
}

void Dump::pump(const pollfd* fds) {
    session::FleetPumped p = fleet_->pump(fds);
    for (size_t i = 0; i < p.members.size(); i++) {
        std::string prefix = several() ? app(i) + ": " : "";
        for (const std::string& n : p.members[i].notices) util::log_warn("%s%s", prefix.c_str(), n.c_str());
        if (p.members[i].whole_updates) note_offenders(i);
    }
}

// The tasks that a lint of --fail-on fires on now, among those --filter
// keeps now; a pass over the tasks only when the counts say there is one.
void Dump::note_offenders(size_t member) {
    if (!fail_mask_) return;
    const session::Session& s = *(*fleet_)[member].session;
    auto counts = s.model().tasks().count_by_lint();
    bool any = false;
    for (int l = 0; l < model::kLintCount; l++) any |= (fail_mask_ & (1u << l)) && counts[l];
    if (!any) return;
    const model::Model& m = s.model();
    const auto& tasks = m.tasks();
    // A filter of resources or async ops says nothing of the tasks.
    bool of_tasks = q_.table == model::FilterTable::Tasks || q_.table == model::FilterTable::Warnings;
    if (q_.filter.empty() || !of_tasks) {
        for (size_t i = 0; i < tasks.size(); i++) note_offender(member, tasks.row(i), tasks.row(i).warnings);
        return;
    }
    // A CI job that filters down to its own tasks must not fail on others.
    if (q_.table == model::FilterTable::Tasks) {
        for (uint32_t r : model::filter_tasks(q_.filter, tasks, m.strings(), s.now(), app(member)))
            note_offender(member, tasks.row(r), tasks.row(r).warnings);
        return;
    }
    // The warnings view: the warnings its filter keeps.
    std::vector<uint32_t> warnings;
    for (size_t i = 0; i < tasks.size(); i++)
        for (int l = 0; l < model::kLintCount; l++)
            if (tasks.row(i).warnings & fail_mask_ & (1u << l))
                warnings.push_back(model::warning_row(static_cast<uint32_t>(i), l));
    for (uint32_t w :
         model::filter_warnings(q_.filter, tasks, m.strings(), s.now(), m.lint_config(), warnings, app(member)))
        note_offender(member, tasks.row(model::warning_task(w)), 1u << model::warning_lint(w));
}

// `lints`: those of the task's warnings that count.
void Dump::note_offender(size_t member, const model::Task& t, uint16_t lints) {
    if (!(lints & fail_mask_)) return;
    const model::Model& m = (*fleet_)[member].session->model();
    Offender& o = offenders_[{app(member), t.id}];
    o.name = m.strings().get(t.name);
    o.location = m.strings().get(t.location);
    o.lints |= lints & fail_mask_;
}

// Says goodbye to the sources; names the tasks --fail-on caught (and
// their app, when there are several).
int Dump::finish(int status) {
    fleet_->shutdown();
    for (const auto& [key, o] : offenders_) {
        std::string lints;
        for (int l = 0; l < model::kLintCount; l++)
            if (o.lints & (1u << l))
                lints += (lints.empty() ? "" : ", ") + std::string(model::lint_name(static_cast<model::Lint>(l)));
        std::string where = o.location.empty() ? "" : " (" + o.location + ")";
        std::string app = key.first.empty() ? "" : key.first + ": ";
        util::report_error(app + "task " + std::to_string(key.second) + " '" + o.name + "'" + where + ": " + lints);
    }
    if (!offenders_.empty() && status == kDumpOk) return kDumpFailed;
    return status;
}

uint16_t lint_mask(const std::vector<std::string>& names) {
    uint16_t mask = 0;
    for (const auto& name : names) {
        model::Lint l;
        if (model::lint_from_name(name, l)) mask |= 1u << static_cast<int>(l);
    }
    return mask;
}

}  // namespace

int run_dump(const config::Settings& settings, const std::vector<config::NamedTarget>& targets) {
    DumpQuery q;
    std::string error;
    if (!make_query(settings.dump, q, error)) return fail(kDumpUsage, error);
    uint16_t fail_mask = lint_mask(settings.dump.fail_on);
    auto fleet = std::make_unique<session::Fleet>(dump_session_options(settings, fail_mask), live_sources(settings));
    if (!settings.dump.from.empty()) {
        std::unique_ptr<session::RecordingSource> source = session::RecordingSource::open(settings.dump.from, error);
        if (!source) return fail(kDumpFailed, error);
        session::add_recording(*fleet, std::move(source), settings.dump.from);
    } else {
        fleet->set_targets(name_address_pairs(targets));
        if (fleet->size() != targets.size()) return fail(kDumpUsage, "a target does not parse");  // checked before
    }
    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN);  // a closed pipe is a write error, not a death
    try {
        Dump dump(settings, std::move(fleet), std::move(q), fail_mask);
        return dump.run();
    } catch (const std::exception& e) {
        util::log_error("fatal: %s", e.what());
        return fail(kDumpFailed, e.what());
    }
}

}  // namespace program
