// Poll ops link tasks to the resources they wait on.  Each PollOp says a
// task polled a resource (through an async op) and whether it was ready;
// the latest one per (task, resource) pair is kept.  A task whose latest
// poll of a resource was not ready is waiting on it.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "model/intern.h"
#include "model/time.h"
#include "resources.pb.h"

namespace model {

struct PollLink {
    uint64_t task_span = 0;
    uint64_t resource_span = 0;
    uint64_t async_op_span = 0;  // 0: not given
    StrId name = 0;              // e.g. "poll_acquire"
    bool ready = false;          // the latest poll was ready
    uint64_t polls = 0;          // poll ops seen for this pair
    // Arrival order of the latest poll op (larger: later).  Server times
    // of the updates that brought the latest poll op and the first of
    // the run with this readiness and async op: each of those polls
    // happened at or before the time given.
    uint64_t seq = 0;
    Nanos last_seen = 0;
    Nanos run_seen = 0;
};

class PollOps {
public:
    // `at`: the server time of the update that brings the ops.
    void apply(const google::protobuf::RepeatedPtrField<rs::tokio::console::resources::PollOp>& ops,
               StringPool& strings, Nanos at = 0);
    // Every link, in no order.
    template <class F>
    void each(F f) const {
        for (const auto& [res, links] : by_resource_)
            for (const auto& [task, l] : links) f(l);
    }
    // Links of one resource / one task, ordered by the other's span id.
    std::vector<PollLink> of_resource(uint64_t resource_span) const;
    std::vector<PollLink> of_task(uint64_t task_span) const;
    void forget_task(uint64_t task_span);
    void forget_resource(uint64_t resource_span);
    size_t size() const { return size_; }

    // Marks the strings the links name (see StringPool::sweep).
    void mark_strings(StringPool& strings) const;

private:
    // resource -> task -> link; task -> resources it has polled.
    std::unordered_map<uint64_t, std::unordered_map<uint64_t, PollLink>> by_resource_;
    std::unordered_map<uint64_t, std::vector<uint64_t>> by_task_;
    size_t size_ = 0;
    uint64_t seq_ = 0;
};

}  // namespace model
