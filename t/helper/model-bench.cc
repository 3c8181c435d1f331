// model-bench: how fast the model takes updates and orders the task list,
// and how much memory a task costs, at 10 k, 100 k and 1 M live tasks.
//
//   model-bench [--no-huge-pages] [N...]     (default: 10000 100000 1000000)
//
// For each size: the time to apply one full stats update (every task's
// stats) to the model, the time to produce the 50 visible rows sorted by
// each column, and resident memory per task (from /proc/self/statm).
//
// The update is serialized, then split and parsed piece by piece as the
// wire layer does on its own thread, and each piece applied as the
// console's loop does; the two are timed apart.  Memory: the model's bytes per task, the peak the update
// added while it was checked and applied (its bytes included), and the
// free memory malloc holds afterwards.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/arena.h>

#include "instrument.pb.h"
#include "model/model.h"
#include "model/task_order.h"
#include "proto/time_values.h"
#include "util/huge_pages.h"
#include "wire/update_split.h"

namespace pb = rs::tokio::console;
using model::Nanos;

namespace {

const Nanos kSec = 1'000'000'000;
const Nanos kBase = 1'700'000'000 * kSec;
const uint64_t kMeta = 77;

void ts(google::protobuf::Timestamp* t, Nanos ns) {
    proto_time::set_timestamp(ns, t);
}

// Starts a new peak for peak_bytes() (Linux: clear_refs 5 resets VmHWM).
void reset_peak() {
    FILE* f = fopen("/proc/self/clear_refs", "w");
    if (!f) return;
    fputs("5", f);
    fclose(f);
}

long peak_bytes() {
    FILE* f = fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kb = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
    fclose(f);
    return kb * 1024;
}

long resident_bytes() {
    FILE* f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long size = 0, resident = 0;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
    fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

// CPU time of this thread: unlike the wall clock, it leaves out the time
// that other processes on a loaded machine take.
double cpu_ms() {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Spawns tasks [from, to): a name from a small set, tokio's id, a spawn
// location, as a real runtime announces them.
void spawn(pb::instrument::Update& u, uint64_t from, uint64_t to) {
    ts(u.mutable_now(), kBase);
    if (from == 0) {
        auto* nm = u.mutable_new_metadata()->add_metadata();
        nm->mutable_id()->set_id(kMeta);
        nm->mutable_metadata()->set_name("runtime.spawn");
        nm->mutable_metadata()->set_target("tokio::task");
    }
    for (uint64_t i = from; i < to; i++) {
        auto* t = u.mutable_task_update()->add_new_tasks();
        t->mutable_id()->set_id(i + 1);
        t->mutable_metadata()->set_id(kMeta);
        auto* f = t->add_fields();
        f->set_str_name("task.name");
        f->set_str_val("worker-" + std::to_string(i % 1000));
        f = t->add_fields();
        f->set_str_name("task.id");
        f->set_u64_val(i + 1);
        f = t->add_fields();
        f->set_str_name("spawn.location");
        f->set_str_val("src/server.rs:" + std::to_string(10 + i % 50) + ":9");
        t->mutable_location()->set_file("src/server.rs");
        t->mutable_location()->set_line(static_cast<uint32_t>(10 + i % 50));
        t->mutable_location()->set_column(9);
    }
}

// Stats for every task, as of server time `now`, with some variety.
void stats(pb::instrument::Update& u, uint64_t n, Nanos now, uint64_t round) {
    ts(u.mutable_now(), now);
    auto* m = u.mutable_task_update()->mutable_stats_update();
    for (uint64_t i = 0; i < n; i++) {
        auto& s = (*m)[i + 1];
        ts(s.mutable_created_at(), kBase - static_cast<Nanos>(i % 5000) * 1'000'000);
        auto* ps = s.mutable_poll_stats();
        uint64_t polls = (i * 7919) % 10007 + round;
        ps->set_polls(polls);
        ts(ps->mutable_first_poll(), kBase);
        ts(ps->mutable_last_poll_started(), now - static_cast<Nanos>((i * 31) % 1000) * 1'000'000);
        ts(ps->mutable_last_poll_ended(), now - static_cast<Nanos>((i * 17) % 1000) * 1'000'000);
        ps->mutable_busy_time()->set_nanos(static_cast<int32_t>((i * 104729) % 999'999'999));
        s.mutable_scheduled_time()->set_nanos(static_cast<int32_t>((i * 7727) % 999'999'999));
        ts(s.mutable_last_wake(), now - static_cast<Nanos>((i * 13) % 1000) * 1'000'000);
        s.set_wakes(polls + 1);
        s.set_waker_clones(polls + 2);
        s.set_waker_drops(polls + (i % 3));
        s.set_self_wakes(i % 4);
    }
}

// Spawns n tasks in chunks, as a runtime announces them.
void spawn_all(model::Model& m, uint64_t n) {
    const uint64_t chunk = 10000;
    for (uint64_t from = 0; from < n; from += chunk) {
        pb::instrument::Update u;
        spawn(u, from, std::min(n, from + chunk));
        m.apply(u, 0);
    }
}

// What the full stats updates took, in CPU time of the thread.
struct UpdateCost {
    double apply_ms = 1e9, parse_ms = 1e9, first_ms = 0, one_thread_ms = 0;
    long decode_peak = 0, held = 0;
    size_t wire_bytes = 0;
};

std::string stats_bytes(uint64_t n, int round) {
    std::string bytes;
    google::protobuf::Arena arena;
    auto* built = google::protobuf::Arena::CreateMessage<pb::instrument::Update>(&arena);
    stats(*built, n, kBase + (round + 1) * kSec, round);
    built->SerializeToString(&bytes);
    return bytes;
}

// As a live connection does it: the framing checked and each piece parsed
// on the wire thread, each applied (and freed) on the console's; here in
// turn on one thread, each side's CPU time counted apart.
void split_and_apply(model::Model& m, std::string&& bytes, double& parse, double& apply) {
    double c0 = cpu_ms();
    auto split = wire::UpdateSplit::start(std::move(bytes));
    parse = cpu_ms() - c0, apply = 0;
    if (!split) {
        fprintf(stderr, "model-bench: cannot parse the update\n");
        exit(1);
    }
    wire::event::UpdatePart part;
    while (true) {
        c0 = cpu_ms();
        bool more = split->next(part);
        parse += cpu_ms() - c0;
        if (!more) break;
        c0 = cpu_ms();
        m.apply_part(part.piece.get(), part.first, part.last, 0);
        part = {};
        apply += cpu_ms() - c0;
    }
}

// Full stats updates: the first assigns every task's stats for the
// first time; the later ones are the steady state.  The times shown
// are the best of the steady rounds, the memory the largest.  Last, one
// more read and applied on one thread, as a recording is.
UpdateCost apply_updates(model::Model& m, uint64_t n) {
    const int rounds = 4;
    UpdateCost cost;
    for (int r = 0; r < rounds; r++) {
        std::string bytes = stats_bytes(n, r);
        cost.wire_bytes = bytes.size();
        malloc_trim(0);
        long base = resident_bytes() - static_cast<long>(cost.wire_bytes);
        reset_peak();
        double parse = 0, apply = 0;
        split_and_apply(m, std::move(bytes), parse, apply);
        cost.decode_peak = std::max(cost.decode_peak, peak_bytes() - base);
        cost.held = std::max(cost.held, static_cast<long>(mallinfo2().fordblks));
        if (r == 0) {
            cost.first_ms = apply;
            continue;
        }
        cost.apply_ms = std::min(cost.apply_ms, apply);
        cost.parse_ms = std::min(cost.parse_ms, parse);
    }
    std::string bytes = stats_bytes(n, rounds);
    double c0 = cpu_ms();
    m.apply_encoded(bytes, 0);
    cost.one_thread_ms = cpu_ms() - c0;
    return cost;
}

// The time to produce the 50 visible rows sorted by each column, both ways.
void time_windows(model::Model& m, uint64_t n) {
    Nanos now = m.last_update_now();
    double worst = 0;
    std::string line;
    for (int c = 0; c < model::kTaskColumnCount; c++) {
        auto col = static_cast<model::TaskColumn>(c);
        double best = 1e9;
        for (int dir = 0; dir < 2; dir++) {
            // Best of three: the first also brings string ranks up to date.
            for (int r = 0; r < 3; r++) {
                auto t0 = std::chrono::steady_clock::now();
                auto w = model::task_window(m.tasks(), m.strings(), col, dir == 1, now, 0, 50);
                double t = ms_since(t0);
                if (w.rows.size() != std::min<uint64_t>(50, n))
                    printf("  short window for %s\n", model::task_column_name(col));
                best = std::min(best, t);
            }
        }
        worst = std::max(worst, best);
        char buf[64];
        snprintf(buf, sizeof buf, " %s %.1f", model::task_column_name(col), best);
        line += buf;
    }
    printf("          top 50 rows (ms):%s; slowest %.1f ms\n", line.c_str(), worst);
}

void bench(uint64_t n) {
    malloc_trim(0);
    long before = resident_bytes();
    auto m = std::make_unique<model::Model>();
    spawn_all(*m, n);
    malloc_trim(0);
    long after = resident_bytes();
    double per_task = double(after - before - static_cast<long>(m->strings().bytes())) / n;

    UpdateCost cost = apply_updates(*m, n);
    malloc_trim(0);
    double per_task_updated = double(resident_bytes() - before - static_cast<long>(m->strings().bytes())) / n;
    printf("%8llu tasks: %6.1f bytes/task resident, %.1f after stats updates (target 400)\n", (unsigned long long)n,
           per_task, per_task_updated);
    printf("          full stats update (%.1f MB on the wire): applied on the UI thread in %.1f ms CPU (first %.1f ms; "
           "target 150 at 1 M), parsed on the wire thread in %.1f ms CPU (target 150 at 1 M); read and applied on one "
           "thread (a recording) in %.1f ms\n",
           cost.wire_bytes / 1e6, cost.apply_ms, cost.first_ms, cost.parse_ms, cost.one_thread_ms);
    printf("          decode memory at peak %.1f MB (the update's bytes and one piece); "
           "free memory malloc held after it %.1f MB\n",
           cost.decode_peak / 1e6, cost.held / 1e6);
    time_windows(*m, n);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<uint64_t> sizes;
    for (int i = 1; i < argc; i++) {
        if (std::string(argv[i]) == "--no-huge-pages") {
            util::set_huge_pages(false);
            printf("without huge pages:\n");
            continue;
        }
        sizes.push_back(strtoull(argv[i], nullptr, 10));
    }
    if (sizes.empty()) sizes = {10000, 100000, 1000000};
    for (uint64_t n : sizes) bench(n);
    return 0;
}
