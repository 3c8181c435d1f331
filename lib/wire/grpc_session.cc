// GrpcSession: gRPC calls on an nghttp2 client session.
#include "wire/grpc_session.h"

#include <nghttp2/nghttp2.h>

#include <cstring>

#include "util/text.h"
#include "wire/grpc_status.h"

namespace wire {

void SessionFree::operator()(nghttp2_session* s) const {
    nghttp2_session_del(s);
}

namespace {

GrpcSession* self(void* user_data) {
    return static_cast<GrpcSession*>(user_data);
}

std::string_view view(const uint8_t* p, size_t n) {
    return std::string_view(reinterpret_cast<const char*>(p), n);
}

int begin_headers_cb(nghttp2_session*, const nghttp2_frame* frame, void* user) {
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    return self(user)->on_begin_headers(frame->hd.stream_id);
}

int header_cb(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name, size_t namelen, const uint8_t* value,
              size_t valuelen, uint8_t, void* user) {
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    return self(user)->on_header(frame->hd.stream_id, frame->headers.cat, view(name, namelen), view(value, valuelen));
}

int frame_recv_cb(nghttp2_session*, const nghttp2_frame* frame, void* user) {
    uint32_t code = 0;
    std::string_view debug;
    if (frame->hd.type == NGHTTP2_GOAWAY) {
        code = frame->goaway.error_code;
        debug = view(frame->goaway.opaque_data, frame->goaway.opaque_data_len);
    }
    return self(user)->on_frame_recv(frame->hd.type, frame->hd.flags, frame->hd.stream_id, code, debug);
}

int data_chunk_cb(nghttp2_session*, uint8_t, int32_t stream_id, const uint8_t* data, size_t len, void* user) {
    return self(user)->on_data_chunk(stream_id, data, len);
}

int stream_close_cb(nghttp2_session*, int32_t stream_id, uint32_t error_code, void* user) {
    return self(user)->on_stream_close(stream_id, error_code);
}

int error_cb(nghttp2_session*, int, const char* msg, size_t len, void* user) {
    self(user)->on_error(std::string_view(msg, len));
    return 0;
}

// A GOAWAY we send carries nghttp2's reason for ending the connection.
int frame_send_cb(nghttp2_session*, const nghttp2_frame* frame, void* user) {
    if (frame->hd.type == NGHTTP2_GOAWAY && frame->goaway.error_code != NGHTTP2_NO_ERROR) {
        std::string msg = h2_error_name(frame->goaway.error_code);
        if (frame->goaway.opaque_data_len > 0)
            msg += ", " + std::string(view(frame->goaway.opaque_data, frame->goaway.opaque_data_len));
        self(user)->on_error(msg);
    }
    return 0;
}

ssize_t read_body_cb(nghttp2_session*, int32_t stream_id, uint8_t* buf, size_t length, uint32_t* data_flags,
                     nghttp2_data_source*, void* user) {
    return self(user)->read_body(stream_id, buf, length, data_flags);
}

nghttp2_nv header(const std::string& name, const std::string& value) {
    nghttp2_nv nv;
    nv.name = reinterpret_cast<uint8_t*>(const_cast<char*>(name.data()));
    nv.namelen = name.size();
    nv.value = reinterpret_cast<uint8_t*>(const_cast<char*>(value.data()));
    nv.valuelen = value.size();
    nv.flags = NGHTTP2_NV_FLAG_NONE;
    return nv;
}

// Makes remote text safe for one line: control characters become '?'.
std::string one_line(std::string_view s, size_t max = 300) {
    std::string out = util::escape_controls(s.substr(0, max), util::Escape::Question);
    if (s.size() > max) out += "...";
    return out;
}

}  // namespace

GrpcSession::GrpcSession(SessionOptions options) : opt_(std::move(options)) {}

GrpcSession::~GrpcSession() = default;

bool GrpcSession::start(std::string& error) {
    nghttp2_session_callbacks* cbs = nullptr;
    if (nghttp2_session_callbacks_new(&cbs) != 0) {
        error = "out of memory";
        return false;
    }
    nghttp2_session_callbacks_set_on_begin_headers_callback(cbs, begin_headers_cb);
    nghttp2_session_callbacks_set_on_header_callback(cbs, header_cb);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, frame_recv_cb);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs, data_chunk_cb);
    nghttp2_session_callbacks_set_on_stream_close_callback(cbs, stream_close_cb);
    nghttp2_session_callbacks_set_on_frame_send_callback(cbs, frame_send_cb);
    nghttp2_session_callbacks_set_error_callback2(
        cbs, [](nghttp2_session* s, int code, const char* msg, size_t len, void* user) {
            (void)code;
            return error_cb(s, 0, msg, len, user);
        });
    nghttp2_option* opt = nullptr;
    nghttp2_option_new(&opt);
    nghttp2_session* s = nullptr;
    int rv = nghttp2_session_client_new2(&s, cbs, this, opt);
    nghttp2_option_del(opt);
    nghttp2_session_callbacks_del(cbs);
    if (rv != 0) {
        error = std::string("cannot start http/2 session: ") + nghttp2_strerror(rv);
        return false;
    }
    session_.reset(s);
    nghttp2_settings_entry iv[] = {
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<uint32_t>(opt_.stream_window)},
        {NGHTTP2_SETTINGS_MAX_FRAME_SIZE, opt_.max_frame_size},
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100},
    };
    rv = nghttp2_submit_settings(s, NGHTTP2_FLAG_NONE, iv, sizeof iv / sizeof iv[0]);
    if (rv == 0) rv = nghttp2_session_set_local_window_size(s, NGHTTP2_FLAG_NONE, 0, opt_.connection_window);
    if (rv != 0) {
        error = std::string("cannot start http/2 session: ") + nghttp2_strerror(rv);
        return false;
    }
    return true;
}

int32_t GrpcSession::start_call(const std::string& rpc, const std::string& path, const std::string& request,
                                CallHandlers handlers, std::string& error) {
    auto call = std::make_unique<Call>(opt_.max_message_size);
    call->rpc = rpc;
    call->handlers = std::move(handlers);
    call->body = frame_message(request);
    static const std::string k_method = ":method", k_post = "POST", k_scheme = ":scheme", k_path = ":path",
                             k_auth = ":authority", k_te = "te", k_trailers = "trailers", k_ct = "content-type",
                             k_grpc = "application/grpc+proto", k_accept = "grpc-accept-encoding",
                             k_identity = "identity", k_ua = "user-agent", k_ua_value = "tokio-console/" VERSION;
    nghttp2_nv nva[] = {
        header(k_method, k_post),       header(k_scheme, opt_.scheme), header(k_path, path),
        header(k_auth, opt_.authority), header(k_te, k_trailers),      header(k_ct, k_grpc),
        header(k_accept, k_identity),   header(k_ua, k_ua_value),
    };
    nghttp2_data_provider prd;
    prd.source.ptr = nullptr;
    prd.read_callback = read_body_cb;
    int32_t id = nghttp2_submit_request(session_.get(), nullptr, nva, sizeof nva / sizeof nva[0], &prd, nullptr);
    if (id < 0) {
        error = "cannot start " + rpc + ": " + nghttp2_strerror(id);
        return -1;
    }
    calls_[id] = std::move(call);
    return id;
}

void GrpcSession::cancel(int32_t stream_id) {
    auto it = calls_.find(stream_id);
    if (it == calls_.end() || it->second->cancelled) return;
    it->second->cancelled = true;
    nghttp2_submit_rst_stream(session_.get(), NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
}

void GrpcSession::fail_call(int32_t stream_id, Call& call, std::string error) {
    if (call.error.empty()) call.error = std::move(error);
    nghttp2_submit_rst_stream(session_.get(), NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
}

int GrpcSession::on_begin_headers(int32_t) {
    return 0;
}

int GrpcSession::on_header(int32_t stream_id, int cat, std::string_view name, std::string_view value) {
    auto it = calls_.find(stream_id);
    if (it == calls_.end()) return 0;
    Call& c = *it->second;
    if (cat == NGHTTP2_HCAT_RESPONSE) {
        if (name == ":status") {
            c.http_status = 0;
            for (char ch : value.substr(0, 4))
                c.http_status = c.http_status * 10 + (ch >= '0' && ch <= '9' ? ch - '0' : 0);
        } else if (name == "content-type") {
            c.content_type = one_line(value, 80);
        } else if (name == "grpc-encoding") {
            c.encoding = one_line(value, 40);
        }
    }
    if (name == "grpc-status")
        c.grpc_status = parse_grpc_status(value);
    else if (name == "grpc-message")
        c.grpc_message = one_line(percent_decode(value));
    return 0;
}

int GrpcSession::on_frame_recv(int type, uint8_t flags, int32_t stream_id, uint32_t goaway_code,
                               std::string_view goaway_debug) {
    if (type == NGHTTP2_SETTINGS && !(flags & NGHTTP2_FLAG_ACK)) {
        if (!got_settings_) {
            got_settings_ = true;
            if (on_settings) on_settings();
        }
        return 0;
    }
    if (type == NGHTTP2_GOAWAY) {
        if (on_goaway) on_goaway(goaway_code, one_line(goaway_debug, 200));
        return 0;
    }
    auto it = calls_.find(stream_id);
    if (it == calls_.end()) return 0;
    Call& c = *it->second;
    if (type == NGHTTP2_HEADERS && !c.headers_seen) {
        c.headers_seen = true;
        if (c.http_status != 200) {
            fail_call(stream_id, c,
                      c.rpc + " failed: '" + opt_.subject + "' answered with http status " +
                          std::to_string(c.http_status) + ", not a gRPC response");
        } else if (c.content_type.rfind("application/grpc", 0) != 0) {
            fail_call(
                stream_id, c,
                c.rpc + " failed: '" + opt_.subject + "' is not a gRPC server (content-type '" + c.content_type + "')");
        }
    }
    if ((type == NGHTTP2_HEADERS || type == NGHTTP2_DATA) && (flags & NGHTTP2_FLAG_END_STREAM)) c.end_stream = true;
    return 0;
}

int GrpcSession::on_data_chunk(int32_t stream_id, const uint8_t* data, size_t len) {
    auto it = calls_.find(stream_id);
    if (it == calls_.end()) return 0;
    Call& c = *it->second;
    if (c.cancelled || !c.error.empty()) return 0;
    MessageReader::Sink sink;
    sink.on_message = [&c](std::string& msg) {
        if (!c.cancelled && c.error.empty() && c.handlers.on_message) c.handlers.on_message(msg);
    };
    sink.on_oversize = [&c](uint64_t n) {
        if (!c.cancelled && c.handlers.on_oversize) c.handlers.on_oversize(n);
    };
    if (!c.reader.feed(data, len, sink)) {
        std::string why = c.reader.error() == MessageReader::Error::Compressed
                              ? "a compressed message, but only identity encoding was accepted"
                              : "a message with an invalid flag byte";
        fail_call(stream_id, c, c.rpc + " failed: '" + opt_.subject + "' sent " + why);
    }
    return 0;
}

CallEnd GrpcSession::finish(const Call& c, uint32_t error_code) const {
    CallEnd end;
    end.grpc_status = c.grpc_status;
    if (!c.error.empty()) {
        end.error = c.error;
        return end;
    }
    if (!c.end_stream) {
        end.error = c.rpc + " failed: '" + opt_.subject + "' reset the stream (" + h2_error_name(error_code) + ")";
        return end;
    }
    if (c.reader.partial()) {
        end.error = c.rpc + " failed: '" + opt_.subject + "' ended the stream in the middle of a message (" +
                    std::to_string(c.reader.partial_have()) + " of " + std::to_string(c.reader.partial_want()) +
                    " bytes)";
        return end;
    }
    if (c.grpc_status < 0) {
        end.error = c.rpc + " failed: '" + opt_.subject + "' ended the stream without a grpc-status";
        return end;
    }
    if (c.grpc_status != 0) {
        end.error = c.rpc + " failed: " + grpc_code_name(c.grpc_status);
        if (!c.grpc_message.empty()) end.error += ": " + c.grpc_message;
    }
    return end;
}

int GrpcSession::on_stream_close(int32_t stream_id, uint32_t error_code) {
    auto it = calls_.find(stream_id);
    if (it == calls_.end()) return 0;
    std::unique_ptr<Call> c = std::move(it->second);
    calls_.erase(it);
    if (c->cancelled) return 0;
    CallEnd end = finish(*c, error_code);
    if (c->handlers.on_end) c->handlers.on_end(end);
    return 0;
}

void GrpcSession::on_error(std::string_view msg) {
    if (last_error_.empty()) last_error_ = one_line(msg, 200);
}

ssize_t GrpcSession::read_body(int32_t stream_id, uint8_t* buf, size_t len, uint32_t* flags) {
    auto it = calls_.find(stream_id);
    if (it == calls_.end()) {
        *flags |= NGHTTP2_DATA_FLAG_EOF;
        return 0;
    }
    Call& c = *it->second;
    size_t n = std::min(len, c.body.size() - c.body_off);
    memcpy(buf, c.body.data() + c.body_off, n);
    c.body_off += n;
    if (c.body_off == c.body.size()) {
        *flags |= NGHTTP2_DATA_FLAG_EOF;
        std::string().swap(c.body);
        c.body_off = 0;
    }
    return static_cast<ssize_t>(n);
}

bool GrpcSession::receive(const uint8_t* data, size_t len, Error& error) {
    if (!got_settings_ && received_ < 5) {
        // An HTTP/1 server answers our preface with a status line.
        prefix_.append(reinterpret_cast<const char*>(data), len);
        received_ += len;
        if (prefix_.size() < 5) return true;
        if (prefix_.compare(0, 5, "HTTP/") == 0) {
            error = Error{Error::Kind::Http1, opt_.subject, ""};
            return false;
        }
        std::string held = std::move(prefix_);
        prefix_.clear();
        return receive(reinterpret_cast<const uint8_t*>(held.data()), held.size(), error);
    }
    received_ += len;
    ssize_t rv = nghttp2_session_mem_recv(session_.get(), data, len);
    if (rv < 0) {
        error = Error{Error::Kind::Http2, opt_.subject,
                      last_error_.empty() ? std::string(nghttp2_strerror(static_cast<int>(rv))) : last_error_};
        return false;
    }
    return true;
}

bool GrpcSession::produce(std::string& out, size_t limit, Error& error) {
    while (out.size() < limit) {
        const uint8_t* p = nullptr;
        ssize_t n = nghttp2_session_mem_send(session_.get(), &p);
        if (n < 0) {
            error = Error{Error::Kind::Http2, opt_.subject, nghttp2_strerror(static_cast<int>(n))};
            return false;
        }
        if (n == 0) break;
        out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    }
    return true;
}

bool GrpcSession::wants_write() const {
    return nghttp2_session_want_write(session_.get()) != 0;
}

bool GrpcSession::alive() const {
    return nghttp2_session_want_read(session_.get()) || nghttp2_session_want_write(session_.get());
}

std::string GrpcSession::protocol_error() const {
    return last_error_;
}

std::string GrpcSession::partial_message() const {
    for (const auto& [id, c] : calls_)
        if (!c->cancelled && c->reader.partial())
            return c->rpc + " message (" + std::to_string(c->reader.partial_have()) + " of " +
                   std::to_string(c->reader.partial_want()) + " bytes)";
    return "";
}

void GrpcSession::ping() {
    nghttp2_submit_ping(session_.get(), NGHTTP2_FLAG_NONE, nullptr);
}

void GrpcSession::terminate() {
    for (auto& [id, call] : calls_) {
        if (!call->cancelled) {
            call->cancelled = true;
            nghttp2_submit_rst_stream(session_.get(), NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
        }
    }
    nghttp2_session_terminate_session(session_.get(), NGHTTP2_NO_ERROR);
}

}  // namespace wire
