// The Instrument service; see service.h.
#include "service.h"

#include <algorithm>

namespace peer {

namespace {

constexpr int64_t check_ns = 50'000'000;  // how often a waiting call looks for cancellation

}  // namespace

void Service::stop() {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_all();
}

bool Service::wait_until(grpc::ServerContext* ctx, int64_t deadline) {
    std::unique_lock lock(mu_);
    for (;;) {
        if (stopping_ || ctx->IsCancelled()) return false;
        int64_t now = wall_now_ns();
        if (now >= deadline) return true;
        int64_t step = std::min(deadline - now, check_ns);
        cv_.wait_for(lock, std::chrono::nanoseconds(step));
    }
}

bool Service::wait_while_paused(grpc::ServerContext* ctx) {
    while (world_.paused())
        if (!wait_until(ctx, wall_now_ns() + check_ns)) return false;
    return true;
}

template <class Msg>
grpc::Status Service::replay(grpc::ServerContext* ctx, const std::vector<Frame>& frames, grpc::ServerWriter<Msg>* out) {
    int64_t start = wall_now_ns();
    int64_t paused_for = 0;
    for (const auto& f : frames) {
        int64_t due = start + paused_for + static_cast<int64_t>(f.offset_ns / opt_.speed);
        if (!wait_until(ctx, due)) return grpc::Status::OK;
        int64_t before = wall_now_ns();
        if (!wait_while_paused(ctx)) return grpc::Status::OK;
        paused_for += wall_now_ns() - before;
        Msg msg;
        if (!msg.ParseFromString(f.payload))
            return grpc::Status(grpc::StatusCode::DATA_LOSS, "recorded frame does not parse");
        if (!out->Write(msg)) return grpc::Status::OK;
    }
    // A recording ends; the application it came from would stay connected.
    while (wait_until(ctx, wall_now_ns() + check_ns)) {
    }
    return grpc::Status::OK;
}

grpc::Status Service::WatchUpdates(grpc::ServerContext* ctx, const pb::instrument::InstrumentRequest*,
                                   grpc::ServerWriter<pb::instrument::Update>* out) {
    if (opt_.replay) return replay(ctx, opt_.replay_updates, out);
    pb::instrument::Update first;
    uint64_t seen = world_.build_update(0, stamp_now_ns(), &first);
    if (!out->Write(first)) return grpc::Status::OK;
    int64_t next = wall_now_ns() + opt_.interval_ns;
    for (;;) {
        if (!wait_until(ctx, next)) return grpc::Status::OK;
        next += opt_.interval_ns;
        if (world_.paused()) continue;
        pb::instrument::Update u;
        seen = world_.build_update(seen, stamp_now_ns(), &u);
        if (!out->Write(u)) return grpc::Status::OK;
        next = std::max(next, wall_now_ns());
    }
}

grpc::Status Service::WatchTaskDetails(grpc::ServerContext* ctx, const pb::instrument::TaskDetailsRequest* req,
                                       grpc::ServerWriter<pb::tasks::TaskDetails>* out) {
    if (!req->has_id()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "missing task_id");
    uint64_t id = req->id().id();
    if (id == 0) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "task_id cannot be 0");
    if (opt_.replay) {
        pb::tasks::TaskDetails d;
        if (opt_.replay_details.empty() || !d.ParseFromString(opt_.replay_details[0].payload) || d.task_id().id() != id)
            return grpc::Status(grpc::StatusCode::NOT_FOUND, "task not found");
        return replay(ctx, opt_.replay_details, out);
    }
    pb::tasks::TaskDetails d;
    if (!world_.task_details(id, stamp_now_ns(), &d))
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "task not found");
    if (!out->Write(d)) return grpc::Status::OK;
    int64_t next = wall_now_ns() + opt_.interval_ns;
    for (;;) {
        if (!wait_until(ctx, next)) return grpc::Status::OK;
        next = std::max(next + opt_.interval_ns, wall_now_ns());
        if (world_.paused()) continue;
        pb::tasks::TaskDetails more;
        if (!world_.task_details(id, stamp_now_ns(), &more))
            return grpc::Status::OK;  // the task is gone: the stream ends
        if (!out->Write(more)) return grpc::Status::OK;
    }
}

grpc::Status Service::WatchState(grpc::ServerContext* ctx, const pb::instrument::StateRequest*,
                                 grpc::ServerWriter<pb::instrument::State>* out) {
    if (!opt_.watch_state) return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "");
    bool last = world_.paused();
    int64_t resend = wall_now_ns() + opt_.interval_ns;
    pb::instrument::State s;
    s.set_temporality(last ? pb::instrument::PAUSED : pb::instrument::LIVE);
    if (!out->Write(s)) return grpc::Status::OK;
    while (wait_until(ctx, wall_now_ns() + check_ns / 5)) {
        bool now_paused = world_.paused();
        if (now_paused == last && wall_now_ns() < resend) continue;
        last = now_paused;
        resend = wall_now_ns() + opt_.interval_ns;
        s.set_temporality(last ? pb::instrument::PAUSED : pb::instrument::LIVE);
        if (!out->Write(s)) return grpc::Status::OK;
    }
    return grpc::Status::OK;
}

grpc::Status Service::Pause(grpc::ServerContext*, const pb::instrument::PauseRequest*, pb::instrument::PauseResponse*) {
    world_.set_paused(true);
    cv_.notify_all();
    return grpc::Status::OK;
}

grpc::Status Service::Resume(grpc::ServerContext*, const pb::instrument::ResumeRequest*,
                             pb::instrument::ResumeResponse*) {
    world_.set_paused(false);
    cv_.notify_all();
    return grpc::Status::OK;
}

}  // namespace peer
