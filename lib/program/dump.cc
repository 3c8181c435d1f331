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
#include "program/live_source.h"
#include "program/options.h"
#include "program/recording_source.h"
#include "program/signals.h"
#include "util/duration.h"
#include "util/log.h"
#include "util/report.h"

namespace program {

namespace {

model::Nanos mono_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

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

class Dump {
public:
    // `recording`: the source is that recording, played at full speed to
    // --at (its end by default) instead of waited on.
    Dump(const config::Settings& s, std::unique_ptr<Source> source, RecordingSource* recording, DumpQuery q,
         uint16_t fail_mask)
        : settings_(s.dump),
          model_(lints(s, fail_mask), s.retain_for_ns ? std::optional<model::Nanos>(*s.retain_for_ns) : std::nullopt),
          source_(std::move(source)), recording_(recording), q_(std::move(q)), draw_(draw_options(s)),
          writer_(stdout, s.dump.format, table_width(), draw_.ascii, s.dump.watch), fail_mask_(fail_mask) {}

    int run();

private:
    static model::LintConfig lints(const config::Settings& s, uint16_t fail_mask) {
        model::LintConfig c = lint_config(s);
        c.enabled |= fail_mask;  // a lint to fail on is checked whatever --warn says
        return c;
    }
    bool first_update();
    int play_recording();
    // The source's clock (a recording's), else the monotonic one.
    model::Nanos local_ns() const { return source_->clock_ns().value_or(mono_ns()); }
    void pump_until(Clock::time_point until);
    void wait_once(Clock::time_point until);
    void on_event(Event& ev);
    void note_offenders();
    void note_offender(const model::Task& t);
    int finish(int status);

    const config::DumpSettings& settings_;
    model::Model model_;
    std::unique_ptr<Source> source_;
    RecordingSource* recording_;
    DumpQuery q_;
    view::DrawOptions draw_;
    DumpWriter writer_;
    uint16_t fail_mask_;
    std::map<uint64_t, Offender> offenders_;  // by shown task id
    bool got_update_ = false;
    model::Nanos last_tick_ = 0;
};

int Dump::run() {
    if (recording_) return play_recording();
    if (!first_update()) {
        if (quit_signal()) return finish(kDumpOk);
        std::string why = source_->status().last_error;
        return finish(fail(
            kDumpUnreachable,
            "cannot reach '" + source_->status().name + "' within " +
                util::format_duration(static_cast<int64_t>(settings_.connect_timeout_ns), util::kExactDuration, true) +
                (why.empty() ? "" : ": " + why)));
    }
    Clock::time_point next = Clock::now() + std::chrono::nanoseconds(settings_.wait_ns);
    for (uint64_t n = 0;;) {
        pump_until(next);
        if (quit_signal()) break;
        DumpRows rows(model_, q_, draw_);
        if (!writer_.write(rows, q_)) return finish(fail(kDumpFailed, "cannot write to standard output"));
        if (!settings_.watch || (settings_.count && ++n >= settings_.count)) break;
        next += std::chrono::nanoseconds(settings_.interval_ns);
        if (next < Clock::now()) next = Clock::now();
    }
    return finish(kDumpOk);
}

// Everything up to --at at once, then one snapshot.
int Dump::play_recording() {
    recording_->play_to(settings_.at_ns.value_or(recording_->length_ns()));
    Event ev;
    while (!recording_->idle() && !quit_signal()) {
        recording_->process(false);
        while (recording_->next_event(ev)) on_event(ev);
    }
    if (quit_signal()) return finish(kDumpOk);
    model_.tick(local_ns());
    note_offenders();
    if (!recording_->warning().empty()) util::log_warn("%s", recording_->warning().c_str());
    DumpRows rows(model_, q_, draw_);
    if (!writer_.write(rows, q_)) return finish(fail(kDumpFailed, "cannot write to standard output"));
    return finish(kDumpOk);
}

// Waits for the first Update (the full one) within --connect-timeout.
bool Dump::first_update() {
    Clock::time_point deadline = Clock::now() + std::chrono::nanoseconds(settings_.connect_timeout_ns);
    while (!got_update_ && !quit_signal() && Clock::now() < deadline) wait_once(deadline);
    return got_update_;
}

// Also past `until` while an update is part way in: a dump shows whole ones.
void Dump::pump_until(Clock::time_point until) {
    while (!quit_signal() && Clock::now() < until) wait_once(until);
    while (!quit_signal() && model_.updating()) wait_once(Clock::now() + std::chrono::milliseconds(100));
}

// One ppoll on the source, signals let in; then its events.
void Dump::wait_once(Clock::time_point until) {
    if (auto d = source_->deadline()) until = std::min(until, *d);
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now()).count();
    left = std::clamp<model::Nanos>(left, 0, kSecond);  // the clock's lints are checked each second
    timespec ts{static_cast<time_t>(left / kSecond), static_cast<long>(left % kSecond)};
    pollfd fd{source_->fd(), POLLIN, 0};
    int r = ppoll(&fd, fd.fd >= 0 ? 1 : 0, &ts, &wait_mask());
    if (r < 0 && errno != EINTR) return;
    source_->process(r > 0 && fd.revents);
    Event ev;
    while (source_->next_event(ev)) on_event(ev);
    model::Nanos now = local_ns();
    if (got_update_ && now - last_tick_ >= kSecond) {
        model_.tick(now);
        last_tick_ = now;
        note_offenders();
    }
}

void Dump::on_event(Event& ev) {
    if (auto* u = std::get_if<event::Update>(&ev)) {
        if (!model_.apply_encoded(u->bytes, local_ns())) util::log_warn("an update does not parse; applied in part");
        got_update_ = true;
        note_offenders();
    } else if (auto* p = std::get_if<event::UpdatePart>(&ev)) {
        model_.apply_part(p->piece.get(), p->first, p->last, local_ns());
        if (p->last) {
            got_update_ = true;
            note_offenders();
        }
    } else if (std::get_if<event::Reset>(&ev)) {
        model_.reset();  // a new connection may be a new process
    } else if (auto* s = std::get_if<event::State>(&ev)) {
        model_.apply_state(s->paused);
    } else if (auto* n = std::get_if<event::Notice>(&ev)) {
        util::log_warn("%s", n->text.c_str());
    }
}

// The tasks that a lint of --fail-on fires on now, among those --filter
// keeps now; a pass over the tasks only when the counts say there is one.
void Dump::note_offenders() {
    if (!fail_mask_) return;
    auto counts = model_.tasks().count_by_lint();
    bool any = false;
    for (int l = 0; l < model::kLintCount; l++) any |= (fail_mask_ & (1u << l)) && counts[l];
    if (!any) return;
    const auto& tasks = model_.tasks();
    if (!q_.filters_tasks()) {
        for (size_t i = 0; i < tasks.size(); i++) note_offender(tasks.row(i));
        return;
    }
    // A CI job that filters down to its own tasks must not fail on others.
    for (uint32_t r : model::filter_tasks(q_.filter, tasks, model_.strings(), model_.now(local_ns())))
        note_offender(tasks.row(r));
}

void Dump::note_offender(const model::Task& t) {
    if (!(t.warnings & fail_mask_)) return;
    Offender& o = offenders_[t.id];
    o.name = model_.strings().get(t.name);
    o.location = model_.strings().get(t.location);
    o.lints |= t.warnings & fail_mask_;
}

// Says goodbye to the source; names the tasks --fail-on caught.
int Dump::finish(int status) {
    source_->shutdown();
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

std::unique_ptr<Source> make_live_source(const config::Settings& s, std::string& error) {
    wire::Target target;
    if (!wire::parse_target(s.target, target, error)) return nullptr;
    return std::make_unique<LiveSource>(target, client_options(s));
}

}  // namespace

int run_dump(const config::Settings& settings) {
    DumpQuery q;
    std::string error;
    if (!make_query(settings.dump, q, error)) return fail(kDumpUsage, error);
    std::unique_ptr<Source> source;
    RecordingSource* recording = nullptr;
    if (!settings.dump.from.empty()) {
        std::unique_ptr<RecordingSource> r = RecordingSource::open(settings.dump.from, error);
        if (!r) return fail(kDumpFailed, error);
        recording = r.get();
        source = std::move(r);
    } else if (!(source = make_live_source(settings, error))) {
        return fail(kDumpUsage, error);
    }
    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN);  // a closed pipe is a write error, not a death
    try {
        Dump dump(settings, std::move(source), recording, std::move(q), lint_mask(settings.dump.fail_on));
        return dump.run();
    } catch (const std::exception& e) {
        util::log_error("fatal: %s", e.what());
        return fail(kDumpFailed, e.what());
    }
}

}  // namespace program
