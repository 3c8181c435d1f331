// wire-hostile: a misbehaving console server for the wire failure tests.
// It listens on loopback, writes its port to --port-file and handles each
// connection on its own thread according to --mode:
//
//   http1         answers the HTTP/2 preface with an HTTP/1.1 400
//   garbage       sends bytes that are not HTTP/2 at all
//   malformed     a valid SETTINGS frame, then a DATA frame on stream 0
//   unimplemented every call: Trailers-Only grpc-status 12
//   status        WatchUpdates: Trailers-Only grpc-status 14 with a
//                 percent-encoded message
//   overrun       a length prefix of 100 bytes, then 10 bytes, then trailers
//   close-mid     half a message, then the connection closes
//   bad-protobuf  a well-framed message that is not a valid Update
//   bad-piece     an Update whose own framing is sound but whose one task
//                 stats entry is not a message (found only when parsed)
//   compressed    a message with the compressed flag set
//   goaway        response headers, then GOAWAY (ENHANCE_YOUR_CALM)
//   rst           response headers, then RST_STREAM (INTERNAL_ERROR)
//   silent        response headers, then never reads or writes again
//   blackhole     never accepts; its listen queue is kept full so that
//                 connects hang
//   text-html     answers with content-type text/html
//
// Only WatchUpdates misbehaves in the gRPC modes; other calls get
// grpc-status 12.  Test code: it frames HTTP/2 with nghttp2's server side.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <nghttp2/nghttp2.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <thread>

namespace {

std::string mode;

void write_all(int fd, const void* p, size_t n) {
    const char* c = static_cast<const char*>(p);
    while (n > 0) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w <= 0) return;
        c += w;
        n -= static_cast<size_t>(w);
    }
}

struct Conn {
    int fd;
    nghttp2_session* session = nullptr;
    std::map<int32_t, std::string> path;
    std::map<int32_t, std::string> body;  // response DATA still to send
    bool close_after_flush = false;
    bool silent = false;
    int32_t updates_stream = 0;
};

nghttp2_nv nv(const char* name, const char* value) {
    return nghttp2_nv{(uint8_t*)name, (uint8_t*)value, strlen(name), strlen(value), NGHTTP2_NV_FLAG_NONE};
}

std::string framed(const std::string& msg, uint8_t flag = 0, uint32_t len_override = 0) {
    uint32_t n = len_override ? len_override : static_cast<uint32_t>(msg.size());
    std::string out(5, '\0');
    out[0] = static_cast<char>(flag);
    out[1] = static_cast<char>(n >> 24);
    out[2] = static_cast<char>(n >> 16);
    out[3] = static_cast<char>(n >> 8);
    out[4] = static_cast<char>(n);
    return out + msg;
}

ssize_t read_body(nghttp2_session* s, int32_t id, uint8_t* buf, size_t len, uint32_t* flags, nghttp2_data_source*,
                  void* user) {
    Conn* c = static_cast<Conn*>(user);
    std::string& b = c->body[id];
    size_t n = std::min(len, b.size());
    memcpy(buf, b.data(), n);
    b.erase(0, n);
    if (!b.empty()) return static_cast<ssize_t>(n);
    if (mode == "overrun") {
        *flags |= NGHTTP2_DATA_FLAG_EOF | NGHTTP2_DATA_FLAG_NO_END_STREAM;
        nghttp2_nv t[] = {nv("grpc-status", "0")};
        nghttp2_submit_trailer(s, id, t, 1);
        return static_cast<ssize_t>(n);
    }
    if (n == 0) return NGHTTP2_ERR_DEFERRED;
    return static_cast<ssize_t>(n);
}

void trailers_only(nghttp2_session* s, int32_t id, const char* status, const char* message) {
    nghttp2_nv h[] = {nv(":status", "200"), nv("content-type", "application/grpc"), nv("grpc-status", status),
                      nv("grpc-message", message)};
    nghttp2_submit_response(s, id, h, 4, nullptr);
}

void respond(Conn& c, int32_t id) {
    nghttp2_session* s = c.session;
    const std::string& path = c.path[id];
    bool updates = path.find("/WatchUpdates") != std::string::npos;
    if (!updates || mode == "unimplemented") {
        trailers_only(s, id, "12",
                      "Method%20not%20found%3A%20"
                      "WatchUpdates");
        return;
    }
    if (mode == "status") {
        trailers_only(s, id, "14", "try%20again%20later%20%E2%9C%93");
        return;
    }
    c.updates_stream = id;
    nghttp2_data_provider prd;
    prd.source.ptr = nullptr;
    prd.read_callback = read_body;
    std::string& b = c.body[id];
    if (mode == "overrun")
        b = framed(std::string(10, 'x'), 0, 100);
    else if (mode == "close-mid") {
        b = framed(std::string(1000, 'x')).substr(0, 400);
        c.close_after_flush = true;
    } else if (mode == "bad-protobuf")
        b = framed(std::string("\xff\xff\xff\xff\x0f\x01\x02", 7));
    else if (mode == "bad-piece")
        b = framed(std::string("\x12\x04\x1a\x02\xff\xff", 6));
    else if (mode == "compressed")
        b = framed("\x08\x01", 1);
    const char* ct = mode == "text-html" ? "text/html" : "application/grpc";
    nghttp2_nv h[] = {nv(":status", "200"), nv("content-type", ct)};
    nghttp2_submit_response(s, id, h, 2, &prd);
    if (mode == "goaway")
        nghttp2_submit_goaway(s, NGHTTP2_FLAG_NONE, id, NGHTTP2_ENHANCE_YOUR_CALM, (const uint8_t*)"too many requests",
                              17);
    if (mode == "rst") nghttp2_submit_rst_stream(s, NGHTTP2_FLAG_NONE, id, NGHTTP2_INTERNAL_ERROR);
    if (mode == "silent") c.silent = true;
}

int on_header(nghttp2_session*, const nghttp2_frame* f, const uint8_t* name, size_t nlen, const uint8_t* value,
              size_t vlen, uint8_t, void* user) {
    Conn* c = static_cast<Conn*>(user);
    if (f->hd.type == NGHTTP2_HEADERS && std::string((const char*)name, nlen) == ":path")
        c->path[f->hd.stream_id] = std::string((const char*)value, vlen);
    return 0;
}

int on_frame(nghttp2_session*, const nghttp2_frame* f, void* user) {
    Conn* c = static_cast<Conn*>(user);
    if ((f->hd.type == NGHTTP2_HEADERS || f->hd.type == NGHTTP2_DATA) && (f->hd.flags & NGHTTP2_FLAG_END_STREAM))
        respond(*c, f->hd.stream_id);
    return 0;
}

void flush(Conn& c) {
    const uint8_t* p;
    ssize_t n;
    while ((n = nghttp2_session_mem_send(c.session, &p)) > 0) write_all(c.fd, p, static_cast<size_t>(n));
}

void serve(int fd) {
    if (mode == "http1" || mode == "garbage" || mode == "malformed") {
        char buf[4096];
        recv(fd, buf, sizeof buf, 0);
        if (mode == "http1") {
            const char* r = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
            write_all(fd, r, strlen(r));
        } else if (mode == "garbage") {
            const char* r = "\x17\x03\x03 this is not http/2 at all \x01\x02\x03";
            write_all(fd, r, strlen(r));
        } else {
            // SETTINGS (empty), then DATA on stream 0.
            const unsigned char r[] = {0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c', 'd'};
            write_all(fd, r, sizeof r);
        }
        // Wait for the client to go.
        while (recv(fd, buf, sizeof buf, 0) > 0) {
        }
        close(fd);
        return;
    }
    Conn c;
    c.fd = fd;
    nghttp2_session_callbacks* cbs;
    nghttp2_session_callbacks_new(&cbs);
    nghttp2_session_callbacks_set_on_header_callback(cbs, on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, on_frame);
    nghttp2_session_server_new(&c.session, cbs, &c);
    nghttp2_session_callbacks_del(cbs);
    nghttp2_submit_settings(c.session, NGHTTP2_FLAG_NONE, nullptr, 0);
    flush(c);
    char buf[65536];
    while (true) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        if (nghttp2_session_mem_recv(c.session, (const uint8_t*)buf, static_cast<size_t>(n)) < 0) break;
        flush(c);
        if (c.close_after_flush) {
            // FIN, not RST: the client must see the half message before
            // the end, so read what it still sends until it closes.
            shutdown(fd, SHUT_WR);
            while (recv(fd, buf, sizeof buf, 0) > 0) {
            }
            break;
        }
        if (c.silent) {
            // Hold the connection and answer nothing, not even PING.
            while (recv(fd, buf, sizeof buf, 0) > 0) {
            }
            break;
        }
    }
    nghttp2_session_del(c.session);
    close(fd);
}

}  // namespace

int main(int argc, char** argv) {
    std::string port_file;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--mode")
            mode = argv[i + 1];
        else if (a == "--port-file")
            port_file = argv[i + 1];
    }
    if (mode.empty()) {
        std::fprintf(stderr, "usage: wire-hostile --mode MODE [--port-file FILE]\n");
        return 2;
    }
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (sockaddr*)&a, sizeof a) != 0 || listen(ls, mode == "blackhole" ? 0 : 16) != 0) {
        std::perror("wire-hostile: listen");
        return 1;
    }
    socklen_t len = sizeof a;
    getsockname(ls, (sockaddr*)&a, &len);
    int fillers[4];
    if (mode == "blackhole") {
        // Fill the accept queue so that later connects see no answer.
        for (int& f : fillers) {
            f = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            connect(f, (sockaddr*)&a, sizeof a);
        }
        usleep(100000);
    }
    std::string port = std::to_string(ntohs(a.sin_port));
    if (!port_file.empty()) {
        std::string tmp = port_file + ".tmp";
        FILE* f = fopen(tmp.c_str(), "w");
        fprintf(f, "%s\n", port.c_str());
        fclose(f);
        rename(tmp.c_str(), port_file.c_str());
    } else {
        std::printf("%s\n", port.c_str());
        std::fflush(stdout);
    }
    if (mode == "blackhole") {
        pause();
        return 0;
    }
    while (true) {
        int fd = accept4(ls, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        std::thread(serve, fd).detach();
    }
}
