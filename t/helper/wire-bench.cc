// wire-bench: measures the wire path on loopback.  A server thread (nghttp2
// server side) streams --count Updates of --tasks new tasks each to a
// wire::Client in the main thread; then one Update of about --big-mb MB.
// Prints wire+decode throughput (MB/s, task-updates/s) and the time from
// the last byte of the big message leaving the server to its last piece,
// parsed, reaching the client's owner.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <nghttp2/nghttp2.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "wire/client.h"

namespace {

namespace pb = rs::tokio::console;
using Clock = std::chrono::steady_clock;

std::atomic<int64_t> last_byte_ns{0};

std::string make_update(int tasks, size_t pad) {
    pb::instrument::Update u;
    u.mutable_now()->set_seconds(1);
    auto* tu = u.mutable_task_update();
    for (int i = 0; i < tasks; i++) {
        auto* t = tu->add_new_tasks();
        t->mutable_id()->set_id(static_cast<uint64_t>(i + 1));
        t->mutable_metadata()->set_id(1);
        auto* f = t->add_fields();
        f->set_name_idx(0);
        f->set_str_val("task-" + std::to_string(i));
        t->mutable_location()->set_file("src/main.rs");
        (*tu->mutable_stats_update())[static_cast<uint64_t>(i + 1)].set_wakes(static_cast<uint64_t>(i));
    }
    if (pad > 0) {
        auto* t = tu->add_new_tasks();
        t->mutable_id()->set_id(static_cast<uint64_t>(tasks + 1));
        t->add_fields()->set_str_val(std::string(pad, 'x'));
    }
    std::string msg = u.SerializeAsString();
    std::string out(5, '\0');
    uint32_t n = static_cast<uint32_t>(msg.size());
    out[1] = static_cast<char>(n >> 24);
    out[2] = static_cast<char>(n >> 16);
    out[3] = static_cast<char>(n >> 8);
    out[4] = static_cast<char>(n);
    return out + msg;
}

struct Server {
    int fd = -1;
    nghttp2_session* s = nullptr;
    std::vector<std::string> messages;
    size_t msg = 0, off = 0;
    int32_t stream = 0;
};

ssize_t read_cb(nghttp2_session*, int32_t, uint8_t* buf, size_t len, uint32_t* flags, nghttp2_data_source*,
                void* user) {
    Server* sv = static_cast<Server*>(user);
    if (sv->msg >= sv->messages.size()) return NGHTTP2_ERR_DEFERRED;
    const std::string& m = sv->messages[sv->msg];
    size_t n = std::min(len, m.size() - sv->off);
    memcpy(buf, m.data() + sv->off, n);
    sv->off += n;
    if (sv->off == m.size()) {
        sv->msg++;
        sv->off = 0;
    }
    (void)flags;
    return static_cast<ssize_t>(n);
}

int frame_cb(nghttp2_session* s, const nghttp2_frame* f, void* user) {
    Server* sv = static_cast<Server*>(user);
    bool request_done =
        (f->hd.type == NGHTTP2_HEADERS || f->hd.type == NGHTTP2_DATA) && (f->hd.flags & NGHTTP2_FLAG_END_STREAM);
    // The client opens WatchUpdates first (stream 1); the rest are refused.
    if (request_done && f->hd.stream_id == 1) {
        sv->stream = f->hd.stream_id;
        nghttp2_nv h[] = {{(uint8_t*)":status", (uint8_t*)"200", 7, 3, 0},
                          {(uint8_t*)"content-type", (uint8_t*)"application/grpc", 12, 16, 0}};
        nghttp2_data_provider prd;
        prd.source.ptr = nullptr;
        prd.read_callback = read_cb;
        nghttp2_submit_response(s, f->hd.stream_id, h, 2, &prd);
    } else if (request_done) {
        nghttp2_nv h[] = {{(uint8_t*)":status", (uint8_t*)"200", 7, 3, 0},
                          {(uint8_t*)"content-type", (uint8_t*)"application/grpc", 12, 16, 0},
                          {(uint8_t*)"grpc-status", (uint8_t*)"12", 11, 2, 0}};
        nghttp2_submit_response(s, f->hd.stream_id, h, 3, nullptr);
    }
    return 0;
}

void serve(int fd, std::vector<std::string> messages) {
    Server sv;
    sv.fd = fd;
    sv.messages = std::move(messages);
    nghttp2_session_callbacks* cbs;
    nghttp2_session_callbacks_new(&cbs);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, frame_cb);
    nghttp2_session_server_new(&sv.s, cbs, &sv);
    nghttp2_session_callbacks_del(cbs);
    nghttp2_settings_entry iv[] = {{NGHTTP2_SETTINGS_MAX_FRAME_SIZE, 1 << 20}};
    nghttp2_submit_settings(sv.s, NGHTTP2_FLAG_NONE, iv, 1);
    std::vector<uint8_t> buf(1 << 16);
    size_t sent_msgs = 0;
    while (true) {
        pollfd p{fd, POLLIN, 0};
        if (nghttp2_session_want_write(sv.s)) p.events |= POLLOUT;
        if (poll(&p, 1, 1000) < 0) break;
        if (p.revents & POLLIN) {
            ssize_t n = recv(fd, buf.data(), buf.size(), 0);
            if (n <= 0 || nghttp2_session_mem_recv(sv.s, buf.data(), static_cast<size_t>(n)) < 0) break;
        }
        if (sv.stream && sv.msg < sv.messages.size()) nghttp2_session_resume_data(sv.s, sv.stream);
        const uint8_t* out;
        ssize_t n;
        while ((n = nghttp2_session_mem_send(sv.s, &out)) > 0) {
            const uint8_t* p2 = out;
            size_t left = static_cast<size_t>(n);
            while (left > 0) {
                ssize_t w = send(fd, p2, left, MSG_NOSIGNAL);
                if (w <= 0) {
                    if (errno == EAGAIN) continue;
                    goto done;
                }
                p2 += w;
                left -= static_cast<size_t>(w);
            }
        }
        if (sv.msg != sent_msgs) {
            sent_msgs = sv.msg;
            last_byte_ns = Clock::now().time_since_epoch().count();
        }
    }
done:
    nghttp2_session_del(sv.s);
    close(fd);
}

}  // namespace

int main(int argc, char** argv) {
    int count = 20, tasks = 100000, big_mb = 100;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--count")
            count = std::atoi(argv[i + 1]);
        else if (a == "--tasks")
            tasks = std::atoi(argv[i + 1]);
        else if (a == "--big-mb")
            big_mb = std::atoi(argv[i + 1]);
    }
    std::vector<std::string> msgs;
    size_t total = 0;
    for (int i = 0; i < count; i++) {
        msgs.push_back(make_update(tasks, 0));
        total += msgs.back().size();
    }
    if (big_mb > 0) msgs.push_back(make_update(0, static_cast<size_t>(big_mb) << 20));

    int ls = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(ls, (sockaddr*)&a, sizeof a);
    listen(ls, 1);
    socklen_t len = sizeof a;
    getsockname(ls, (sockaddr*)&a, &len);
    std::thread server([ls, m = std::move(msgs)]() mutable {
        int fd = accept(ls, nullptr, nullptr);
        serve(fd, std::move(m));
    });

    wire::Target target;
    std::string err;
    wire::parse_target("http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)), target, err);
    wire::Client client(target, wire::ClientOptions{});
    int got = 0;
    Clock::time_point start{}, end_small{};
    bool done = false;
    auto deadline = Clock::now() + std::chrono::seconds(120);
    while (!done && Clock::now() < deadline) {
        pollfd p{client.fd(), POLLIN, 0};
        int n = poll(&p, 1, 1000);
        client.process(n > 0 ? p.revents : 0);
        wire::Event ev;
        while (client.next_event(ev)) {
            if (std::holds_alternative<wire::event::Connected>(ev)) {
                start = Clock::now();
            } else if (auto* d = std::get_if<wire::event::Disconnected>(&ev)) {
                std::fprintf(stderr, "wire-bench: %s\n", d->error.c_str());
                return 1;
            } else if (auto* u = std::get_if<wire::event::UpdatePart>(&ev)) {
                if (!u->last) continue;
                got++;
                if (got == count) end_small = Clock::now();
                if (got == count + (big_mb > 0 ? 1 : 0)) {
                    auto now = Clock::now().time_since_epoch().count();
                    if (big_mb > 0)
                        std::printf("big update: %d MB, last byte to its last piece parsed: %.1f ms\n", big_mb,
                                    double(now - last_byte_ns.load()) / 1e6);
                    done = true;
                }
            }
        }
    }
    double secs = std::chrono::duration<double>(end_small - start).count();
    std::printf("%d updates of %d tasks (%.1f MB): %.3f s, %.1f MB/s, %.0f task-updates/s\n", count, tasks,
                double(total) / 1e6, secs, double(total) / 1e6 / secs, double(count) * tasks / secs);
    client.shutdown();
    shutdown(ls, SHUT_RDWR);
    close(ls);
    server.join();
    return done ? 0 : 1;
}
