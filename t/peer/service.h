// The Instrument gRPC service over a World (or over recorded streams),
// behaving as console-subscriber does: a complete first Update, then one
// per interval with what changed; Pause holds updates back and WatchState
// reports it; WatchTaskDetails streams a task's histograms.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "instrument.grpc.pb.h"
#include "replay.h"
#include "world.h"

namespace peer {

struct ServiceOptions {
    int64_t interval_ns = 200'000'000;
    bool watch_state = true;
    double speed = 1.0;
    std::vector<Frame> replay_updates;  // non-empty: replay mode
    std::vector<Frame> replay_details;
    bool replay = false;
};

class Service final : public rs::tokio::console::instrument::Instrument::Service {
public:
    Service(World& world, ServiceOptions options) : world_(world), opt_(std::move(options)) {}

    // Ends every open stream soon; call before Server::Shutdown.
    void stop();

    grpc::Status WatchUpdates(grpc::ServerContext* ctx, const pb::instrument::InstrumentRequest*,
                              grpc::ServerWriter<pb::instrument::Update>* out) override;
    grpc::Status WatchTaskDetails(grpc::ServerContext* ctx, const pb::instrument::TaskDetailsRequest* req,
                                  grpc::ServerWriter<pb::tasks::TaskDetails>* out) override;
    grpc::Status WatchState(grpc::ServerContext* ctx, const pb::instrument::StateRequest*,
                            grpc::ServerWriter<pb::instrument::State>* out) override;
    grpc::Status Pause(grpc::ServerContext*, const pb::instrument::PauseRequest*,
                       pb::instrument::PauseResponse*) override;
    grpc::Status Resume(grpc::ServerContext*, const pb::instrument::ResumeRequest*,
                        pb::instrument::ResumeResponse*) override;

private:
    // Waits until the wall-clock deadline; false when the call was
    // cancelled or the service is stopping.
    bool wait_until(grpc::ServerContext* ctx, int64_t deadline_ns);
    bool wait_while_paused(grpc::ServerContext* ctx);
    template <class Msg>
    grpc::Status replay(grpc::ServerContext* ctx, const std::vector<Frame>& frames, grpc::ServerWriter<Msg>* out);

    World& world_;
    ServiceOptions opt_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
};

}  // namespace peer
