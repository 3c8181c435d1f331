// The recording format with several applications (version 2): the header
// names them, App records say whose the records after them are, a keyframe
// group opens one block that a reader may start at; a version 1 file reads
// as one unnamed application; a damaged header or App record is one line,
// never a crash.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <vector>

#include "record/encode.h"
#include "record/reader.h"
#include "record/writer.h"
#include "t/unit/tap.h"

namespace {

using record::Kind;
constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kStart = 5 * kSec;

struct Got {
    Kind kind;
    uint64_t at;
    std::string bytes, app;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// 20 s of two applications, "api" and "web", an update each a second
// (web's a little later), a keyframe of each every 5 s.
bool write_two(const std::string& path) {
    record::WriterOptions o;
    o.path = path;
    o.console_version = "9.9.9";
    o.apps = {"api", "web"};
    o.start_local_ns = kStart;
    o.block_ns = 3 * kSec;
    o.keyframe_every_ns = 5 * kSec;
    std::string err;
    auto w = record::Writer::start(o, err);
    if (!w) return tap::check(false, "the writer starts: " + err);
    auto api = std::make_shared<const std::string>("api");
    auto web = std::make_shared<const std::string>("web");
    w->write(Kind::Connected, kStart, "http://a", api);
    w->write(Kind::Connected, kStart + 1000, "http://w", web);
    for (int s = 1; s <= 20; s++) {
        int64_t at = kStart + s * kSec;
        if (w->keyframe_due(at)) {
            w->keyframe_made(
                at, 0, [s] { return "api-full-" + std::to_string(s); }, {}, api, true);
            w->keyframe_made(
                at, 0, [s] { return "web-full-" + std::to_string(s); }, std::string("\x08\x01", 2), web, false);
        }
        w->write(Kind::Update, at, "api-" + std::to_string(s), api);
        w->write(Kind::Update, at + 1000, "web-" + std::to_string(s), web);
    }
    return tap::check(!w->finish(), "two applications written without stopping");
}

std::vector<Got> read_all(record::Reader& r, int& errors, std::string& last) {
    std::vector<Got> got;
    record::Frame f;
    std::string err;
    errors = 0;
    for (;;) {
        auto n = r.next(f, err);
        if (n == record::Reader::Next::End) break;
        if (n == record::Reader::Next::Error) {
            errors++;
            last = err;
            continue;
        }
        got.push_back({f.kind, f.at_ns, std::string(f.bytes), std::string(f.app)});
    }
    return got;
}

bool open_bytes(record::Reader& r, const std::string& bytes, std::string& err) {
    return r.open(record::memory_input(bytes), "two.tcr", err);
}

void round_trip(const std::string& bytes) {
    record::Reader r;
    std::string err;
    if (!tap::check(open_bytes(r, bytes, err), "a recording of two applications opens: " + err)) return;
    tap::check_eq(r.header().version, record::kVersionApps, "it is format version 2");
    tap::check(r.header().apps == std::vector<std::string>{"api", "web"}, "the header names both applications");
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    tap::check_eq(errors, 0, "every block reads");
    bool apps_right = true;
    int updates = 0, keyframes = 0;
    for (const Got& g : got) {
        if (g.kind == Kind::Connected) apps_right &= g.bytes == (g.app == "api" ? "http://a" : "http://w");
        if (g.kind == Kind::Update || g.kind == Kind::Keyframe) apps_right &= g.bytes.rfind(g.app + "-", 0) == 0;
        if (g.kind == Kind::State) apps_right &= g.app == "web";
        updates += g.kind == Kind::Update;
        keyframes += g.kind == Kind::Keyframe;
        if (g.kind == Kind::App) apps_right = false;  // the reader keeps them
    }
    tap::check(apps_right, "every record reads back with its own application");
    tap::check_eq(updates, 40, "both applications' updates are there");
    tap::check_eq(keyframes, 8, "a keyframe of each application every 5 s");
}

// A keyframe group is one place to start: only the block that opens it
// says keyframe, and reading from it gives both applications' keyframes.
void keyframe_groups(const std::string& bytes) {
    record::Reader r;
    std::string err;
    open_bytes(r, bytes, err);
    size_t flagged = 0;
    for (const auto& b : r.blocks()) flagged += b.keyframe;
    tap::check_eq(flagged, size_t(4), "one block a reader may start at per keyframe group");
    r.seek_block(r.keyframe_block(12 * kSec));
    record::Frame f;
    std::vector<std::string> first;
    while (first.size() < 3 && r.next(f, err) == record::Reader::Next::Frame)
        first.push_back(std::string(f.app) + ":" + record::kind_name(f.kind));
    tap::check(first == std::vector<std::string>{"api:keyframe", "web:state", "web:keyframe"},
               "seeking starts at the group: api's keyframe, then web's State and keyframe");
}

// Version 1 files have no names: every record is the unnamed application's.
void version_one(const std::string& dir) {
    record::WriterOptions o;
    o.path = dir + "/one.tcr";
    o.target = "http://127.0.0.1:6669";
    std::string err;
    auto w = record::Writer::start(o, err);
    w->write(Kind::Connected, 1, "http://127.0.0.1:6669");
    w->write(Kind::Update, 2, "u");
    w->finish();
    std::string bytes = slurp(o.path);
    record::Reader r;
    tap::check(r.open(record::memory_input(bytes), "one", err) && r.header().version == record::kVersion &&
                   r.header().apps.empty(),
               "a recording of one target is still version 1, with no names");
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    tap::check(got.size() == 2 && got[0].app.empty() && got[1].app.empty(),
               "its records belong to the one unnamed application");
}

// A header with the given application names (raw, after the fixed part).
std::string header_with(const std::string& names_part) {
    record::Header h;
    h.version = record::kVersionApps;
    std::string bytes = record::encode_header(h);  // with an empty list: 2 bytes of count at the end
    std::string payload = bytes.substr(record::kFrameHead, bytes.size() - record::kFrameHead - 2) + names_part;
    std::string out;
    record::put_le<uint32_t>(out, record::kHeaderFrame);
    record::put_le<uint32_t>(out, static_cast<uint32_t>(payload.size()));
    return out + payload;
}

std::string str16(const std::string& s) {
    std::string out;
    record::put_le<uint16_t>(out, static_cast<uint16_t>(s.size()));
    return out + s;
}

bool one_line_error(const std::string& bytes, const std::string& what, const std::string& title) {
    record::Reader r;
    std::string err;
    bool refused = !open_bytes(r, bytes, err);
    bool said = err.find(what) != std::string::npos && err.find('\n') == std::string::npos;
    if (!said) tap::diag("error: '" + err + "'");
    return tap::check(refused && said, title);
}

void hostile_headers() {
    std::string count2;
    record::put_le<uint16_t>(count2, 2);
    one_line_error(header_with(count2 + str16("api") + str16("api")), "application 2 of 2 is named twice",
                   "a name given twice is refused, in one line");
    one_line_error(header_with(count2 + str16("api") + str16("")), "application 2 of 2 has no name",
                   "an empty name is refused");
    one_line_error(header_with(count2 + str16("api")), "a string runs past its end",
                   "a list longer than the header is refused");
    one_line_error(header_with(""), "the list of applications is missing", "a missing list is refused");
    record::Header h;
    h.version = 3;
    one_line_error(record::encode_header(h), "format version 3; this console reads versions 1 and 2",
                   "a newer version is named");
}

// An App record whose name is longer than the limit damages its block:
// one line naming the offset, the blocks after it still read.
void hostile_app_record() {
    record::Header h;
    h.version = record::kVersionApps;
    h.apps = {"api"};
    std::string file = record::encode_header(h);
    std::string err;
    {
        record::BlockBuilder b;
        b.add(Kind::App, 1, std::string(record::kMaxAppName + 1, 'x'));
        b.add(Kind::Update, 1, "bad");
        b.finish(file, err);
    }
    {
        record::BlockBuilder b;
        b.add(Kind::App, 2, "api");
        b.add(Kind::Update, 2, "good");
        b.finish(file, err);
    }
    file += record::encode_end({});
    record::Reader r;
    if (!tap::check(open_bytes(r, file, err), "a file with a damaged App record opens: " + err)) return;
    int errors;
    std::string last;
    auto got = read_all(r, errors, last);
    tap::check(errors == 1 && last.find("an application's name that is too long") != std::string::npos &&
                   last.find('\n') == std::string::npos,
               "the damaged block is one line: " + last);
    tap::check(got.size() == 1 && got[0].bytes == "good" && got[0].app == "api", "the next block still reads");
}

}  // namespace

int main() {
    char tmpl[] = "/tmp/record-apps.XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string path = dir + "/two.tcr";
    if (write_two(path)) {
        std::string bytes = slurp(path);
        round_trip(bytes);
        keyframe_groups(bytes);
    }
    version_one(dir);
    hostile_headers();
    hostile_app_record();
    std::remove(path.c_str());
    std::remove((dir + "/one.tcr").c_str());
    rmdir(dir.c_str());
    return tap::done();
}
