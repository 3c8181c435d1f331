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
#include "program/dump_rows.h"
#include "program/dump_writer.h"
#include "program/launch.h"
#include "program/options.h"
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
    Dump(const config::Settings& s, std::unique_ptr<session::Source> source, DumpQuery q, uint16_t fail_mask)
        : settings_(s.dump), session_(dump_session_options(s, fail_mask), std::move(source)), q_(std::move(q)),
          draw_(draw_options(s)), writer_(stdout, s.dump.format, table_width(), draw_.ascii, s.dump.watch),
          fail_mask_(fail_mask) {}

    int run();

private:
    bool first_update();
    int play_recording(session::Playback& recording);
    void pump_until(Clock::time_point until);
    void wait_once(Clock::time_point until);
    void pump(bool readable);
    void note_offenders();
    void note_offender(const model::Task& t, uint16_t lints);
    int finish(int status);

    const config::DumpSettings& settings_;
    session::Session session_;
    DumpQuery q_;
    view::DrawOptions draw_;
    DumpWriter writer_;
    uint16_t fail_mask_;
    std::map<uint64_t, Offender> offenders_;  // by shown task id
    model::Nanos last_tick_ = 0;
};

int Dump::run() {
    if (session::Playback* recording = session_.playback()) return play_recording(*recording);
    if (!first_update()) {
        if (util::quit_signal()) return finish(kDumpOk);
        std::string why = session_.status().last_error;
        return finish(fail(
            kDumpUnreachable,
            "cannot reach '" + session_.status().name + "' within " +
                util::format_duration(static_cast<int64_t>(settings_.connect_timeout_ns), util::kExactDuration, true) +
                (why.empty() ? "" : ": " + why)));
    }
    Clock::time_point next = Clock::now() + std::chrono::nanoseconds(settings_.wait_ns);
    for (uint64_t n = 0;;) {
        pump_until(next);
        if (util::quit_signal()) break;
        DumpRows rows(session_.model(), q_, draw_);
        if (!writer_.write(rows, q_)) return finish(fail(kDumpFailed, "cannot write to standard output"));
        if (!settings_.watch || (settings_.count && ++n >= settings_.count)) break;
        next += std::chrono::nanoseconds(settings_.interval_ns);
        if (next < Clock::now()) next = Clock::now();
    }
    return finish(kDumpOk);
}

// Everything up to --at at once, then one snapshot.
int Dump::play_recording(session::Playback& recording) {
    recording.play_to(settings_.at_ns.value_or(recording.length_ns()));
    while (!recording.idle() && !util::quit_signal()) pump(false);
    if (util::quit_signal()) return finish(kDumpOk);
    session_.model().tick(session_.clock());
    note_offenders();
    if (!recording.warning().empty()) util::log_warn("%s", recording.warning().c_str());
    DumpRows rows(session_.model(), q_, draw_);
    if (!writer_.write(rows, q_)) return finish(fail(kDumpFailed, "cannot write to standard output"));
    return finish(kDumpOk);
}

// Waits for the first Update (the full one) within --connect-timeout.
bool Dump::first_update() {
    Clock::time_point deadline = Clock::now() + std::chrono::nanoseconds(settings_.connect_timeout_ns);
    while (!session_.updates() && !util::quit_signal() && Clock::now() < deadline) wait_once(deadline);
    return session_.updates() > 0;
}

// Also past `until` while an update is part way in: a dump shows whole ones.
void Dump::pump_until(Clock::time_point until) {
    while (!util::quit_signal() && Clock::now() < until) wait_once(until);
    while (!util::quit_signal() && session_.model().updating()) wait_once(Clock::now() + std::chrono::milliseconds(100));
}

// One ppoll on the source, signals let in; then its events.
void Dump::wait_once(Clock::time_point until) {
    if (auto d = session_.deadline()) until = std::min(until, *d);
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now()).count();
    left = std::clamp<model::Nanos>(left, 0, kSecond);  // the clock's lints are checked each second
    timespec ts{static_cast<time_t>(left / kSecond), static_cast<long>(left % kSecond)};
    pollfd fd{session_.fd(), POLLIN, 0};
    int r = ppoll(&fd, fd.fd >= 0 ? 1 : 0, &ts, &util::wait_mask());
    if (r < 0 && errno != EINTR) return;
    pump(r > 0 && fd.revents);
    model::Nanos now = session_.clock();
    if (session_.updates() && now - last_tick_ >= kSecond) {
        session_.tick();
        last_tick_ = now;
        note_offenders();
    }
}

void Dump::pump(bool readable) {
    session::Pumped p = session_.pump(readable);
    for (const std::string& n : p.notices) util::log_warn("%s", n.c_str());
    if (p.whole_updates) note_offenders();
}

// The tasks that a lint of --fail-on fires on now, among those --filter
// keeps now; a pass over the tasks only when the counts say there is one.
void Dump::note_offenders() {
    if (!fail_mask_) return;
    auto counts = session_.model().tasks().count_by_lint();
    bool any = false;
    for (int l = 0; l < model::kLintCount; l++) any |= (fail_mask_ & (1u << l)) && counts[l];
    if (!any) return;
    const model::Model& m = session_.model();
    const auto& tasks = m.tasks();
    // A filter of resources or async ops says nothing of the tasks.
    bool of_tasks = q_.table == model::FilterTable::Tasks || q_.table == model::FilterTable::Warnings;
    if (q_.filter.empty() || !of_tasks) {
        for (size_t i = 0; i < tasks.size(); i++) note_offender(tasks.row(i), tasks.row(i).warnings);
        return;
    }
    // A CI job that filters down to its own tasks must not fail on others.
    if (q_.table == model::FilterTable::Tasks) {
        for (uint32_t r : model::filter_tasks(q_.filter, tasks, m.strings(), session_.now()))
            note_offender(tasks.row(r), tasks.row(r).warnings);
        return;
    }
    // The warnings view: the warnings its filter keeps.
    std::vector<uint32_t> warnings;
    for (size_t i = 0; i < tasks.size(); i++)
        for (int l = 0; l < model::kLintCount; l++)
            if (tasks.row(i).warnings & fail_mask_ & (1u << l))
                warnings.push_back(model::warning_row(static_cast<uint32_t>(i), l));
    for (uint32_t w : model::filter_warnings(q_.filter, tasks, m.strings(), session_.now(), m.lint_config(), warnings))
        note_offender(tasks.row(model::warning_task(w)), 1u << model::warning_lint(w));
}

// `lints`: those of the task's warnings that count.
void Dump::note_offender(const model::Task& t, uint16_t lints) {
    if (!(lints & fail_mask_)) return;
    Offender& o = offenders_[t.id];
    o.name = session_.model().strings().get(t.name);
    o.location = session_.model().strings().get(t.location);
    o.lints |= lints & fail_mask_;
}

// Says goodbye to the source; names the tasks --fail-on caught.
int Dump::finish(int status) {
    session_.shutdown();
    for (const auto& [id, o] : offenders_) {
        std::string lints;
        for (int l = 0; l < model::kLintCount; l++)
            if (o.lints & (1u << l))
                lints += (lints.empty() ? "" : ", ") + std::string(model::lint_name(static_cast<model::Lint>(l)));
        std::string where = o.location.empty() ? "" : " (" + o.location + ")";
        util::report_error("task " + std::to_string(id) + " '" + o.name + "'" + where + ": " + lints);
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

int run_dump(const config::Settings& settings) {
    DumpQuery q;
    std::string error;
    if (!make_query(settings.dump, q, error)) return fail(kDumpUsage, error);
    std::unique_ptr<session::Source> source;
    if (!settings.dump.from.empty()) {
        if (!(source = session::RecordingSource::open(settings.dump.from, error))) return fail(kDumpFailed, error);
    } else if (!(source = live_source(settings, error))) {
        return fail(kDumpUsage, error);
    }
    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN);  // a closed pipe is a write error, not a death
    try {
        Dump dump(settings, std::move(source), std::move(q), lint_mask(settings.dump.fail_on));
        return dump.run();
    } catch (const std::exception& e) {
        util::log_error("fatal: %s", e.what());
        return fail(kDumpFailed, e.what());
    }
}

}  // namespace program
