#include "session/recorder.h"

#include <algorithm>
#include <atomic>
#include <map>

#include "instrument.pb.h"
#include "model/snapshot.h"
#include "record/writer.h"
#include "session/session.h"
#include "util/heap.h"

namespace session {

namespace ipb = rs::tokio::console::instrument;

// The models a replay would have at each record, one per application,
// kept on the writer's thread alone: each applies what RecordingSource
// gives a replay's model of its application (Updates, State, a fresh model
// on each connect), so that a keyframe made from it is what playing the
// file from its start gives at that point.
struct Recorder::Shadow {
    explicit Shadow(std::optional<model::Nanos> retain_for) : retain_for(retain_for) {}

    model::Model& of(std::string_view app) {
        auto it = models.find(app);
        if (it == models.end())
            it =
                models.emplace(std::string(app), std::make_unique<model::Model>(model::LintConfig{}, retain_for)).first;
        return *it->second;
    }

    void observe(record::Kind kind, uint64_t at_ns, std::string_view bytes, std::string_view app) {
        Event ev;
        switch (kind) {
        case record::Kind::Update: ev = event::Update{nullptr, bytes}; break;
        case record::Kind::Connected: ev = event::Reset{}; break;
        case record::Kind::State: {
            ipb::State st;
            if (!st.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return;
            ev = event::State{st.temporality() == ipb::PAUSED};
            break;
        }
        default: return;  // details and disconnects leave the tasks as they are
        }
        apply_event(of(app), ev, static_cast<model::Nanos>(at_ns), false);
        // A new process may be smaller: what the old one's tasks held goes
        // back now, not at the next keyframe.
        if (kind == record::Kind::Connected) util::give_back_free_heap();
        size_t n = 0;
        for (const auto& [name, m] : models) n += m->tasks().size();
        tasks.store(n, std::memory_order_relaxed);
    }

    std::optional<model::Nanos> retain_for;
    std::map<std::string, std::unique_ptr<model::Model>, std::less<>> models;
    std::atomic<size_t> tasks{0};  // read by the loop for the queue's size hint
};

// One file and the recorders that write into it.
struct Recorder::File {
    std::shared_ptr<Shadow> shadow;  // outlives the writer, whose thread uses it
    std::unique_ptr<record::Writer> writer;
    std::vector<Recorder*> members;  // the loop's: whose applications get keyframes
};

Recorder::Recorder(std::shared_ptr<File> file, std::shared_ptr<const std::string> app, std::string target,
                   bool owns_file)
    : file_(std::move(file)), app_(std::move(app)), target_(std::move(target)), owns_file_(owns_file) {}

Recorder::~Recorder() {
    finish();
}

std::shared_ptr<Recorder::File> Recorder::open_file(const std::string& path, const std::string& target,
                                                    const std::vector<std::string>& apps, int64_t now_ns,
                                                    std::string& err, const RecorderOptions& opts) {
    auto file = std::make_shared<File>();
    file->shadow = std::make_shared<Shadow>(opts.retain_for);
    record::WriterOptions o;
    o.path = path;
    o.target = target;
    o.apps = apps;
    o.console_version = VERSION;
    o.start_local_ns = now_ns;
    o.keyframe_every_ns = opts.keyframe_every_ns;
    o.observe = [s = file->shadow.get()](record::Kind k, uint64_t at, std::string_view b, std::string_view app) {
        s->observe(k, at, b, app);
    };
    file->writer = record::Writer::start(std::move(o), err);
    return file->writer ? file : nullptr;
}

std::unique_ptr<Recorder> Recorder::start(const std::string& path, const std::string& target, int64_t now_ns,
                                          std::string& err, const RecorderOptions& opts) {
    auto file = open_file(path, target, {}, now_ns, err, opts);
    if (!file) return nullptr;
    std::unique_ptr<Recorder> r(new Recorder(file, nullptr, target, true));
    file->members.push_back(r.get());
    return r;
}

std::unique_ptr<Recorder> Recorder::start_apps(const std::string& path, const std::vector<std::string>& apps,
                                               int64_t now_ns, std::string& err, const RecorderOptions& opts) {
    auto file = open_file(path, "", apps, now_ns, err, opts);
    if (!file) return nullptr;
    return std::unique_ptr<Recorder>(new Recorder(file, nullptr, "", true));
}

std::unique_ptr<Recorder> Recorder::for_app(const std::string& name, const std::string& target) {
    std::unique_ptr<Recorder> r(new Recorder(file_, std::make_shared<const std::string>(name), target, false));
    file_->members.push_back(r.get());
    return r;
}

void Recorder::record(const Event& ev, int64_t now_ns) {
    using record::Kind;
    if (finished_) return;
    record::Writer& w = *file_->writer;
    if (auto* u = std::get_if<event::Update>(&ev)) {
        w.write_shared(Kind::Update, now_ns, u->owner, u->bytes, app_);
    } else if (auto* p = std::get_if<event::UpdatePart>(&ev)) {
        if (p->first) w.write_shared(Kind::Update, now_ns, p->owner, p->bytes, app_);
    } else if (auto* d = std::get_if<event::TaskDetails>(&ev)) {
        if (d->msg) w.write(Kind::TaskDetails, now_ns, d->msg->SerializeAsString(), app_);
    } else if (auto* s = std::get_if<event::State>(&ev)) {
        paused_ = s->paused;
        w.write(Kind::State, now_ns, state_bytes(), app_);
    } else if (std::holds_alternative<event::Reset>(ev)) {
        paused_ = false;
        w.write(Kind::Connected, now_ns, target_, app_);
    } else if (auto* x = std::get_if<event::Disconnected>(&ev)) {
        w.write(Kind::Disconnected, now_ns, x->reason, app_);
    }
}

void Recorder::left(int64_t now_ns) {
    if (finished_ || !app_) return;
    record(event::Reset{}, now_ns);
    record(event::Disconnected{"left the targets"}, now_ns);
}

void Recorder::after_events(int64_t now_ns) {
    record::Writer& w = *file_->writer;
    if (finished_ || !w.keyframe_due(now_ns) || w.stop_reason()) return;
    // Built and serialized on the writer's thread, from its model as it
    // stands after the records queued before this one.
    size_t hint = file_->shadow->tasks.load(std::memory_order_relaxed) * 128;  // a guess: ByteSizeLong costs a pass
    bool first = true;
    for (Recorder* r : file_->members) {
        std::string app = r->app_ ? *r->app_ : std::string();
        // A snapshot has no word for a pause, which keeps finished tasks
        // from expiring: a reader that starts at the keyframe learns it first.
        bool queued = w.keyframe_made(
            now_ns, first ? hint : 0,
            [s = file_->shadow, app] {
                std::string bytes = model::snapshot(s->of(app)).SerializeAsString();
                // The message of 100 k tasks took over 150 MiB in small
                // pieces, freed now: without this the thread's arena keeps them.
                util::give_back_free_heap();
                return bytes;
            },
            r->paused_ ? r->state_bytes() : std::string(), r->app_, first);
        if (!queued) return;
        first = false;
    }
}

std::string Recorder::state_bytes() const {
    ipb::State st;
    st.set_temporality(paused_ ? ipb::PAUSED : ipb::LIVE);
    return st.SerializeAsString();
}

const std::string& Recorder::stopped() {
    if (stopped_.empty())
        if (auto why = file_->writer->stop_reason()) stopped_ = *why;
    return stopped_;
}

void Recorder::finish() {
    if (finished_) return;
    finished_ = true;
    auto& m = file_->members;
    m.erase(std::remove(m.begin(), m.end(), this), m.end());
    if (owns_file_) {
        if (auto why = file_->writer->finish()) stopped_ = *why;
    } else {
        stopped();
    }
}

}  // namespace session
