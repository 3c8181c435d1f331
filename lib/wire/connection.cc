// Connection: the state machine around one GrpcSession.
//
//   BackingOff --retry_at--> Resolving -> Connecting (each address in
//   turn) -> Handshaking (TLS) -> Session (waiting for SETTINGS, then
//   Connected) --any failure--> BackingOff (0.5 s, doubling, at most 5 s)
#include "wire/connection.h"

#include <poll.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>

#include "common.pb.h"
#include "util/log.h"
#include "wire/grpc_session.h"
#include "wire/grpc_status.h"
#include "wire/resolver.h"
#include "wire/tls_context.h"
#include "wire/transport.h"

namespace wire {

namespace {

using std::chrono::milliseconds;
namespace pb = rs::tokio::console;

constexpr milliseconds kBackoffStart{500};
constexpr milliseconds kBackoffMax{5000};
constexpr size_t kReadChunk = 256 * 1024;    // one recv
constexpr size_t kReadBudget = 16u << 20;    // bytes per process()
constexpr milliseconds kReadTime{20};        // time per process()
constexpr size_t kWriteBuffer = 64 * 1024;   // bytes taken from nghttp2 at once
constexpr const char* kLogTarget = "tokio_console::wire";
constexpr const char* kService = "/rs.tokio.console.instrument.Instrument/";

std::string human_size(uint64_t n)
{
    char buf[64];
    if (n >= (1ull << 30))
        snprintf(buf, sizeof buf, "%.1f GiB", double(n) / double(1ull << 30));
    else if (n >= (1ull << 20))
        snprintf(buf, sizeof buf, "%.1f MiB", double(n) / double(1ull << 20));
    else
        snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
    return buf;
}

int ms_until(Clock::time_point t, Clock::time_point now)
{
    if (t <= now)
        return 0;
    auto d = std::chrono::duration_cast<milliseconds>(t - now).count() + 1;
    return d > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(d);
}

}  // namespace

struct Connection::Impl {
    enum class Phase { Idle, Resolving, Connecting, Handshaking, Session, Closed };

    Target target;
    ClientOptions opt;
    std::string subject;  // target endpoint, for messages
    Status status;
    std::deque<Queued> events;
    size_t room = SIZE_MAX;  // events the owner can take; 0: do not read

    Phase phase = Phase::Idle;
    milliseconds backoff = kBackoffStart;
    Clock::time_point deadline;  // of the current attempt
    std::unique_ptr<Resolver> resolver;
    std::vector<SockAddr> addrs;
    size_t addr_index = 0;
    std::string first_error;  // of this attempt's addresses
    Transport transport;
    SslCtxPtr tls_ctx;
    std::unique_ptr<GrpcSession> session;
    std::string out;  // bytes for the socket
    std::vector<uint8_t> inbuf = std::vector<uint8_t>(kReadChunk);

    // Set from inside session callbacks; acted on after receive().
    std::string pending_failure;
    std::string goaway_error;  // a graceful GOAWAY, reported if nothing else is
    bool got_update = false;
    Clock::time_point last_rx;
    std::optional<Clock::time_point> ping_sent;

    int32_t updates_stream = -1;
    int32_t state_stream = -1;
    int32_t details_stream = -1;
    std::optional<uint64_t> details_task;
    std::map<int32_t, bool> pause_calls;  // stream -> pause (true) / resume
    bool oversize_reported = false;

    Impl(Target t, ClientOptions o) : target(std::move(t)), opt(std::move(o))
    {
        subject = target.endpoint();
        if (opt.max_message_size > 0x7fffffffull)
            opt.max_message_size = 0x7fffffffull;
        status.state = ConnState::Connecting;
    }

    void push(Event e, uint64_t bytes = 0) { events.push_back(Queued{std::move(e), status, bytes}); }
    bool can_read() const { return events.size() < room; }
    void set_room(size_t n) { room = n; }

    // --- attempts ---------------------------------------------------------
    void start_attempt(Clock::time_point now)
    {
        status.state = ConnState::Connecting;
        deadline = now + opt.connect_timeout;
        first_error.clear();
        addrs.clear();
        addr_index = 0;
        if (target.tls && !tls_ctx) {
            std::string err;
            TlsSettings ts{opt.tls_ca, opt.tls_cert, opt.tls_key, opt.tls_insecure};
            tls_ctx = make_client_tls_context(ts, err);
            if (!tls_ctx) {
                fail(err);
                return;
            }
        }
        switch (target.kind) {
        case Target::Kind::Unix:
            addrs.push_back(unix_address(target.path));
            connect_next(now);
            return;
        case Target::Kind::Vsock:
            addrs.push_back(vsock_address(target.vsock_cid, target.vsock_port));
            connect_next(now);
            return;
        case Target::Kind::Tcp:
            break;
        }
        resolver = std::make_unique<Resolver>(target.host, target.port);
        phase = Phase::Resolving;
        if (resolver->done())
            resolved(now);
    }

    void resolved(Clock::time_point now)
    {
        addrs = resolver->addresses();
        std::string err = resolver->error();
        resolver.reset();
        if (addrs.empty()) {
            fail(err.empty() ? "cannot resolve '" + target.host + "'" : err);
            return;
        }
        connect_next(now);
    }

    void connect_next(Clock::time_point now)
    {
        while (addr_index < addrs.size()) {
            const SockAddr& a = addrs[addr_index++];
            transport = Transport();
            Transport::Io io = transport.connect(a, subject);
            if (io == Transport::Io::WouldBlock) {
                phase = Phase::Connecting;
                return;
            }
            if (io == Transport::Io::Done) {
                connected_socket(now);
                return;
            }
            if (first_error.empty())
                first_error = transport.error();
        }
        fail(first_error.empty() ? "cannot connect to '" + subject + "'" : first_error);
    }

    void connected_socket(Clock::time_point now)
    {
        if (target.tls) {
            if (!transport.start_tls(tls_ctx.get(), target.host, !opt.tls_insecure)) {
                fail(transport.error());
                return;
            }
            phase = Phase::Handshaking;
            handshake(now);
            return;
        }
        start_session(now);
    }

    void handshake(Clock::time_point now)
    {
        Transport::Io io = transport.handshake();
        if (io == Transport::Io::WouldBlock)
            return;
        if (io != Transport::Io::Done) {
            fail(transport.error());
            return;
        }
        start_session(now);
    }

    void start_session(Clock::time_point now)
    {
        SessionOptions so;
        so.scheme = target.tls ? "https" : "http";
        so.authority = target.authority;
        so.subject = subject;
        so.max_message_size = opt.max_message_size;
        session = std::make_unique<GrpcSession>(so);
        std::string err;
        if (!session->start(err)) {
            fail(err);
            return;
        }
        session->on_settings = [this] { on_connected(); };
        session->on_goaway = [this](uint32_t code, std::string debug) {
            std::string e = "'" + subject + "' closed the connection (goaway: " +
                            h2_error_name(code) + (debug.empty() ? "" : ", '" + debug + "'") + ")";
            // A graceful GOAWAY lets open calls finish: their end is the news.
            if (code == 0)
                goaway_error = e;
            else
                note_failure(e);
        };
        phase = Phase::Session;
        goaway_error.clear();
        last_rx = now;
        ping_sent.reset();
        got_update = false;
        updates_stream = start_call("WatchUpdates", pb::instrument::InstrumentRequest());
        state_stream = start_call("WatchState", pb::instrument::StateRequest());
        if (details_task)
            open_details();
        flush();
    }

    int32_t start_call(const std::string& rpc, const google::protobuf::Message& req)
    {
        CallHandlers h;
        h.on_message = [this, rpc](std::string& m) { on_message(rpc, m); };
        h.on_oversize = [this, rpc](uint64_t n) { on_oversize(rpc, n); };
        auto id = std::make_shared<int32_t>(-1);
        h.on_end = [this, rpc, id](const CallEnd& end) { on_end(rpc, *id, end); };
        std::string err;
        *id = session->start_call(rpc, kService + rpc, req.SerializeAsString(), std::move(h), err);
        if (*id < 0)
            note_failure(err);
        return *id;
    }

    void open_details()
    {
        pb::instrument::TaskDetailsRequest req;
        req.mutable_id()->set_id(*details_task);
        details_stream = start_call("WatchTaskDetails", req);
    }

    // --- session callbacks ----------------------------------------------
    void on_connected()
    {
        status.state = ConnState::Connected;
        status.generation++;
        status.last_error.clear();
        status.state_supported = true;
        util::log_at(util::LogLevel::Info, kLogTarget, "connected to '%s' (connection %llu)",
                     subject.c_str(), static_cast<unsigned long long>(status.generation));
        push(event::Connected{});
    }

    void note_failure(std::string e)
    {
        if (pending_failure.empty())
            pending_failure = std::move(e);
    }

    void on_message(const std::string& rpc, std::string& m)
    {
        int size = static_cast<int>(m.size());
        if (rpc == "WatchUpdates") {
            std::string why;
            auto u = DecodedUpdate::parse(std::move(m), &why);
            if (!u) {
                note_failure("cannot decode an update from '" + subject + "': " + why + " (" +
                             human_size(size) + ")");
                return;
            }
            if (!got_update) {
                got_update = true;
                backoff = kBackoffStart;
            }
            push(event::Update{std::move(u)}, size);
        } else if (rpc == "WatchState") {
            pb::instrument::State s;
            if (!s.ParseFromArray(m.data(), size)) {
                push(event::RpcError{rpc, "cannot decode a state message from '" + subject + "'"});
                return;
            }
            push(event::State{s.temporality() == pb::instrument::PAUSED});
        } else if (rpc == "WatchTaskDetails") {
            auto d = std::make_unique<pb::tasks::TaskDetails>();
            if (!d->ParseFromArray(m.data(), size)) {
                push(event::RpcError{rpc, "cannot decode task details from '" + subject + "'"});
                return;
            }
            push(event::TaskDetails{std::move(d)}, m.size());
        }
        // Pause and Resume answers carry nothing.
    }

    void on_oversize(const std::string& rpc, uint64_t n)
    {
        if (oversize_reported)
            return;
        oversize_reported = true;
        std::string e = "skipped a " + human_size(n) + " message from '" + subject +
                        "': larger than the limit of " + human_size(opt.max_message_size) +
                        " (raise it with --max-message-size)";
        status.last_error = e;
        util::log_at(util::LogLevel::Error, kLogTarget, "%s", e.c_str());
        push(event::RpcError{rpc, e});
    }

    void on_end(const std::string& rpc, int32_t id, const CallEnd& end)
    {
        if (rpc == "WatchUpdates") {
            updates_stream = -1;
            if (end.grpc_status == kGrpcUnimplemented)
                note_failure(end.error + " ('" + subject +
                             "' does not serve the console; is console-subscriber installed?)");
            else if (!end.error.empty())
                note_failure(end.error);
            else
                note_failure("'" + subject + "' ended the update stream");
        } else if (rpc == "WatchState") {
            state_stream = -1;
            if (end.grpc_status == kGrpcUnimplemented) {
                status.state_supported = false;
                push(event::StateUnsupported{});
            } else if (!end.error.empty()) {
                push(event::RpcError{rpc, end.error});
            }
        } else if (rpc == "WatchTaskDetails") {
            details_stream = -1;
            if (!end.error.empty())
                push(event::RpcError{rpc, end.error});
        } else if (rpc == "Pause" || rpc == "Resume") {
            bool pause = rpc == "Pause";
            pause_calls.erase(id);
            push(event::PauseResult{pause, end.error});
        }
    }

    void send_pause(bool pause)
    {
        if (!session || status.state != ConnState::Connected) {
            push(event::PauseResult{pause, "not connected to '" + subject + "'"});
            return;
        }
        int32_t id = pause ? start_call("Pause", pb::instrument::PauseRequest())
                           : start_call("Resume", pb::instrument::ResumeRequest());
        if (id >= 0)
            pause_calls[id] = pause;
        if (!pending_failure.empty()) {
            std::string e = std::move(pending_failure);
            fail(e);
            return;
        }
        flush();
    }

    // --- failure and teardown -------------------------------------------
    void teardown(bool graceful)
    {
        if (session && graceful && phase == Phase::Session) {
            session->terminate();
            std::string err;
            session->produce(out, 1 << 20, err);
            size_t sent = 0;
            if (!out.empty())
                transport.write(reinterpret_cast<const uint8_t*>(out.data()), out.size(), sent);
        }
        for (auto& [id, pause] : pause_calls)
            push(event::PauseResult{pause, "connection to '" + subject + "' lost"});
        pause_calls.clear();
        session.reset();
        transport.close();
        resolver.reset();
        out.clear();
        updates_stream = state_stream = details_stream = -1;
        pending_failure.clear();
    }

    void fail(std::string error)
    {
        teardown(false);
        status.last_error = error;
        status.state = ConnState::BackingOff;
        status.retry_at = Clock::now() + backoff;
        backoff = std::min(backoff * 2, kBackoffMax);
        phase = Phase::Idle;
        util::log_at(util::LogLevel::Warn, kLogTarget, "%s; retrying in %lld ms", error.c_str(),
                     static_cast<long long>(std::chrono::duration_cast<milliseconds>(
                                                status.retry_at - Clock::now())
                                                .count()));
        push(event::Disconnected{std::move(error)});
    }

    // --- I/O --------------------------------------------------------------
    void flush()
    {
        if (!session)
            return;
        std::string err;
        while (true) {
            if (out.size() < kWriteBuffer && !session->produce(out, kWriteBuffer, err)) {
                fail(err);
                return;
            }
            if (out.empty())
                break;
            size_t sent = 0;
            Transport::Io io =
                transport.write(reinterpret_cast<const uint8_t*>(out.data()), out.size(), sent);
            if (io == Transport::Io::Error || io == Transport::Io::Closed) {
                fail(transport.error().empty() ? "connection to '" + subject + "' lost"
                                               : transport.error());
                return;
            }
            out.erase(0, sent);
            if (io == Transport::Io::WouldBlock || sent == 0)
                break;
        }
        if (!session->alive() && out.empty())
            fail(session_end_error());
    }

    std::string session_end_error()
    {
        std::string pe = session ? session->protocol_error() : "";
        if (!pe.empty())
            return "http/2 error from '" + subject + "': " + pe;
        if (!goaway_error.empty())
            return goaway_error;
        return "connection to '" + subject + "' ended";
    }

    void read_some(Clock::time_point now)
    {
        size_t total = 0;
        auto started = Clock::now();
        while (session && can_read()) {
            size_t got = 0;
            Transport::Io io = transport.read(inbuf.data(), inbuf.size(), got);
            if (io == Transport::Io::WouldBlock)
                break;
            if (io == Transport::Io::Closed && !pending_failure.empty()) {
                std::string e = std::move(pending_failure);
                fail(e);
                return;
            }
            if (io == Transport::Io::Closed || io == Transport::Io::Error) {
                std::string mid = session->partial_message();
                std::string why = io == Transport::Io::Error ? transport.error() : "";
                if (!mid.empty()) {
                    std::string e = "connection to '" + subject +
                                    "' lost in the middle of a " + mid;
                    if (!why.empty())
                        e += ": " + why.substr(why.rfind("': ") + 3);
                    fail(e);
                } else if (!why.empty()) {
                    fail(why);
                } else if (!goaway_error.empty()) {
                    fail(goaway_error);
                } else {
                    fail(status.state == ConnState::Connected
                             ? "connection closed by '" + subject + "'"
                             : "connection closed by '" + subject + "' before http/2 started");
                }
                return;
            }
            last_rx = now;
            ping_sent.reset();
            std::string err;
            if (!session->receive(inbuf.data(), got, err)) {
                fail(err);
                return;
            }
            if (!pending_failure.empty()) {
                std::string e = std::move(pending_failure);
                fail(e);
                return;
            }
            total += got;
            if (total >= kReadBudget || Clock::now() - started >= kReadTime)
                break;
        }
    }

    void process(short revents)
    {
        auto now = Clock::now();
        switch (phase) {
        case Phase::Closed:
            return;
        case Phase::Idle:
            if (now >= status.retry_at)
                start_attempt(now);
            break;
        case Phase::Resolving:
            if (resolver->done())
                resolved(now);
            break;
        case Phase::Connecting:
            if (revents) {
                Transport::Io io = transport.finish_connect();
                if (io == Transport::Io::Done) {
                    connected_socket(now);
                } else if (io == Transport::Io::Error) {
                    if (first_error.empty())
                        first_error = transport.error();
                    connect_next(now);
                }
            }
            break;
        case Phase::Handshaking:
            handshake(now);
            break;
        case Phase::Session:
            if (revents & (POLLIN | POLLHUP | POLLERR) || transport.has_pending())
                read_some(now);
            if (phase == Phase::Session) {
                if (!pending_failure.empty()) {
                    std::string e = std::move(pending_failure);
                    fail(e);
                } else {
                    flush();
                }
            }
            break;
        }
        check_timers(Clock::now());
    }

    void check_timers(Clock::time_point now)
    {
        bool attempting = phase == Phase::Resolving || phase == Phase::Connecting ||
                          phase == Phase::Handshaking ||
                          (phase == Phase::Session && status.state != ConnState::Connected);
        if (attempting && now >= deadline) {
            fail("cannot connect to '" + subject + "': timed out");
            return;
        }
        if (phase != Phase::Session || status.state != ConnState::Connected)
            return;
        if (!can_read()) {
            // Not reading while the owner catches up: silence is ours.
            last_rx = now;
            ping_sent.reset();
            return;
        }
        if (ping_sent) {
            if (now >= *ping_sent + opt.keepalive_timeout) {
                auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - last_rx).count();
                fail("'" + subject + "' stopped responding (silent for " + std::to_string(secs) +
                     " s)");
            }
        } else if (now >= last_rx + opt.keepalive_idle) {
            session->ping();
            ping_sent = now;
            flush();
        }
    }

    int fd() const
    {
        switch (phase) {
        case Phase::Resolving:
            return resolver->fd();
        case Phase::Connecting:
        case Phase::Handshaking:
        case Phase::Session:
            return transport.fd();
        default:
            return -1;
        }
    }

    short poll_events() const
    {
        switch (phase) {
        case Phase::Resolving:
            return POLLIN;
        case Phase::Connecting:
            return POLLOUT;
        case Phase::Handshaking:
            return POLLIN | (transport.wants_write() ? POLLOUT : 0);
        case Phase::Session: {
            short ev = can_read() ? POLLIN : 0;
            if (!out.empty() || transport.wants_write() || (session && session->wants_write()))
                ev |= POLLOUT;
            return ev;
        }
        default:
            return 0;
        }
    }

    int timeout_ms() const
    {
        auto now = Clock::now();
        switch (phase) {
        case Phase::Closed:
            return -1;
        case Phase::Idle:
            return ms_until(status.retry_at, now);
        case Phase::Session:
            if (transport.has_pending() && can_read())
                return 0;
            if (status.state == ConnState::Connected) {
                if (ping_sent)
                    return ms_until(*ping_sent + opt.keepalive_timeout, now);
                return ms_until(last_rx + opt.keepalive_idle, now);
            }
            return ms_until(deadline, now);
        default:
            return ms_until(deadline, now);
        }
    }
};

Connection::Connection(Target target, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(target), std::move(options)))
{
    impl_->start_attempt(Clock::now());
}

Connection::~Connection() { shutdown(); }

int Connection::fd() const { return impl_->fd(); }
short Connection::poll_events() const { return impl_->poll_events(); }
int Connection::timeout_ms() const { return impl_->timeout_ms(); }
void Connection::process(short revents) { impl_->process(revents); }
void Connection::set_room(size_t n) { impl_->set_room(n); }
std::deque<Queued>& Connection::queued() { return impl_->events; }
const Status& Connection::status() const { return impl_->status; }
void Connection::send_pause(bool pause) { impl_->send_pause(pause); }

void Connection::watch_task_details(uint64_t task_id)
{
    Impl& m = *impl_;
    if (m.session && m.details_stream >= 0)
        m.session->cancel(m.details_stream);
    m.details_stream = -1;
    m.details_task = task_id;
    if (m.session && m.phase == Impl::Phase::Session) {
        m.open_details();
        m.flush();
    }
}

void Connection::stop_task_details()
{
    Impl& m = *impl_;
    if (m.session && m.details_stream >= 0) {
        m.session->cancel(m.details_stream);
        m.flush();
    }
    m.details_stream = -1;
    m.details_task.reset();
}

void Connection::reconnect_now()
{
    Impl& m = *impl_;
    if (m.phase == Impl::Phase::Closed)
        return;
    m.backoff = kBackoffStart;
    if (m.phase == Impl::Phase::Idle) {
        m.status.retry_at = Clock::now();
        m.start_attempt(Clock::now());
        return;
    }
    m.teardown(true);
    m.start_attempt(Clock::now());
}

void Connection::shutdown()
{
    Impl& m = *impl_;
    if (m.phase == Impl::Phase::Closed)
        return;
    m.teardown(true);
    m.phase = Impl::Phase::Closed;
    m.status.state = ConnState::Closed;
}

}  // namespace wire
