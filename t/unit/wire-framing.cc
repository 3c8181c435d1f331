// gRPC message reassembly: messages split across and packed within
// payloads, oversize skipping, flags, and the status helpers.
#include <random>
#include <string>
#include <vector>

#include "t/unit/tap.h"
#include "wire/grpc_status.h"
#include "wire/message_reader.h"

using wire::MessageReader;

namespace {

struct Collected {
    std::vector<std::string> msgs;
    std::vector<uint64_t> oversize;
    MessageReader::Sink sink() {
        MessageReader::Sink s;
        s.on_message = [this](std::string_view m) { msgs.emplace_back(m); };
        s.on_oversize = [this](uint64_t n) { oversize.push_back(n); };
        return s;
    }
};

bool feed(MessageReader& r, const std::string& bytes, Collected& c) {
    return r.feed(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), c.sink());
}

std::string payload(size_t n, char seed) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; i++) s[i] = static_cast<char>(seed + i * 7);
    return s;
}

void test_one_message() {
    MessageReader r(1 << 20);
    Collected c;
    feed(r, wire::frame_message("hello"), c);
    tap::check(c.msgs.size() == 1 && c.msgs[0] == "hello", "one message in one payload");
    tap::check(!r.partial(), "nothing left over");
}

void test_packed_messages() {
    MessageReader r(1 << 20);
    Collected c;
    std::string all = wire::frame_message("a") + wire::frame_message("") + wire::frame_message(payload(300, 'x'));
    feed(r, all, c);
    tap::check(c.msgs.size() == 3 && c.msgs[0] == "a" && c.msgs[1].empty() && c.msgs[2] == payload(300, 'x'),
               "three messages packed in one payload, one of them empty");
}

// Every split point of two messages, byte by byte too.
void test_every_split() {
    std::string m1 = payload(40, 'a'), m2 = payload(9, 'q');
    std::string all = wire::frame_message(m1) + wire::frame_message(m2);
    bool good = true;
    for (size_t cut = 0; cut <= all.size(); cut++) {
        MessageReader r(1 << 20);
        Collected c;
        feed(r, all.substr(0, cut), c);
        feed(r, all.substr(cut), c);
        good = good && c.msgs.size() == 2 && c.msgs[0] == m1 && c.msgs[1] == m2 && !r.partial();
    }
    tap::check(good, "two messages split at every possible point");
    MessageReader r(1 << 20);
    Collected c;
    for (char ch : all) feed(r, std::string(1, ch), c);
    tap::check(c.msgs.size() == 2 && c.msgs[0] == m1 && c.msgs[1] == m2, "two messages fed one byte at a time");
}

// Random chunking of many messages.
void test_random_chunks() {
    std::mt19937 rng(42);
    std::vector<std::string> want;
    std::string all;
    for (int i = 0; i < 200; i++) {
        want.push_back(payload(rng() % 5000, static_cast<char>(i)));
        all += wire::frame_message(want.back());
    }
    MessageReader r(1 << 20);
    Collected c;
    size_t off = 0;
    while (off < all.size()) {
        size_t n = std::min<size_t>(all.size() - off, 1 + rng() % 9000);
        feed(r, all.substr(off, n), c);
        off += n;
    }
    tap::check(c.msgs == want, "200 messages in random chunks come out whole and in order");
    tap::check_eq(r.messages(), 200u, "message count");
}

// A large message in 16 KiB frames, as an HTTP/2 peer sends it.
void test_large_message() {
    std::string big = payload(10 << 20, 'b');
    std::string all = wire::frame_message(big);
    MessageReader r(1ull << 30);
    Collected c;
    for (size_t off = 0; off < all.size(); off += 16384) feed(r, all.substr(off, 16384), c);
    tap::check(c.msgs.size() == 1 && c.msgs[0] == big, "a 10 MiB message in 16 KiB frames");
}

void test_oversize() {
    MessageReader r(100);
    Collected c;
    std::string all = wire::frame_message(payload(101, 'o')) + wire::frame_message("after");
    for (size_t off = 0; off < all.size(); off += 17) feed(r, all.substr(off, 17), c);
    tap::check(c.oversize.size() == 1 && c.oversize[0] == 101, "an oversize message is reported");
    tap::check(c.msgs.size() == 1 && c.msgs[0] == "after", "and skipped; the next one arrives");
    Collected c2;
    MessageReader r2(100);
    feed(r2, wire::frame_message(payload(100, 'e')), c2);
    tap::check(c2.msgs.size() == 1 && c2.oversize.empty(), "a message at the limit is accepted");
}

void test_flags() {
    MessageReader r(1 << 20);
    Collected c;
    std::string m = wire::frame_message("zip");
    m[0] = 1;
    tap::check(!feed(r, m, c), "compressed flag is an error");
    tap::check(r.error() == MessageReader::Error::Compressed, "reported as compressed");
    tap::check(c.msgs.empty(), "no message from a compressed frame");
    tap::check(!feed(r, wire::frame_message("x"), c), "nothing is read after an error");
    MessageReader r2(1 << 20);
    m[0] = 7;
    tap::check(!feed(r2, m, c) && r2.error() == MessageReader::Error::BadFlag, "bad flag byte");
}

// A length prefix that overruns what arrives: partial at the end.
void test_partial() {
    MessageReader r(1 << 20);
    Collected c;
    std::string m = wire::frame_message(payload(50, 'p')).substr(0, 30);
    feed(r, m, c);
    tap::check(r.partial() && r.partial_have() == 25 && r.partial_want() == 50,
               "a cut message is partial (25 of 50 bytes)");
    MessageReader r2(1 << 20);
    feed(r2, std::string("\0\0\0", 3), c);
    tap::check(r2.partial() && r2.partial_have() == 3 && r2.partial_want() == 5, "a cut prefix is partial");
    // A huge announced length does not reserve its size up front.
    MessageReader r3(1ull << 30);
    std::string hdr("\0\x3f\xff\xff\xff", 5);
    feed(r3, hdr + "abc", c);
    tap::check(r3.partial() && r3.partial_want() == 0x3fffffffu,
               "a 1 GiB prefix with 3 bytes is waited for, not allocated");
}

void test_status_helpers() {
    tap::check_eq(wire::percent_decode("a%20b%3A%zz%4"), "a b:%zz%4", "percent decoding");
    tap::check_eq(wire::percent_decode("%E2%9C%93"), "\xE2\x9C\x93", "percent-encoded utf-8");
    tap::check_eq(wire::grpc_code_name(12), "unimplemented", "status names");
    tap::check_eq(wire::grpc_code_name(99), "code 99", "unknown status");
    tap::check_eq(wire::parse_grpc_status("14"), 14, "status parse");
    tap::check_eq(wire::parse_grpc_status("1x"), -1, "bad status");
    tap::check_eq(wire::h2_error_name(8), "cancel", "h2 error names");
}

}  // namespace

int main() {
    test_one_message();
    test_packed_messages();
    test_every_split();
    test_random_chunks();
    test_large_message();
    test_oversize();
    test_flags();
    test_partial();
    test_status_helpers();
    return tap::done();
}
