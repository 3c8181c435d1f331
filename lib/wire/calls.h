// The gRPC calls of one connection to the Instrument service: which are
// open, what their messages mean and what their ends mean.  Messages
// become events in the Outbox; a failure that ends the whole connection
// (an update that does not decode, WatchUpdates ending) is only noted,
// since it is found inside the session's callbacks, where the session
// must not be destroyed: the connection takes it with take_failure().
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "wire/client.h"
#include "wire/error.h"

namespace google::protobuf {
class Message;
}

namespace wire {

class GrpcSession;
struct CallEnd;

enum class Rpc { WatchUpdates, WatchState, WatchTaskDetails, Pause, Resume };
const char* rpc_name(Rpc rpc);

struct Queued {
    Event event;
    Status status;       // as of the event
    uint64_t bytes = 0;  // size of the message it carries, if any
    // An update still to be handed on piece by piece; `event` unused.
    std::unique_ptr<UpdateSplit> split;
};

// Events on their way to the client's owner, and the status they carry.
struct Outbox {
    Status status;
    std::deque<Queued> events;
    bool oversize_reported = false;  // once for the client's life

    void push(Event e, uint64_t bytes = 0) { events.push_back(Queued{std::move(e), status, bytes, nullptr}); }
    void push(std::unique_ptr<UpdateSplit> split) { events.push_back(Queued{Event{}, status, 0, std::move(split)}); }
};

class Calls {
public:
    Calls(GrpcSession& session, Outbox& out, std::string subject, uint64_t max_message_size);
    Calls(const Calls&) = delete;
    Calls& operator=(const Calls&) = delete;

    // WatchUpdates, WatchState and the details of each task watched.
    void start(const std::vector<uint64_t>& details_tasks);
    // One details stream per task of `tasks`, side by side on the one
    // connection: those of tasks no longer in it are cancelled, the
    // others stay open, new ones start.
    void watch_details(const std::vector<uint64_t>& tasks);
    void pause(bool pause);
    // Every Pause/Resume still open is answered: the connection is gone.
    void abandon();

    void note_failure(Error e);
    std::optional<Error> take_failure();
    bool got_update() const { return got_update_; }

private:
    int32_t start_call(Rpc rpc, const google::protobuf::Message& request);
    void on_message(Rpc rpc, std::string& m);
    void on_oversize(Rpc rpc, uint64_t size);
    void on_end(Rpc rpc, int32_t id, const CallEnd& end);
    void on_updates_end(const CallEnd& end);

    GrpcSession& session_;
    Outbox& out_;
    std::string subject_;
    uint64_t max_message_size_;
    std::map<uint64_t, int32_t> details_streams_;  // task -> stream
    std::map<int32_t, bool> pause_calls_;          // stream -> pause (true) / resume
    std::optional<Error> failure_;
    bool got_update_ = false;
};

}  // namespace wire
