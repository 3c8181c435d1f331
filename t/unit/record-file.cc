// The recording format: what the writer writes the reader reads back,
// and a damaged, cut or foreign file gives a clear message, never a crash.
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>
#include <vector>

#include "record/encode.h"
#include "record/reader.h"
#include "record/writer.h"
#include "t/unit/heap-in-use.h"
#include "t/unit/tap.h"
#include "util/duration.h"

namespace {

using record::Kind;
constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kStart = 5 * kSec;  // the owner's clock at the start

struct Sent {
    Kind kind;
    uint64_t at;
    std::string bytes;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string payload(std::mt19937& rng, size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(i % 7 == 0 ? rng() : 'a' + i % 5));
    return s;
}

// Writes a recording of `seconds` with one update a second and a keyframe
// every 10 s; returns what was sent.
std::vector<Sent> write_sample(const std::string& path, int seconds) {
    record::WriterOptions o;
    o.path = path;
    o.target = "http://127.0.0.1:6669";
    o.console_version = "9.9.9";
    o.start_unix_ns = 1'700'000'000 * kSec;
    o.start_local_ns = kStart;
    o.block_ns = 3 * kSec;
    o.keyframe_every_ns = 10 * kSec;
    std::string err;
    auto w = record::Writer::start(o, err);
    std::vector<Sent> sent;
    if (!w) {
        tap::diag(err);
        return sent;
    }
    std::mt19937 rng(7);
    auto put = [&](Kind k, int64_t at, std::string b) {
        if (k == Kind::Keyframe)
            w->keyframe(kStart + at, b);
        else
            w->write(k, kStart + at, b);
        sent.push_back({k, static_cast<uint64_t>(at), std::move(b)});
    };
    put(Kind::Connected, 0, "http://127.0.0.1:6669");
    put(Kind::State, 1000, std::string("\x08\x01", 2));
    for (int s = 1; s <= seconds; ++s) {
        int64_t at = s * kSec;
        if (w->keyframe_due(kStart + at)) put(Kind::Keyframe, at, "full-" + payload(rng, 3000));
        put(Kind::Update, at, payload(rng, 200 + s * 10));
        if (s % 4 == 0) put(Kind::TaskDetails, at + 5, payload(rng, 50));
    }
    put(Kind::Disconnected, (seconds + 1) * kSec, "connection reset by peer");
    put(Kind::Update, (seconds + 1) * kSec, "");
    auto why = w->finish();
    if (why) tap::diag("unexpected stop: " + *why);
    return sent;
}

// Reads every frame from the reader's cursor; counts errors.
std::vector<Sent> read_all(record::Reader& r, int& errors, std::string& last_err) {
    std::vector<Sent> got;
    record::Frame f;
    std::string err;
    errors = 0;
    for (;;) {
        auto n = r.next(f, err);
        if (n == record::Reader::Next::End) break;
        if (n == record::Reader::Next::Error) {
            ++errors;
            last_err = err;
            continue;
        }
        got.push_back({f.kind, f.at_ns, std::string(f.bytes)});
    }
    return got;
}

bool same(const std::vector<Sent>& a, const std::vector<Sent>& b, size_t n) {
    if (a.size() < n || b.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
        if (a[i].kind != b[i].kind || a[i].at != b[i].at || a[i].bytes != b[i].bytes) return false;
    return true;
}

bool open(record::Reader& r, const std::string& path, std::string& err) {
    return r.open(record::open_file_input(path, err), path, err);
}

bool contains(const std::string& s, const std::string& what) {
    if (s.find(what) != std::string::npos) return true;
    tap::diag("'" + s + "' lacks '" + what + "'");
    return false;
}

void round_trip(const std::string& path, const std::vector<Sent>& sent) {
    record::Reader r;
    std::string err;
    tap::check(open(r, path, err), "a recording opens");
    tap::check_eq(r.header().target, "http://127.0.0.1:6669", "the header keeps the target");
    tap::check_eq(r.header().console_version, "9.9.9", "the header keeps the console version");
    tap::check_eq(r.header().start_unix_ns, 1'700'000'000 * kSec, "the header keeps the start time");
    tap::check(r.warning().empty(), "a clean file has no warning");
    tap::check(r.ending() && r.ending()->records == sent.size() && r.ending()->stop_reason.empty(),
               "the end marker counts every record");
    tap::check(r.blocks().size() > 5, "the recording is in several blocks");
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    tap::check_eq(got.size(), sent.size(), "every record reads back");
    tap::check(errors == 0 && same(got, sent, sent.size()), "kinds, arrival times and bytes are kept");
    tap::check_eq(r.end_ns(), sent.back().at, "the end is the last arrival");
}

void seek(const std::string& path, const std::vector<Sent>& sent) {
    record::Reader r;
    std::string err;
    open(r, path, err);
    size_t keyframes = 0;
    for (const auto& b : r.blocks()) keyframes += b.keyframe;
    tap::check_eq(keyframes, size_t(3), "a keyframe every 10 s of 35 s");
    for (uint64_t t :
         {uint64_t(0), uint64_t(9 * kSec), uint64_t(10 * kSec), uint64_t(25 * kSec), uint64_t(99 * kSec)}) {
        size_t i = r.keyframe_block(t);
        const auto& b = r.blocks()[i];
        bool ok = b.first_ns <= t || i == 0;
        for (size_t j = i + 1; j < r.blocks().size() && r.blocks()[j].first_ns <= t; ++j)
            ok = ok && !r.blocks()[j].keyframe;
        r.seek_block(i);
        record::Frame f;
        bool first_ok =
            r.next(f, err) == record::Reader::Next::Frame && (b.keyframe ? f.kind == Kind::Keyframe : i == 0);
        tap::check(ok && first_ok, "seeking to " + util::format_duration(static_cast<int64_t>(t), 2, true) +
                                       " starts at the last keyframe before it");
    }
    // From the keyframe block to the end: exactly the records after it.
    size_t i = r.keyframe_block(25 * kSec);
    r.seek_block(i);
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    size_t from = 0;
    while (from < sent.size() && !(sent[from].kind == Kind::Keyframe && sent[from].at == r.blocks()[i].first_ns))
        ++from;
    std::vector<Sent> tail(sent.begin() + static_cast<long>(from), sent.end());
    tap::check(errors == 0 && got.size() == tail.size() && same(got, tail, tail.size()),
               "reading from a keyframe gives the rest of the recording");
}

void truncated(const std::string& path, const std::string& dir, const std::vector<Sent>& sent) {
    std::string whole = slurp(path);
    record::Reader full;
    std::string err;
    open(full, path, err);
    const auto& blocks = full.blocks();
    // Cut in the middle of block 4: blocks 0-3 read, the rest does not.
    const auto& b4 = blocks[4];
    std::string cut = dir + "/cut";
    spit(cut, whole.substr(0, b4.offset + 50));
    record::Reader r;
    tap::check(open(r, cut, err), "a file cut inside a block opens");
    tap::check(contains(r.warning(), "offset " + std::to_string(b4.offset)) && contains(r.warning(), "cut short") &&
                   contains(r.warning(), "it plays up to"),
               "the warning names where the file was cut");
    tap::check_eq(r.blocks().size(), size_t(4), "the complete blocks before the cut are indexed");
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    size_t expect = 0;
    for (size_t i = 0; i < 4; ++i) expect += blocks[i].records;
    tap::check(errors == 0 && got.size() == expect && same(got, sent, expect),
               "every record before the cut reads back");

    // Without its end marker only: all records, and a note.
    std::string end = dir + "/noend";
    spit(end,
         whole.substr(0, blocks.back().offset + record::kFrameHead + record::kBlockHeadSize + blocks.back().zsize));
    record::Reader e;
    tap::check(open(e, end, err) && contains(e.warning(), "no end marker") && !e.ending(),
               "a file without its end marker says it was cut short");
    got = read_all(e, errors, last);
    tap::check_eq(got.size(), sent.size(), "and still reads every record");

    // Inside the header: not readable at all, with a reason.
    spit(cut, whole.substr(0, 20));
    tap::check(!open(r, cut, err) && contains(err, "header is cut short"), "a file cut inside its header is refused");
}

void corrupted(const std::string& path, const std::string& dir) {
    std::string whole = slurp(path);
    record::Reader full;
    std::string err;
    open(full, path, err);
    const auto b2 = full.blocks()[2];
    std::string bad = whole;
    bad[b2.offset + record::kFrameHead + record::kBlockHeadSize + b2.zsize / 2] ^= 0x55;
    std::string p = dir + "/bad";
    spit(p, bad);
    record::Reader r;
    tap::check(open(r, p, err) && r.warning().empty(), "a damaged block does not stop the index");
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    tap::check(errors == 1 && contains(last, "offset " + std::to_string(b2.offset)) && contains(last, "damaged block"),
               "reading it gives one error naming its offset");
    tap::check_eq(got.size(), size_t(full.ending()->records - b2.records), "the blocks around it still read");

    // A block header that lies about its flags stops the index there.
    bad = whole;
    bad[full.blocks()[3].offset + record::kFrameHead + 28] = 0x7f;
    spit(p, bad);
    tap::check(
        open(r, p, err) && contains(r.warning(), "damaged block header: unknown flags") && r.blocks().size() == 3,
        "a damaged block header ends the readable part");
    // Bytes that are not a block at all.
    bad = whole;
    bad[full.blocks()[1].offset] = 'X';
    spit(p, bad);
    tap::check(open(r, p, err) && contains(r.warning(), "are not a block") && r.blocks().size() == 1,
               "foreign bytes between blocks are named");
}

void foreign(const std::string& dir) {
    std::string p = dir + "/other";
    record::Reader r;
    std::string err;
    spit(p, "{\"v\":1}\n{\"Spawn\":{}}\n");
    tap::check(!open(r, p, err) && contains(err, "is not a tokio-console recording"),
               "a JSON file is not taken for a recording");
    spit(p, "");
    tap::check(!open(r, p, err) && contains(err, "is not a tokio-console recording"), "nor is an empty file");
    record::Header h;
    h.version = 3;
    spit(p, record::encode_header(h));
    tap::check(!open(r, p, err) && contains(err, "format version 3; this console reads versions 1 and 2"),
               "a newer format version is named: " + err);
    tap::check(!open(r, dir + "/missing", err) && contains(err, "cannot open"), "a missing file says so");
}

void stops(const std::string& dir) {
    record::WriterOptions o;
    o.path = "/dev/full";
    std::string err;
    auto w = record::Writer::start(o, err);
    tap::check(w != nullptr, "a writer starts on /dev/full");
    auto why = w ? w->finish() : std::nullopt;
    tap::check(why && contains(*why, "recording stopped: disk full after 0 "),
               "a full disk stops recording with a reason");
    tap::check(w && !w->write(Kind::Update, 0, "x"), "and later frames are refused");

    // A reader that never reads: the queue fills, write() refuses, never waits.
    int fds[2];
    if (pipe(fds) != 0) return;
    std::signal(SIGPIPE, SIG_IGN);
    o.path = "/proc/self/fd/" + std::to_string(fds[1]);
    o.queue_limit = 1 << 20;
    w = record::Writer::start(o, err);
    std::mt19937 rng(1);
    std::string chunk;
    for (int i = 0; i < 65536; ++i) chunk.push_back(static_cast<char>(rng()));
    int n = 0;
    while (n < 10000 && w && w->write(Kind::Update, n, chunk)) ++n;
    why = w ? w->stop_reason() : std::nullopt;
    tap::check(n < 10000 && why && contains(*why, "the disk cannot keep up"),
               "a slow disk stops recording instead of blocking the caller");
    close(fds[0]);
    close(fds[1]);
    if (w) w->finish();
    o.path = dir + "/no/such/dir/f";
    tap::check(!record::Writer::start(o, err) && contains(err, "cannot create"),
               "an impossible path is refused at once");
}

// A block of a large process's keyframe leaves the builder's buffers at
// its size; release() gives that back.  Counted by malloc itself.
void release_gives_memory_back() {
#ifdef __SANITIZE_ADDRESS__
    tap::skip("malloc's own counts are not kept under AddressSanitizer");
#else
    record::BlockBuilder b;
    const size_t before = unit_test::heap_in_use();
    std::mt19937 rng(11);
    b.add(Kind::Keyframe, 0, payload(rng, size_t{20} << 20));
    std::string out, err;
    bool ok = b.finish(out, err);
    std::string().swap(out);
    const size_t kept = unit_test::heap_in_use();
    b.release();
    const size_t after = unit_test::heap_in_use();
    tap::check(ok && kept > before + (size_t{20} << 20),
               "a 20 MiB block leaves " + std::to_string((kept - before) >> 20) + " MiB in the builder");
    // What stays is zstd's own workspace, which does not grow with the block.
    tap::check(after < before + (size_t{2} << 20),
               "release() gives back all but " + std::to_string((after - before) >> 10) + " KiB of it");
#endif
}

// A new connection starts a block of its own, whatever the block's size
// or age: the writer gives back a large process's buffers there.
void connections(const std::string& dir) {
    record::WriterOptions o;
    o.path = dir + "/links";
    o.target = "http://127.0.0.1:6669";
    o.start_local_ns = kStart;
    o.block_ns = 60 * kSec;
    std::string err;
    auto w = record::Writer::start(o, err);
    tap::check(w != nullptr, "a writer starts");
    if (!w) return;
    w->write(Kind::Connected, kStart, o.target);
    for (int s = 1; s <= 3; ++s) w->write(Kind::Update, kStart + s * kSec, std::string(100, 'u'));
    w->write(Kind::Connected, kStart + 4 * kSec, o.target);
    w->write(Kind::Update, kStart + 5 * kSec, std::string(100, 'v'));
    w->finish();
    record::Reader r;
    bool ok = open(r, o.path, err);
    const auto& b = r.blocks();
    tap::check(ok && b.size() == 2 && b[0].records == 4 && b[1].records == 2 && b[1].first_ns == 4 * kSec && b[1].links,
               "a second connection opens a new block");
}

}  // namespace

int main() {
    char tmpl[] = "/tmp/record-file.XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string path = dir + "/rec";
    auto sent = write_sample(path, 35);
    round_trip(path, sent);
    seek(path, sent);
    truncated(path, dir, sent);
    corrupted(path, dir);
    foreign(dir);
    stops(dir);
    connections(dir);
    release_gives_memory_back();
    std::system(("rm -rf '" + dir + "'").c_str());
    return tap::done();
}
