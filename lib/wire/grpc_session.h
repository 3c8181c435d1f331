// gRPC calls over one client HTTP/2 session (nghttp2).  This class alone
// owns the nghttp2_session; the C callbacks forward to its methods.  It
// does no I/O: the owner feeds received bytes to receive() and sends what
// produce() yields.  Callbacks to the owner (messages, call ends, the
// first SETTINGS, GOAWAY) run inside receive(); the owner must not destroy
// the session from them, only note what to do afterwards.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "wire/error.h"
#include "wire/message_reader.h"

typedef struct nghttp2_session nghttp2_session;

namespace wire {

struct SessionFree {
    void operator()(nghttp2_session* s) const;
};
using SessionPtr = std::unique_ptr<nghttp2_session, SessionFree>;

// How a call ended.  error is empty when it ended with grpc-status 0.
struct CallEnd {
    int grpc_status = -1;  // -1: none received
    std::string error;     // one line, naming the call
};

struct CallHandlers {
    // A whole message, which the handler may move away.
    std::function<void(std::string&)> on_message;
    // A message over the size limit was skipped.
    std::function<void(uint64_t size)> on_oversize;
    // Exactly once, unless the call was cancelled by the owner or the
    // session was destroyed first.
    std::function<void(const CallEnd&)> on_end;
};

struct SessionOptions {
    std::string scheme = "http";  // or https
    std::string authority;
    std::string subject;  // the peer, for messages: "127.0.0.1:6669"
    uint64_t max_message_size = 1ull << 30;
    int32_t stream_window = (1 << 30);
    int32_t connection_window = (1 << 30);
    uint32_t max_frame_size = 1 << 20;
};

class GrpcSession {
public:
    explicit GrpcSession(SessionOptions options);
    ~GrpcSession();
    GrpcSession(const GrpcSession&) = delete;
    GrpcSession& operator=(const GrpcSession&) = delete;

    // Creates the nghttp2 session and queues our SETTINGS; false (with
    // error) if nghttp2 refused.
    bool start(std::string& error);

    std::function<void()> on_settings;  // the peer's first SETTINGS
    std::function<void(uint32_t code, std::string debug)> on_goaway;

    // Starts a call of path ("/pkg.Service/Method") with one request
    // message; returns its stream id, or -1 with error set.
    int32_t start_call(const std::string& rpc, const std::string& path, const std::string& request,
                       CallHandlers handlers, std::string& error);
    // Cancels a call (RST_STREAM CANCEL); no more handlers run for it.
    void cancel(int32_t stream_id);
    bool has_call(int32_t stream_id) const { return calls_.count(stream_id) != 0; }

    // Feeds received bytes; false on a fatal connection error (error set).
    bool receive(const uint8_t* data, size_t len, Error& error);
    // Appends bytes to send to out until it holds about limit bytes;
    // false on a fatal error.
    bool produce(std::string& out, size_t limit, Error& error);
    bool wants_write() const;
    // False once the session has ended (GOAWAY exchanged, fatal error).
    bool alive() const;

    void ping();
    // Cancels every call and queues GOAWAY(NO_ERROR).
    void terminate();

    bool got_settings() const { return got_settings_; }
    // nghttp2's account of the last protocol error it saw ("" if none).
    std::string protocol_error() const;
    // "WatchUpdates message (400 of 1000 bytes)" when a call is in the
    // middle of a message, else "".
    std::string partial_message() const;

    // nghttp2 callback targets.
    int on_begin_headers(int32_t stream_id);
    int on_header(int32_t stream_id, int cat, std::string_view name, std::string_view value);
    int on_frame_recv(int type, uint8_t flags, int32_t stream_id, uint32_t goaway_code, std::string_view goaway_debug);
    int on_data_chunk(int32_t stream_id, const uint8_t* data, size_t len);
    int on_stream_close(int32_t stream_id, uint32_t error_code);
    void on_error(std::string_view msg);
    ssize_t read_body(int32_t stream_id, uint8_t* buf, size_t len, uint32_t* flags);

private:
    struct Call {
        std::string rpc;
        CallHandlers handlers;
        MessageReader reader;
        std::string body;  // framed request
        size_t body_off = 0;
        bool cancelled = false;
        bool headers_seen = false;
        bool end_stream = false;
        int http_status = 0;
        std::string content_type;
        std::string encoding;
        int grpc_status = -1;
        std::string grpc_message;
        std::string error;  // first failure seen on this call
        explicit Call(uint64_t max) : reader(max) {}
    };

    void fail_call(int32_t stream_id, Call& call, std::string error);
    CallEnd finish(const Call& call, uint32_t error_code) const;

    SessionOptions opt_;
    SessionPtr session_;
    std::map<int32_t, std::unique_ptr<Call>> calls_;
    bool got_settings_ = false;
    uint64_t received_ = 0;
    std::string prefix_;  // first bytes, held until we know it is not HTTP/1
    std::string last_error_;
};

}  // namespace wire
