// The live source: a wire::Client connected to the instrumented
// application, adapted to the program's Source.  It has every control.
#pragma once

#include "session/source.h"
#include "wire/client.h"

namespace session {

class LiveSource : public Source {
public:
    LiveSource(wire::Target target, wire::ClientOptions options);

    int fd() const override { return client_.fd(); }
    std::optional<Clock::time_point> deadline() const override { return std::nullopt; }
    void process(bool readable) override;
    bool next_event(Event& out) override;
    const SourceStatus& status() const override { return status_; }

    Controls controls() const override { return {true, true, true}; }
    void pause(bool pause) override;
    void watch_tasks_details(const std::vector<uint64_t>& task_spans) override {
        client_.watch_tasks_details(task_spans);
    }
    void reconnect() override { client_.reconnect_now(); }
    void shutdown() override;

private:
    bool convert(wire::Event& in, Event& out);
    void refresh_status();

    wire::Client client_;
    SourceStatus status_;
};

}  // namespace session
