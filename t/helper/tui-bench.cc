// tui-bench: the time to draw one frame of the task list, with no terminal,
// at 10 k, 100 k and 1 M live tasks.
//
//   tui-bench [-v] [-f FRAMES] [-g GROUPING [-o]] [-F FILTER] [-k] [N...]
//                                         (default: 10000 100000 1000000)
//
// For each size a model is fed Updates built in memory (metadata, new
// tasks with names, locations and fields, then a full stats update), and
// the task list is drawn into a 200x50 canvas again and again, the clock
// moving 33 ms between frames as in the console.  Prints the median and
// the slowest frame; -v adds the cost of each pass a frame makes over the
// tasks; -f sets the number of frames (to profile the drawing alone).
// -g draws the list grouped (location: 800 groups; target: one), -o
// with every group open, as after `*`.  -F filters the list as the
// filter line does.  -k times a key that only moves the selection (j,
// then k) and the frame after it, no update arriving: what the list
// keeps between frames (the filter's rows, the grouping) is warm then,
// and the figure's target is 10 ms.
#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/arena.h>

#include "instrument.pb.h"
#include "model/model.h"
#include "model/task_groups.h"
#include "model/task_order.h"
#include "tui/task_list.h"
#include "view/canvas.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using Clock = std::chrono::steady_clock;

namespace {

const Nanos kSec = 1'000'000'000;
const Nanos kStart = 1'700'000'000 * kSec;  // server time of the first Update
const uint64_t kSpawnMeta = 1;
const int kWidth = 200, kHeight = 50;
const double kTargetMs = 10;

void set_ts(google::protobuf::Timestamp* t, Nanos ns) {
    t->set_seconds(ns / kSec);
    t->set_nanos(static_cast<int32_t>(ns % kSec));
}

void set_dur(google::protobuf::Duration* d, Nanos ns) {
    d->set_seconds(ns / kSec);
    d->set_nanos(static_cast<int32_t>(ns % kSec));
}

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// A cheap, fixed pseudo-random number for task i.
uint64_t mix(uint64_t i, uint64_t salt) {
    uint64_t x = i * 0x9e3779b97f4a7c15ull + salt;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 29);
}

// New tasks [from, to), announced as tokio's runtime.spawn spans are: a
// name from a few hundred, tokio's task id, a spawn location, a field.
void add_tasks(pb::instrument::Update& u, uint64_t from, uint64_t to, Nanos now) {
    set_ts(u.mutable_now(), now);
    if (from == 0) {
        auto* nm = u.mutable_new_metadata()->add_metadata();
        nm->mutable_id()->set_id(kSpawnMeta);
        nm->mutable_metadata()->set_name("runtime.spawn");
        nm->mutable_metadata()->set_target("tokio::task");
    }
    static const char* const files[] = {"src/server.rs", "src/db/pool.rs", "src/cache.rs", "src/http/conn.rs"};
    static const char* const names[] = {"conn", "db-worker", "flush", "listener", "cache-evict"};
    for (uint64_t i = from; i < to; i++) {
        auto* t = u.mutable_task_update()->add_new_tasks();
        t->mutable_id()->set_id(i + 1);
        t->mutable_metadata()->set_id(kSpawnMeta);
        uint64_t r = mix(i, 1);
        auto* f = t->add_fields();
        f->set_str_name("task.name");
        f->set_str_val(std::string(names[r % 5]) + "-" + std::to_string(r % 200));
        f = t->add_fields();
        f->set_str_name("task.id");
        f->set_u64_val(i + 1);
        f = t->add_fields();
        f->set_str_name("peer.addr");
        f->set_debug_val("10.0." + std::to_string(r % 256) + "." + std::to_string((r >> 8) % 256) + ":8080");
        const char* file = files[(r >> 16) % 4];
        uint32_t line = static_cast<uint32_t>(10 + (r >> 20) % 200);
        f = t->add_fields();
        f->set_str_name("spawn.location");
        f->set_str_val(std::string(file) + ":" + std::to_string(line) + ":9");
        t->mutable_location()->set_file(file);
        t->mutable_location()->set_line(line);
        t->mutable_location()->set_column(9);
    }
}

// Stats for tasks [from, to) at server time `now`: a mix of idle, running
// and scheduled tasks of varied ages and busy times.
void add_stats(pb::instrument::Update& u, uint64_t from, uint64_t to, Nanos now) {
    set_ts(u.mutable_now(), now);
    auto* m = u.mutable_task_update()->mutable_stats_update();
    for (uint64_t i = from; i < to; i++) {
        uint64_t r = mix(i, 2);
        auto& s = (*m)[i + 1];
        Nanos age = static_cast<Nanos>(r % (3600 * kSec)) + kSec;
        set_ts(s.mutable_created_at(), now - age);
        auto* ps = s.mutable_poll_stats();
        uint64_t polls = 1 + (r >> 12) % 100000;
        ps->set_polls(polls);
        set_ts(ps->mutable_first_poll(), now - age + 1000);
        Nanos last = static_cast<Nanos>((r >> 8) % static_cast<uint64_t>(age / 2)) + 1;
        set_ts(ps->mutable_last_poll_started(), now - last - 50'000);
        // One task in 20 is being polled right now.
        set_ts(ps->mutable_last_poll_ended(), r % 20 == 0 ? now - last - 60'000 : now - last);
        set_dur(ps->mutable_busy_time(), static_cast<Nanos>((r >> 4) % static_cast<uint64_t>(age / 4)));
        set_dur(s.mutable_scheduled_time(), static_cast<Nanos>((r >> 6) % static_cast<uint64_t>(age / 8)));
        // One in 10 has been woken since its last poll.
        set_ts(s.mutable_last_wake(), r % 10 == 1 ? now - last / 2 : now - last - 70'000);
        s.set_wakes(polls);
        s.set_waker_clones(polls + 1);
        s.set_waker_drops(polls);
        s.set_self_wakes(r % 100 == 3 ? polls : 0);  // a few self-wake a lot
    }
}

void feed(model::Model& m, uint64_t n, Nanos now) {
    const uint64_t chunk = 50000;
    for (uint64_t from = 0; from < n; from += chunk) {
        google::protobuf::Arena arena;
        auto* u = google::protobuf::Arena::CreateMessage<pb::instrument::Update>(&arena);
        add_tasks(*u, from, std::min(n, from + chunk), now);
        m.apply(*u, 0);
    }
    for (uint64_t from = 0; from < n; from += chunk) {
        google::protobuf::Arena arena;
        auto* u = google::protobuf::Arena::CreateMessage<pb::instrument::Update>(&arena);
        add_stats(*u, from, std::min(n, from + chunk), now);
        m.apply(*u, 0);
    }
}

std::string size_name(uint64_t n) {
    if (n >= 1000000 && n % 1000000 == 0) return std::to_string(n / 1000000) + "M";
    if (n >= 1000 && n % 1000 == 0) return std::to_string(n / 1000) + "k";
    return std::to_string(n);
}

// The passes a frame makes over every task, timed one by one, and the
// model's tick, which the console runs before each frame.
void breakdown(model::Model& m, Nanos now) {
    const auto& tasks = m.tasks();
    auto best = [](auto f) {
        double b = 1e9;
        for (int r = 0; r < 5; r++) {
            auto t0 = Clock::now();
            f();
            b = std::min(b, ms_since(t0));
        }
        return b;
    };
    volatile uint64_t sink = 0;
    double states = best([&] { sink = sink + tasks.count_by_state()[0]; });
    double lints = best([&] { sink = sink + tasks.count_by_lint()[0]; });
    uint64_t span = tasks.row(tasks.size() / 2).span_id;
    double rank =
        best([&] { sink = sink + model::task_rank(tasks, m.strings(), model::TaskColumn::Total, true, now, span); });
    double window = best([&] {
        sink = sink + model::task_window(tasks, m.strings(), model::TaskColumn::Total, true, now, 0, 46).rows.size();
    });
    double tick = best([&] { m.tick(now - m.last_update_now()); });
    printf("    passes: count_by_state %.2f ms, count_by_lint %.2f ms, task_rank %.2f ms, "
           "task_window %.2f ms; sizeof(Task) %zu bytes\n",
           states, lints, rank, window, sizeof(model::Task));
    printf("    outside the draw: Model::tick %.2f ms\n", tick);
}

struct Grouping {
    model::GroupBy by = model::GroupBy::None;
    bool open = false;
    std::string filter;
    bool keys = false;  // -k
};

void bench(uint64_t n, bool verbose, int frames, Grouping g) {
    auto m = std::make_unique<model::Model>();
    Nanos now = kStart;
    feed(*m, n, now);
    if (m->tasks().size() != n) {
        fprintf(stderr, "tui-bench: the model holds %zu tasks, not %llu\n", m->tasks().size(), (unsigned long long)n);
        exit(1);
    }

    tui::TaskList list;
    view::DrawOptions opts;
    list.group_by(g.by);
    if (!g.filter.empty() && !list.view().set_filter(g.filter)) {
        fprintf(stderr, "tui-bench: the filter '%s' does not parse\n", g.filter.c_str());
        exit(2);
    }
    if (g.open) list.act(tui::Cmd::ToggleAll, {'*'}, *m, now, opts);
    if (frames <= 0) frames = n >= 1000000 ? 30 : n >= 100000 ? 100 : 300;
    std::vector<double> ms;
    ms.reserve(frames);
    // The first frame is not counted: it has no selection to find yet,
    // and it brings the string ranks up to date.
    for (int f = -1; f < frames; f++) {
        now += 33'000'000;
        auto t0 = Clock::now();
        if (g.keys)
            list.act(f & 1 ? tui::Cmd::Down : tui::Cmd::Up, {}, *m, now, opts);  // down first: up at the top wraps
        view::Canvas c(kWidth, kHeight, opts.ascii);
        list.draw(c, 0, kHeight, *m, now, opts);
        double t = ms_since(t0);
        if (f >= 0) ms.push_back(t);
        if (f == -1 && c.row_text(0).rfind("Tasks (", 0) != 0) {
            fprintf(stderr, "tui-bench: the frame has no task list title\n");
            exit(1);
        }
    }
    std::sort(ms.begin(), ms.end());
    double median = ms[ms.size() / 2];
    std::string name = std::string(g.keys ? "tui key+frame, " : "tui frame, ") + size_name(n) + " tasks";
    if (!g.filter.empty()) name += ", filter '" + g.filter + "'";
    if (g.by != model::GroupBy::None)
        name += std::string(", by ") + model::group_by_name(g.by) + (g.open ? ", open" : "");
    if (g.keys) {
        // Warm: the passes the first frame made are not made again.
        printf("%-34s median %7.2f ms, max %7.2f ms over %d keys (target <= %g ms at 1M); passes after the "
               "first frame: filter %llu, grouping %llu\n",
               name.c_str(), median, ms.back(), frames, kTargetMs,
               (unsigned long long)(list.filter_passes() - (g.filter.empty() ? 0 : 1)),
               (unsigned long long)(list.group_passes() - (g.by == model::GroupBy::None ? 0 : 1)));
    } else {
        // The flat list's target is at 1 M tasks, the grouped list's at 100 k.
        printf("%-34s median %7.2f ms, max %7.2f ms over %d frames (target < %g ms at %s)\n", name.c_str(), median,
               ms.back(), frames, kTargetMs, g.by == model::GroupBy::None ? "1M" : "100k");
    }
    if (verbose) breakdown(*m, now);
    fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    setlocale(LC_ALL, "C.UTF-8");  // as the console draws under a UTF-8 locale
    bool verbose = false;
    int frames = 0;
    Grouping g;
    std::vector<uint64_t> sizes;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = true;
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            frames = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-g") && i + 1 < argc) {
            if (!model::group_by_from_name(argv[++i], g.by)) {
                fprintf(stderr, "tui-bench: unknown grouping '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "-o"))
            g.open = true;
        else if (!strcmp(argv[i], "-F") && i + 1 < argc)
            g.filter = argv[++i];
        else if (!strcmp(argv[i], "-k"))
            g.keys = true;
        else
            sizes.push_back(strtoull(argv[i], nullptr, 10));
    }
    if (sizes.empty()) sizes = {10000, 100000, 1000000};
    for (uint64_t n : sizes) bench(n, verbose, frames, g);
    return 0;
}
