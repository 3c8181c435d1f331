#include "program/recorder.h"

#include "instrument.pb.h"
#include "model/snapshot.h"
#include "record/writer.h"

namespace program {

namespace ipb = rs::tokio::console::instrument;

Recorder::Recorder(std::unique_ptr<record::Writer> w, std::string target)
    : writer_(std::move(w)), target_(std::move(target)) {}

Recorder::~Recorder() {
    finish();
}

std::unique_ptr<Recorder> Recorder::start(const std::string& path, const std::string& target, int64_t now_ns,
                                          std::string& err) {
    record::WriterOptions o;
    o.path = path;
    o.target = target;
    o.console_version = VERSION;
    o.start_local_ns = now_ns;
    auto w = record::Writer::start(std::move(o), err);
    if (!w) return nullptr;
    return std::unique_ptr<Recorder>(new Recorder(std::move(w), target));
}

void Recorder::record(const Event& ev, int64_t now_ns) {
    using record::Kind;
    if (finished_) return;
    if (auto* u = std::get_if<event::Update>(&ev)) {
        writer_->write_shared(Kind::Update, now_ns, u->owner, u->bytes);
    } else if (auto* d = std::get_if<event::TaskDetails>(&ev)) {
        if (d->msg) writer_->write(Kind::TaskDetails, now_ns, d->msg->SerializeAsString());
    } else if (auto* s = std::get_if<event::State>(&ev)) {
        ipb::State st;
        st.set_temporality(s->paused ? ipb::PAUSED : ipb::LIVE);
        writer_->write(Kind::State, now_ns, st.SerializeAsString());
    } else if (std::holds_alternative<event::Reset>(ev)) {
        writer_->write(Kind::Connected, now_ns, target_);
    } else if (auto* x = std::get_if<event::Disconnected>(&ev)) {
        writer_->write(Kind::Disconnected, now_ns, x->reason);
    }
}

void Recorder::after_events(const model::Model& m, int64_t now_ns) {
    if (finished_ || !writer_->keyframe_due(now_ns) || writer_->stop_reason()) return;
    // Built here, where the model is; serialized on the writer's thread.
    auto snap = std::make_shared<ipb::Update>(model::snapshot(m));
    size_t hint = static_cast<size_t>(m.tasks().size()) * 128;  // a guess: ByteSizeLong costs a pass
    writer_->keyframe_made(now_ns, hint, [snap] { return snap->SerializeAsString(); });
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

}  // namespace program
