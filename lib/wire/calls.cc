// The Instrument calls of one connection; see calls.h.
#include "wire/calls.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "common.pb.h"
#include "instrument.pb.h"
#include "util/log.h"
#include "wire/grpc_session.h"
#include "wire/grpc_status.h"
#include "util/text.h"

namespace wire {

namespace {

namespace pb = rs::tokio::console;

constexpr const char* kService = "/rs.tokio.console.instrument.Instrument/";
constexpr const char* kLogTarget = "tokio_console::wire";

}  // namespace

const char* rpc_name(Rpc rpc) {
    switch (rpc) {
    case Rpc::WatchUpdates: return "WatchUpdates";
    case Rpc::WatchState: return "WatchState";
    case Rpc::WatchTaskDetails: return "WatchTaskDetails";
    case Rpc::Pause: return "Pause";
    case Rpc::Resume: return "Resume";
    }
    return "?";
}

Calls::Calls(GrpcSession& session, Outbox& out, std::string subject, uint64_t max_message_size)
    : session_(session), out_(out), subject_(std::move(subject)), max_message_size_(max_message_size) {}

void Calls::start(const std::vector<uint64_t>& details_tasks) {
    start_call(Rpc::WatchUpdates, pb::instrument::InstrumentRequest());
    start_call(Rpc::WatchState, pb::instrument::StateRequest());
    watch_details(details_tasks);
}

void Calls::watch_details(const std::vector<uint64_t>& tasks) {
    auto wanted = [&](uint64_t t) { return std::find(tasks.begin(), tasks.end(), t) != tasks.end(); };
    for (auto it = details_streams_.begin(); it != details_streams_.end();) {
        if (wanted(it->first)) {
            ++it;
            continue;
        }
        session_.cancel(it->second);
        it = details_streams_.erase(it);
    }
    for (uint64_t t : tasks) {
        if (details_streams_.count(t)) continue;
        pb::instrument::TaskDetailsRequest req;
        req.mutable_id()->set_id(t);
        int32_t id = start_call(Rpc::WatchTaskDetails, req);
        if (id >= 0) details_streams_[t] = id;
    }
}

void Calls::pause(bool pause) {
    int32_t id = pause ? start_call(Rpc::Pause, pb::instrument::PauseRequest())
                       : start_call(Rpc::Resume, pb::instrument::ResumeRequest());
    if (id >= 0) pause_calls_[id] = pause;
}

void Calls::abandon() {
    for (auto& [id, pause] : pause_calls_)
        out_.push(event::PauseResult{pause, "connection to '" + subject_ + "' lost"});
    pause_calls_.clear();
}

void Calls::note_failure(Error e) {
    if (!failure_) failure_ = std::move(e);
}

std::optional<Error> Calls::take_failure() {
    std::optional<Error> e = std::move(failure_);
    failure_.reset();
    return e;
}

int32_t Calls::start_call(Rpc rpc, const google::protobuf::Message& request) {
    CallHandlers h;
    h.on_message = [this, rpc](std::string& m) { on_message(rpc, m); };
    h.on_oversize = [this, rpc](uint64_t n) { on_oversize(rpc, n); };
    auto id = std::make_shared<int32_t>(-1);
    h.on_end = [this, rpc, id](const CallEnd& end) { on_end(rpc, *id, end); };
    std::string name = rpc_name(rpc);
    std::string err;
    *id = session_.start_call(name, kService + name, request.SerializeAsString(), std::move(h), err);
    if (*id < 0) note_failure(Error{Error::Kind::Other, subject_, err});
    return *id;
}

void Calls::on_message(Rpc rpc, std::string& m) {
    int size = static_cast<int>(m.size());
    switch (rpc) {
    case Rpc::WatchUpdates: {
        std::string why;
        auto u = UpdateSplit::start(std::move(m), &why);
        if (!u) {
            note_failure(Error{Error::Kind::Decode, subject_, why + " (" + util::format_bytes(size) + ")"});
            return;
        }
        got_update_ = true;
        out_.push(std::move(u));
        return;
    }
    case Rpc::WatchState: {
        pb::instrument::State s;
        if (!s.ParseFromArray(m.data(), size)) {
            out_.push(event::RpcError{rpc_name(rpc), "cannot decode a state message from '" + subject_ + "'"});
            return;
        }
        out_.push(event::State{s.temporality() == pb::instrument::PAUSED});
        return;
    }
    case Rpc::WatchTaskDetails: {
        auto d = std::make_unique<pb::tasks::TaskDetails>();
        if (!d->ParseFromArray(m.data(), size)) {
            out_.push(event::RpcError{rpc_name(rpc), "cannot decode task details from '" + subject_ + "'"});
            return;
        }
        out_.push(event::TaskDetails{std::move(d)}, m.size());
        return;
    }
    case Rpc::Pause:
    case Rpc::Resume: return;  // their answers carry nothing
    }
}

void Calls::on_oversize(Rpc rpc, uint64_t n) {
    if (out_.oversize_reported) return;
    out_.oversize_reported = true;
    std::string e = "skipped a " + util::format_bytes(n) + " message from '" + subject_ +
                    "': larger than the limit of " + util::format_bytes(max_message_size_) +
                    " (raise it with --max-message-size)";
    out_.status.last_error = e;
    util::log_at(util::LogLevel::Error, kLogTarget, "%s", e.c_str());
    out_.push(event::RpcError{rpc_name(rpc), e});
}

void Calls::on_updates_end(const CallEnd& end) {
    if (end.grpc_status == kGrpcUnimplemented)
        note_failure(Error{Error::Kind::NotConsole, subject_, end.error});
    else if (!end.error.empty())
        note_failure(Error{Error::Kind::Call, subject_, end.error});
    else
        note_failure(Error{Error::Kind::UpdatesEnded, subject_, ""});
}

void Calls::on_end(Rpc rpc, int32_t id, const CallEnd& end) {
    switch (rpc) {
    case Rpc::WatchUpdates: on_updates_end(end); return;
    case Rpc::WatchState:
        if (end.grpc_status == kGrpcUnimplemented) {
            out_.status.state_supported = false;
            out_.push(event::StateUnsupported{});
        } else if (!end.error.empty()) {
            out_.push(event::RpcError{rpc_name(rpc), end.error});
        }
        return;
    case Rpc::WatchTaskDetails:
        for (auto it = details_streams_.begin(); it != details_streams_.end(); ++it)
            if (it->second == id) {
                details_streams_.erase(it);
                break;
            }
        if (!end.error.empty()) out_.push(event::RpcError{rpc_name(rpc), end.error});
        return;
    case Rpc::Pause:
    case Rpc::Resume:
        pause_calls_.erase(id);
        out_.push(event::PauseResult{rpc == Rpc::Pause, end.error});
        return;
    }
}

}  // namespace wire
