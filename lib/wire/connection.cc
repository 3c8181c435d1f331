// Connection: the life of one client's connection; see connection.h.
#include "wire/connection.h"

#include <poll.h>

#include <algorithm>

#include "util/log.h"
#include "util/text.h"
#include "wire/grpc_status.h"

namespace wire {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kBackoffStart{500};
constexpr milliseconds kBackoffMax{5000};
constexpr size_t kReadChunk = 256 * 1024;   // one recv
constexpr size_t kReadBudget = 16u << 20;   // bytes per process()
constexpr milliseconds kReadTime{20};       // time per process()
constexpr size_t kWriteBuffer = 64 * 1024;  // bytes taken from nghttp2 at once
constexpr const char* kLogTarget = "tokio_console::wire";

int ms_until(Clock::time_point t, Clock::time_point now) {
    if (t <= now) return 0;
    auto d = std::chrono::duration_cast<milliseconds>(t - now).count() + 1;
    return d > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(d);
}

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

Connection::Connection(Target target, ClientOptions options)
    : target_(std::move(target)), opt_(std::move(options)), backoff_(kBackoffStart), keepalive_(opt_),
      inbuf_(std::make_unique_for_overwrite<uint8_t[]>(kReadChunk)) {
    subject_ = target_.endpoint();
    if (opt_.max_message_size > 0x7fffffffull) opt_.max_message_size = 0x7fffffffull;
    start_attempt(Clock::now());
}

Connection::~Connection() {
    shutdown();
}

// The status follows the life: one place for that fact.
void Connection::enter(Life next) {
    life_ = std::move(next);
    Status& st = outbox_.status;
    std::visit(Overloaded{
                   [&](const life::BackingOff& b) {
                       st.state = ConnState::BackingOff;
                       st.retry_at = b.retry_at;
                   },
                   [&](const life::Live& l) { st.state = l.up ? ConnState::Connected : ConnState::Connecting; },
                   [&](const life::Closed&) { st.state = ConnState::Closed; },
                   [&](const auto&) { st.state = ConnState::Connecting; },
               },
               life_);
}

// --- the steps of an attempt ---------------------------------------------

void Connection::start_attempt(Clock::time_point now) {
    Clock::time_point deadline = now + opt_.connect_timeout;
    if (target_.tls && !tls_ctx_) {
        std::string err;
        TlsSettings ts{opt_.tls_ca, opt_.tls_cert, opt_.tls_key, opt_.tls_insecure};
        tls_ctx_ = make_client_tls_context(ts, err);
        if (!tls_ctx_) {
            fail(Error{Error::Kind::Other, subject_, err});
            return;
        }
    }
    life::Connecting c;
    c.deadline = deadline;
    switch (target_.kind) {
    case Target::Kind::Unix: c.addrs.push_back(unix_address(target_.path)); break;
    case Target::Kind::Vsock: c.addrs.push_back(vsock_address(target_.vsock_cid, target_.vsock_port)); break;
    case Target::Kind::Tcp: {
        enter(life::Resolving{std::make_unique<Resolver>(target_.host, target_.port), deadline});
        auto& r = std::get<life::Resolving>(life_);
        if (r.resolver->done()) resolved(r);
        return;
    }
    }
    enter(std::move(c));
    connect_next(std::get<life::Connecting>(life_));
}

void Connection::resolved(life::Resolving& r) {
    life::Connecting c;
    c.addrs = r.resolver->addresses();
    c.deadline = r.deadline;
    if (c.addrs.empty()) {
        fail(Error{Error::Kind::Resolve, target_.host, r.resolver->error()});
        return;
    }
    enter(std::move(c));
    connect_next(std::get<life::Connecting>(life_));
}

void Connection::connect_next(life::Connecting& c) {
    while (c.next < c.addrs.size()) {
        const SockAddr& a = c.addrs[c.next++];
        c.transport = Transport();
        Transport::Io io = c.transport.connect(a, subject_);
        if (io == Transport::Io::WouldBlock) return;  // process() finishes it when the socket is writable
        if (io == Transport::Io::Done) {
            socket_connected(std::move(c.transport), c.deadline);
            return;
        }
        if (!c.first_error) c.first_error = c.transport.error();
    }
    fail(c.first_error ? *c.first_error : Error{Error::Kind::Connect, subject_, "", 0});
}

void Connection::socket_connected(Transport transport, Clock::time_point deadline) {
    if (!target_.tls) {
        start_session(std::move(transport), deadline);
        return;
    }
    if (!transport.start_tls(tls_ctx_.get(), target_.host, !opt_.tls_insecure)) {
        fail(transport.error());
        return;
    }
    enter(life::Handshaking{std::move(transport), deadline});
    handshake(std::get<life::Handshaking>(life_));
}

void Connection::handshake(life::Handshaking& h) {
    Transport::Io io = h.transport.handshake();
    if (io == Transport::Io::WouldBlock) return;
    if (io != Transport::Io::Done) {
        fail(h.transport.error());
        return;
    }
    start_session(std::move(h.transport), h.deadline);
}

void Connection::start_session(Transport transport, Clock::time_point deadline) {
    SessionOptions so;
    so.scheme = target_.tls ? "https" : "http";
    so.authority = target_.authority;
    so.subject = subject_;
    so.max_message_size = opt_.max_message_size;
    life::Live live;
    live.transport = std::move(transport);
    live.deadline = deadline;
    live.session = std::make_unique<GrpcSession>(so);
    std::string err;
    if (!live.session->start(err)) {
        fail(Error{Error::Kind::Other, subject_, err});
        return;
    }
    live.session->on_settings = [this] { on_settings(); };
    live.session->on_goaway = [this](uint32_t code, std::string debug) { on_goaway(code, debug); };
    live.calls = std::make_unique<Calls>(*live.session, outbox_, subject_, opt_.max_message_size);
    enter(std::move(live));
    auto& l = std::get<life::Live>(life_);
    keepalive_.heard(Clock::now());
    l.calls->start(details_tasks_);
    if (!fail_if_noted(l)) flush(l);
}

// --- a live connection ----------------------------------------------------

void Connection::on_settings() {
    auto& l = std::get<life::Live>(life_);
    l.up = true;
    Status& st = outbox_.status;
    st.state = ConnState::Connected;
    st.generation++;
    st.last_error.clear();
    st.state_supported = true;
    util::log_at(util::LogLevel::Info, kLogTarget, "connected to '%s' (connection %llu)", subject_.c_str(),
                 static_cast<unsigned long long>(st.generation));
    outbox_.push(event::Connected{});
}

void Connection::on_goaway(uint32_t code, const std::string& debug) {
    auto& l = std::get<life::Live>(life_);
    Error e{Error::Kind::Goaway, subject_, h2_error_name(code) + (debug.empty() ? "" : ", '" + debug + "'")};
    // A graceful GOAWAY lets open calls finish: their end is the news.
    if (code == 0)
        l.goaway = e;
    else
        l.calls->note_failure(e);
    if (code == kH2EnhanceYourCalm && debug == kTooManyPings) {
        keepalive_.too_many_pings();
        util::log_at(util::LogLevel::Warn, kLogTarget, "'%s' allows fewer pings: keepalive time doubled to %g s",
                     subject_.c_str(), double(keepalive_.time().count()) / 1000);
    }
}

// Acts on a failure the calls noted during the session's callbacks.
bool Connection::fail_if_noted(life::Live& live) {
    std::optional<Error> e = live.calls->take_failure();
    if (!e) return false;
    fail(std::move(*e));
    return true;
}

Error Connection::read_failure(life::Live& l, Transport::Io io) const {
    std::string mid = l.session->partial_message();
    Error why = io == Transport::Io::Error ? l.transport.error() : Error{};
    bool has_why = io == Transport::Io::Error;
    if (!mid.empty()) {
        // The transport's reason goes after what was lost.
        if (has_why && !why.detail.empty()) mid += ": " + why.detail;
        return Error{Error::Kind::Lost, subject_, mid, has_why ? why.err : 0};
    }
    if (has_why) return why;
    if (l.goaway) return *l.goaway;
    return Error{l.up ? Error::Kind::Closed : Error::Kind::ClosedEarly, subject_, ""};
}

void Connection::read_some(life::Live& l, Clock::time_point now) {
    size_t total = 0;
    auto started = Clock::now();
    while (can_read()) {
        size_t got = 0;
        Transport::Io io = l.transport.read(inbuf_.get(), kReadChunk, got);
        if (io == Transport::Io::WouldBlock) break;
        if (io == Transport::Io::Closed && fail_if_noted(l)) return;
        if (io == Transport::Io::Closed || io == Transport::Io::Error) {
            fail(read_failure(l, io));
            return;
        }
        keepalive_.heard(now);
        Error err;
        if (!l.session->receive(inbuf_.get(), got, err)) {
            err.subject = subject_;
            fail(std::move(err));
            return;
        }
        if (fail_if_noted(l)) return;
        if (l.calls->got_update()) backoff_ = kBackoffStart;
        total += got;
        if (total >= kReadBudget || Clock::now() - started >= kReadTime) break;
    }
}

void Connection::flush(life::Live& l) {
    while (true) {
        Error err;
        if (l.out.size() < kWriteBuffer && !l.session->produce(l.out, kWriteBuffer, err)) {
            err.subject = subject_;
            fail(std::move(err));
            return;
        }
        if (l.out.empty()) break;
        size_t sent = 0;
        Transport::Io io = l.transport.write(reinterpret_cast<const uint8_t*>(l.out.data()), l.out.size(), sent);
        if (io == Transport::Io::Error || io == Transport::Io::Closed) {
            fail(io == Transport::Io::Error ? l.transport.error() : Error{Error::Kind::Lost, subject_, ""});
            return;
        }
        l.out.erase(0, sent);
        if (io == Transport::Io::WouldBlock || sent == 0) break;
    }
    // Producing can end a call (a reset we sent) and so note a failure.
    if (fail_if_noted(l) || l.session->alive() || !l.out.empty()) return;
    std::string pe = l.session->protocol_error();
    if (!pe.empty())
        fail(Error{Error::Kind::Http2, subject_, pe});
    else if (l.goaway)
        fail(*l.goaway);
    else
        fail(Error{Error::Kind::Ended, subject_, ""});
}

void Connection::check_keepalive(life::Live& l, Clock::time_point now) {
    if (!can_read()) {
        // Not reading while the owner catches up: silence is ours.
        keepalive_.heard(now);
        return;
    }
    switch (keepalive_.check(now)) {
    case Keepalive::Due::Nothing: return;
    case Keepalive::Due::Ping:
        util::log_at(util::LogLevel::Debug, kLogTarget, "keepalive ping to '%s' after %g s", subject_.c_str(),
                     double(keepalive_.time().count()) / 1000);
        l.session->ping();
        flush(l);
        return;
    case Keepalive::Due::Dead: {
        auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - keepalive_.last_heard()).count();
        fail(Error{Error::Kind::Silent, subject_, std::to_string(secs)});
        return;
    }
    }
}

void Connection::check_timers(Clock::time_point now) {
    if (auto* l = std::get_if<life::Live>(&life_); l && l->up) {
        check_keepalive(*l, now);
        return;
    }
    Clock::time_point deadline;
    if (auto* r = std::get_if<life::Resolving>(&life_))
        deadline = r->deadline;
    else if (auto* c = std::get_if<life::Connecting>(&life_))
        deadline = c->deadline;
    else if (auto* h = std::get_if<life::Handshaking>(&life_))
        deadline = h->deadline;
    else if (auto* l = std::get_if<life::Live>(&life_))
        deadline = l->deadline;
    else
        return;
    if (now >= deadline) fail(Error{Error::Kind::ConnectTimeout, subject_, ""});
}

// --- the owner's calls ----------------------------------------------------

void Connection::process(short revents) {
    auto now = Clock::now();
    std::visit(Overloaded{
                   [&](life::BackingOff& b) {
                       if (now >= b.retry_at) start_attempt(now);
                   },
                   [&](life::Resolving& r) {
                       if (r.resolver->done()) resolved(r);
                   },
                   [&](life::Connecting& c) {
                       if (!revents) return;
                       Transport::Io io = c.transport.finish_connect();
                       if (io == Transport::Io::Done) {
                           socket_connected(std::move(c.transport), c.deadline);
                       } else if (io == Transport::Io::Error) {
                           if (!c.first_error) c.first_error = c.transport.error();
                           connect_next(c);
                       }
                   },
                   [&](life::Handshaking& h) { handshake(h); },
                   [&](life::Live& l) {
                       if (revents & (POLLIN | POLLHUP | POLLERR) || l.transport.has_pending()) read_some(l, now);
                       if (auto* still = std::get_if<life::Live>(&life_); still && !fail_if_noted(*still))
                           flush(*still);
                   },
                   [&](life::Closed&) {},
               },
               life_);
    check_timers(Clock::now());
}

int Connection::fd() const {
    return std::visit(Overloaded{
                          [](const life::Resolving& r) { return r.resolver->fd(); },
                          [](const life::Connecting& c) { return c.transport.fd(); },
                          [](const life::Handshaking& h) { return h.transport.fd(); },
                          [](const life::Live& l) { return l.transport.fd(); },
                          [](const auto&) { return -1; },
                      },
                      life_);
}

short Connection::poll_events() const {
    return std::visit(
        Overloaded{
            [](const life::Resolving&) -> short { return POLLIN; },
            [](const life::Connecting&) -> short { return POLLOUT; },
            [](const life::Handshaking& h) -> short { return POLLIN | (h.transport.wants_write() ? POLLOUT : 0); },
            [&](const life::Live& l) -> short {
                short ev = can_read() ? POLLIN : 0;
                if (!l.out.empty() || l.transport.wants_write() || l.session->wants_write()) ev |= POLLOUT;
                return ev;
            },
            [](const auto&) -> short { return 0; },
        },
        life_);
}

int Connection::timeout_ms() const {
    auto now = Clock::now();
    return std::visit(Overloaded{
                          [&](const life::BackingOff& b) { return ms_until(b.retry_at, now); },
                          [&](const life::Resolving& r) { return ms_until(r.deadline, now); },
                          [&](const life::Connecting& c) { return ms_until(c.deadline, now); },
                          [&](const life::Handshaking& h) { return ms_until(h.deadline, now); },
                          [&](const life::Live& l) {
                              if (l.transport.has_pending() && can_read()) return 0;
                              return ms_until(l.up ? keepalive_.next() : l.deadline, now);
                          },
                          [](const life::Closed&) { return -1; },
                      },
                      life_);
}

void Connection::watch_task_details(const std::vector<uint64_t>& tasks) {
    details_tasks_ = tasks;
    if (auto* l = std::get_if<life::Live>(&life_)) {
        l->calls->watch_details(tasks);
        if (!fail_if_noted(*l)) flush(*l);
    }
}

void Connection::send_pause(bool pause) {
    auto* l = std::get_if<life::Live>(&life_);
    if (!l || !l->up) {
        outbox_.push(event::PauseResult{pause, "not connected to '" + subject_ + "'"});
        return;
    }
    l->calls->pause(pause);
    if (!fail_if_noted(*l)) flush(*l);
}

void Connection::reconnect_now() {
    if (std::holds_alternative<life::Closed>(life_)) return;
    backoff_ = kBackoffStart;
    teardown(true);
    start_attempt(Clock::now());
}

void Connection::shutdown() {
    if (std::holds_alternative<life::Closed>(life_)) return;
    teardown(true);
    enter(life::Closed{});
}

// --- failure and teardown -------------------------------------------------

void Connection::teardown(bool graceful) {
    auto* l = std::get_if<life::Live>(&life_);
    if (!l) return;
    if (graceful) {
        l->session->terminate();
        Error ignored;
        l->session->produce(l->out, 1 << 20, ignored);
        size_t sent = 0;
        if (!l->out.empty()) l->transport.write(reinterpret_cast<const uint8_t*>(l->out.data()), l->out.size(), sent);
    }
    l->calls->abandon();
    l->transport.close();
}

void Connection::update_failed(uint64_t generation, uint64_t size) {
    if (!std::holds_alternative<life::Live>(life_) || generation != outbox_.status.generation) return;
    fail(Error{Error::Kind::Decode, subject_, "invalid protobuf (" + util::format_bytes(size) + ")"});
}

void Connection::fail(Error error) {
    teardown(false);
    std::string text = error.to_string();
    Clock::time_point retry_at = Clock::now() + backoff_;
    backoff_ = std::min(backoff_ * 2, kBackoffMax);
    outbox_.status.last_error = text;
    enter(life::BackingOff{retry_at});
    util::log_at(util::LogLevel::Warn, kLogTarget, "%s; retrying in %lld ms", text.c_str(),
                 static_cast<long long>(std::chrono::duration_cast<milliseconds>(retry_at - Clock::now()).count()));
    outbox_.push(event::Disconnected{std::move(text)});
}

}  // namespace wire
