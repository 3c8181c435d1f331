#include "session/recorder.h"

#include <atomic>

#include "instrument.pb.h"
#include "model/snapshot.h"
#include "record/writer.h"
#include "session/session.h"
#include "util/heap.h"

namespace session {

namespace ipb = rs::tokio::console::instrument;

// The model a replay would have at each record, kept on the writer's
// thread alone: it applies what RecordingSource gives a replay's model
// (Updates, State, a fresh model on each connect), so that a keyframe made
// from it is what playing the file from its start gives at that point.
struct Recorder::Shadow {
    explicit Shadow(std::optional<model::Nanos> retain_for) : m({}, retain_for) {}

    void observe(record::Kind kind, uint64_t at_ns, std::string_view bytes) {
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
        apply_event(m, ev, static_cast<model::Nanos>(at_ns), false);
        // A new process may be smaller: what the old one's tasks held goes
        // back now, not at the next keyframe.
        if (kind == record::Kind::Connected) util::give_back_free_heap();
        tasks.store(m.tasks().size(), std::memory_order_relaxed);
    }

    model::Model m;
    std::atomic<size_t> tasks{0};  // read by the loop for the queue's size hint
};

Recorder::Recorder(std::unique_ptr<record::Writer> w, std::shared_ptr<Shadow> shadow, std::string target)
    : shadow_(std::move(shadow)), writer_(std::move(w)), target_(std::move(target)) {}

Recorder::~Recorder() {
    finish();
}

std::unique_ptr<Recorder> Recorder::start(const std::string& path, const std::string& target, int64_t now_ns,
                                          std::string& err, const RecorderOptions& opts) {
    auto shadow = std::make_shared<Shadow>(opts.retain_for);
    record::WriterOptions o;
    o.path = path;
    o.target = target;
    o.console_version = VERSION;
    o.start_local_ns = now_ns;
    o.keyframe_every_ns = opts.keyframe_every_ns;
    o.observe = [s = shadow.get()](record::Kind k, uint64_t at, std::string_view b) { s->observe(k, at, b); };
    auto w = record::Writer::start(std::move(o), err);
    if (!w) return nullptr;
    return std::unique_ptr<Recorder>(new Recorder(std::move(w), std::move(shadow), target));
}

void Recorder::record(const Event& ev, int64_t now_ns) {
    using record::Kind;
    if (finished_) return;
    if (auto* u = std::get_if<event::Update>(&ev)) {
        writer_->write_shared(Kind::Update, now_ns, u->owner, u->bytes);
    } else if (auto* p = std::get_if<event::UpdatePart>(&ev)) {
        if (p->first) writer_->write_shared(Kind::Update, now_ns, p->owner, p->bytes);
    } else if (auto* d = std::get_if<event::TaskDetails>(&ev)) {
        if (d->msg) writer_->write(Kind::TaskDetails, now_ns, d->msg->SerializeAsString());
    } else if (auto* s = std::get_if<event::State>(&ev)) {
        paused_ = s->paused;
        writer_->write(Kind::State, now_ns, state_bytes());
    } else if (std::holds_alternative<event::Reset>(ev)) {
        paused_ = false;
        writer_->write(Kind::Connected, now_ns, target_);
    } else if (auto* x = std::get_if<event::Disconnected>(&ev)) {
        writer_->write(Kind::Disconnected, now_ns, x->reason);
    }
}

void Recorder::after_events(int64_t now_ns) {
    if (finished_ || !writer_->keyframe_due(now_ns) || writer_->stop_reason()) return;
    // Built and serialized on the writer's thread, from its model as it
    // stands after the records queued before this one.
    size_t hint = shadow_->tasks.load(std::memory_order_relaxed) * 128;  // a guess: ByteSizeLong costs a pass
    // A snapshot has no word for a pause, which keeps finished tasks from
    // expiring: a reader that starts at the keyframe learns it first.
    writer_->keyframe_made(
        now_ns, hint,
        [s = shadow_] {
            std::string bytes = model::snapshot(s->m).SerializeAsString();
            // The message of 100 k tasks took over 150 MiB in small
            // pieces, freed now: without this the thread's arena keeps them.
            util::give_back_free_heap();
            return bytes;
        },
        paused_ ? state_bytes() : std::string());
}

std::string Recorder::state_bytes() const {
    ipb::State st;
    st.set_temporality(paused_ ? ipb::PAUSED : ipb::LIVE);
    return st.SerializeAsString();
}

const std::string& Recorder::stopped() {
    if (stopped_.empty())
        if (auto why = writer_->stop_reason()) stopped_ = *why;
    return stopped_;
}

void Recorder::finish() {
    if (finished_) return;
    finished_ = true;
    if (auto why = writer_->finish()) stopped_ = *why;
}

}  // namespace session
