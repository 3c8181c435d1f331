// record-bench: the cost of recording and the speed of seeking.
//
// 1. A 100 k-task session at one full update a second, recorded through
//    session::Recorder as the console does, with a keyframe every 4 s (30 s
//    in the console) so that a short run makes several: the loop thread's
//    CPU for handing each update to the recorder and asking for keyframes,
//    as a share of the second between updates; the loop's worst cost of
//    one keyframe beside what building the snapshot on the loop cost (as
//    keyframes were made before the writer's thread had a model of its
//    own); the writer's thread's CPU; and the file's growth beside the wire
//    bytes, raw and compressed one message at a time with zstd.
// 2. A synthesized 1-hour recording of 10 k tasks (each second an update
//    of a tenth of them, a keyframe every 30 s): the time to open it and to
//    seek to 20 places in it, applying what the seek gives to a model.
// 3. console-subscriber's recording of the shared fixtures
//    (load.record.jsonl.xz, 12 s): the time to open it and to seek to its
//    end, which plays it from its start (the format has no keyframes).
// Figures are printed against their targets, never checked.
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <thread>

#include "model/model.h"
#include "model/snapshot.h"
#include "proto/time_values.h"
#include "record/encode.h"
#include "session/recorder.h"
#include "session/recording_source.h"
#include "session/session.h"

namespace {

namespace pb = rs::tokio::console;
using model::Nanos;
constexpr Nanos kSec = 1'000'000'000;
constexpr Nanos kBase = 1'700'000'000 * kSec;

double cpu_ms() {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double process_cpu_ms() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void ts(google::protobuf::Timestamp* t, Nanos ns) {
    proto_time::set_timestamp(ns, t);
}

// Tasks [0, n) announced, with names and locations.
void spawn(pb::instrument::Update& u, uint64_t n) {
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(1);
    nm->mutable_metadata()->set_name("runtime.spawn");
    nm->mutable_metadata()->set_target("tokio::task");
    for (uint64_t i = 0; i < n; i++) {
        auto* t = u.mutable_task_update()->add_new_tasks();
        t->mutable_id()->set_id(i + 1);
        t->mutable_metadata()->set_id(1);
        auto* f = t->add_fields();
        f->set_str_name("task.name");
        f->set_str_val("worker-" + std::to_string(i % 1000));
        t->mutable_location()->set_file("src/server.rs");
        t->mutable_location()->set_line(static_cast<uint32_t>(10 + i % 50));
    }
}

// Stats of tasks i = from, from+step, ... below n at server time `now`.
void stats(pb::instrument::Update& u, uint64_t from, uint64_t step, uint64_t n, Nanos now, uint64_t round) {
    ts(u.mutable_now(), now);
    auto* m = u.mutable_task_update()->mutable_stats_update();
    for (uint64_t i = from; i < n; i += step) {
        auto& s = (*m)[i + 1];
        ts(s.mutable_created_at(), kBase - static_cast<Nanos>(i % 5000) * 1'000'000);
        auto* ps = s.mutable_poll_stats();
        uint64_t polls = (i * 7919) % 10007 + round * (i % 7);
        ps->set_polls(polls);
        ts(ps->mutable_first_poll(), kBase);
        ts(ps->mutable_last_poll_started(), now - static_cast<Nanos>((i * 31 + round) % 1000) * 1'000'000);
        ts(ps->mutable_last_poll_ended(), now - static_cast<Nanos>((i * 17 + round) % 1000) * 1'000'000);
        ps->mutable_busy_time()->set_nanos(static_cast<int32_t>((i * 104729 + round * 977) % 999'999'999));
        s.mutable_scheduled_time()->set_nanos(static_cast<int32_t>((i * 7727) % 999'999'999));
        s.set_wakes(polls + 1);
        s.set_waker_clones(polls + 2);
        s.set_waker_drops(polls + (i % 3));
    }
}

size_t zstd_size(const std::string& s) {
    std::string out(ZSTD_compressBound(s.size()), '\0');
    size_t n = ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 3);
    return ZSTD_isError(n) ? s.size() : n;
}

long file_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    return in ? static_cast<long>(in.tellg()) : 0;
}

// Part 1: recording 100 k tasks, one full update a second, for `rounds` s.
void bench_recording(const std::string& dir, uint64_t n, int rounds) {
    std::string path = dir + "/session.tcr", err;
    model::Model m;
    session::RecorderOptions ro;
    ro.keyframe_every_ns = 4 * kSec;
    auto rec = session::Recorder::start(path, "http://bench", 0, err, ro);
    if (!rec) {
        printf("record: %s\n", err.c_str());
        return;
    }
    rec->record(session::event::Reset{}, 0);
    double record_ms = 0, apply_ms = 0, keyframe_worst = 0, loop0 = cpu_ms(), all0 = process_cpu_ms();
    uint64_t wire = 0, wire_z = 0;
    int keyframes = 0;
    auto wall0 = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; r++) {
        pb::instrument::Update u;
        if (r == 0) spawn(u, n);
        stats(u, 0, 1, n, kBase + r * kSec, static_cast<uint64_t>(r));
        auto bytes = std::make_shared<std::string>(u.SerializeAsString());
        wire += bytes->size();
        wire_z += zstd_size(*bytes);
        Nanos at = r * kSec;
        session::Event ev = session::event::Update{bytes, *bytes};
        double c0 = cpu_ms();
        rec->record(ev, at);
        double c1 = cpu_ms();
        m.apply_encoded(*bytes, at);
        double c2 = cpu_ms();
        rec->after_events(at);
        double c3 = cpu_ms();
        record_ms += (c1 - c0) + (c3 - c2);
        apply_ms += c2 - c1;
        if (r > 0 && r % 4 == 0) {
            keyframe_worst = std::max(keyframe_worst, c3 - c2);
            keyframes++;
        }
        // One update a second, as the application would send them.
        std::this_thread::sleep_until(wall0 + std::chrono::seconds(r + 1));
    }
    rec->finish();
    // The writer's thread: all the process's CPU but the loop's.
    double writer_ms = (process_cpu_ms() - all0) - (cpu_ms() - loop0);
    double c0 = cpu_ms();
    pb::instrument::Update snap = model::snapshot(m);
    double snapshot_ms = cpu_ms() - c0;
    std::string key = snap.SerializeAsString();
    std::string stopped = rec->stopped();
    long size = file_size(path);
    double per_s = record_ms / rounds;
    printf("record: %llu tasks, a full update a second: the loop's extra CPU %.2f ms/s (%.3f %% of a core;"
           " applying an update is %.0f ms)  target < 5 %%\n",
           static_cast<unsigned long long>(n), per_s, per_s / 10, apply_ms / rounds);
    printf("record: a keyframe costs the loop %.3f ms at worst over %d (building the snapshot on the loop, as"
           " before, took %.0f ms); the writer's thread spends %.0f ms/s (its own model, compression,"
           " keyframes)\n",
           keyframe_worst, keyframes, snapshot_ms, writer_ms / rounds);
    printf("record: file growth %.2f MB/s against %.2f MB/s on the wire (%.2f MB/s compressed one message at a"
           " time; a keyframe adds about %.2f MB/s)  target: no more than the compressed wire bytes%s%s\n",
           size / 1e6 / rounds, wire / 1e6 / rounds, wire_z / 1e6 / rounds, zstd_size(key) / 1e6 / 30,
           stopped.empty() ? "" : "; ", stopped.c_str());
}

// Part 2: writes a `seconds`-long recording of n tasks, synchronously.
bool synthesize(const std::string& path, uint64_t n, int seconds) {
    std::ofstream out(path, std::ios::binary);
    record::Header h;
    h.target = "http://bench";
    h.console_version = "bench";
    out << record::encode_header(h);
    record::BlockBuilder block;
    std::string buf, err;
    model::Model m;
    auto put = [&](record::Kind k, uint64_t at, const std::string& bytes) {
        if (!block.empty() && (k == record::Kind::Keyframe || at - block.first_ns() >= kSec)) {
            if (!block.finish(buf, err)) return false;
            out << buf;
            buf.clear();
        }
        block.add(k, at, bytes);
        return true;
    };
    put(record::Kind::Connected, 0, h.target);
    for (int s = 0; s < seconds; s++) {
        uint64_t at = static_cast<uint64_t>(s) * kSec;
        pb::instrument::Update u;
        if (s == 0) spawn(u, n);
        stats(u, static_cast<uint64_t>(s) % 10, s == 0 ? 1 : 10, n, kBase + s * kSec, static_cast<uint64_t>(s));
        std::string bytes = u.SerializeAsString();
        m.apply_encoded(bytes, static_cast<Nanos>(at));
        if (s > 0 && s % 30 == 0 && !put(record::Kind::Keyframe, at, model::snapshot(m).SerializeAsString()))
            return false;
        if (!put(record::Kind::Update, at + 1000, bytes)) return false;
    }
    if (!block.finish(buf, err)) return false;
    record::Ending e;
    e.last_ns = static_cast<uint64_t>(seconds) * kSec;
    out << buf << record::encode_end(e);
    return static_cast<bool>(out);
}

// Seeks to t and gives what comes to a fresh model; returns the ms taken.
double seek_into(session::RecordingSource& src, uint64_t t) {
    model::Model m;
    auto s0 = std::chrono::steady_clock::now();
    src.seek(t);
    session::Event ev;
    while (!src.idle()) {
        src.process(false);
        while (src.next_event(ev)) session::apply_event(m, ev, *src.clock_ns(), true);
    }
    return ms_since(s0);
}

void bench_jsonl(const std::string& dir) {
    const char* shared = getenv("TC_SHARED");
    std::string xz = std::string(shared ? shared : "../shared") + "/fixtures/record/load.record.jsonl.xz";
    std::string path = dir + "/load.jsonl", err;
    if (file_size(xz) == 0 || system(("xz -dc '" + xz + "' >'" + path + "'").c_str()) != 0) {
        printf("jsonl: no '%s'; skipped\n", xz.c_str());
        return;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto src = session::RecordingSource::open(path, err);
    if (!src) {
        printf("jsonl: %s\n", err.c_str());
        return;
    }
    double open_ms = ms_since(t0), worst = 0;
    for (int i = 0; i < 5; i++) worst = std::max(worst, seek_into(*src, src->length_ns()));
    printf("jsonl: console-subscriber's recording of %.0f s (%.1f MB): open %.0f ms, a seek to its end (from its"
           " start: no keyframes) %.1f ms at worst  target < 2000 ms\n",
           src->length_ns() / 1e9, file_size(path) / 1e6, open_ms, worst);
}

void bench_seek(const std::string& dir, uint64_t n, int seconds) {
    std::string path = dir + "/hour.tcr", err;
    auto t0 = std::chrono::steady_clock::now();
    if (!synthesize(path, n, seconds)) {
        printf("seek: cannot write '%s'\n", path.c_str());
        return;
    }
    double write_ms = ms_since(t0);
    t0 = std::chrono::steady_clock::now();
    auto src = session::RecordingSource::open(path, err);
    if (!src) {
        printf("seek: %s\n", err.c_str());
        return;
    }
    double open_ms = ms_since(t0);
    std::mt19937 rng(42);
    double worst = 0, total = 0;
    const int kSeeks = 20;
    for (int i = 0; i < kSeeks; i++) {
        uint64_t t = rng() % static_cast<uint64_t>(seconds) * kSec;
        double ms = seek_into(*src, t);
        worst = std::max(worst, ms);
        total += ms;
    }
    printf("seek: a %d-minute recording of %llu tasks (%.0f MB, written in %.1f s): open %.0f ms, "
           "seek %.0f ms on average, %.0f ms at worst over %d seeks  target < 2000 ms\n",
           seconds / 60, static_cast<unsigned long long>(n), file_size(path) / 1e6, write_ms / 1000, open_ms,
           total / kSeeks, worst, kSeeks);
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 12;
    char dir[] = "/tmp/tc-record-bench-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    bench_recording(dir, 100'000, rounds > 0 ? rounds : 12);
    if (!getenv("RECORD_BENCH_NO_SEEK")) bench_seek(dir, 10'000, 3600);
    bench_jsonl(dir);
    std::string cmd = std::string("rm -rf ") + dir;
    return system(cmd.c_str()) == 0 ? 0 : 1;
}
