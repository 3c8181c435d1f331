// filter-bench: how long the filter line takes to narrow the task list, at
// 1 M live tasks by default: a text term, a regex term and a numeric term,
// each against the target of one frame's budget.
//
//   filter-bench [N]
//
// Each figure is the best of five runs of the filter over every task,
// followed by the top 50 rows of what it kept, sorted by busy time, as
// the task list draws them; in CPU time of the thread, which other load
// on the machine does not inflate.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "instrument.pb.h"
#include "model/filter.h"
#include "model/model.h"
#include "model/task_order.h"
#include "proto/time_values.h"
#include "view/filter_keys.h"

namespace pb = rs::tokio::console;
using model::Nanos;

namespace {

const Nanos kSec = 1'000'000'000;
const Nanos kBase = 1'700'000'000 * kSec;
const double kTargetMs = 50;

void ts(google::protobuf::Timestamp* t, Nanos ns) {
    proto_time::set_timestamp(ns, t);
}

// Tasks [from, to) as a runtime announces them, with stats of some variety:
// a name from a thousand, a location from fifty, a peer address field
// and the future's size, a number, as tokio gives it.
void spawn(pb::instrument::Update& u, uint64_t from, uint64_t to) {
    ts(u.mutable_now(), kBase + kSec);
    if (from == 0) {
        auto* nm = u.mutable_new_metadata()->add_metadata();
        nm->mutable_id()->set_id(77);
        nm->mutable_metadata()->set_target("tokio::task");
    }
    for (uint64_t i = from; i < to; i++) {
        auto* t = u.mutable_task_update()->add_new_tasks();
        t->mutable_id()->set_id(i + 1);
        t->mutable_metadata()->set_id(77);
        auto* f = t->add_fields();
        f->set_str_name("task.name");
        f->set_str_val("worker-" + std::to_string(i % 1000));
        f = t->add_fields();
        f->set_str_name("peer.addr");
        f->set_str_val("10.0." + std::to_string(i % 250) + "." + std::to_string(i % 7));
        f = t->add_fields();
        f->set_str_name("size.bytes");
        f->set_u64_val(256 + i % 4096);
        t->mutable_location()->set_file("src/server.rs");
        t->mutable_location()->set_line(static_cast<uint32_t>(10 + i % 50));
        auto& s = (*u.mutable_task_update()->mutable_stats_update())[i + 1];
        ts(s.mutable_created_at(), kBase - static_cast<Nanos>(i % 5000) * 1'000'000);
        auto* ps = s.mutable_poll_stats();
        ps->set_polls((i * 7919) % 10007);
        ts(ps->mutable_last_poll_started(), kBase + kSec - static_cast<Nanos>((i * 31) % 1000) * 1'000'000);
        ts(ps->mutable_last_poll_ended(), kBase + kSec - static_cast<Nanos>((i * 17) % 1000) * 1'000'000);
        ps->mutable_busy_time()->set_nanos(static_cast<int32_t>((i * 104729) % 999'999'999));
        s.set_waker_clones(2);
        s.set_waker_drops(1);
    }
}

// CPU time of this thread: unlike the wall clock, it leaves out the time
// that other processes on a loaded machine take.
double cpu_ms() {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t n = argc > 1 ? strtoull(argv[1], nullptr, 10) : 1000000;
    auto m = std::make_unique<model::Model>();
    for (uint64_t from = 0; from < n; from += 10000) {
        pb::instrument::Update u;
        spawn(u, from, std::min(n, from + 10000));
        m->apply(u, 0);
    }
    Nanos now = m->last_update_now();
    const char* terms[][2] = {
        {"text", "worker-42"},
        {"regex", "peer.addr~^10\\.0\\.1[0-9]+\\.3$"},
        {"numeric", "busy>500ms"},
    };
    std::string line;
    double worst = 0;
    for (const auto& term : terms) {
        auto parsed = model::parse_filter(term[1], model::FilterTable::Tasks, view::filter_keys());
        if (parsed.error) {
            fprintf(stderr, "filter-bench: %s\n", model::format_filter_error(*parsed.error).c_str());
            return 1;
        }
        double best = 1e9;
        size_t kept = 0;
        for (int r = 0; r < 5; r++) {
            double t0 = cpu_ms();
            auto rows = model::filter_tasks(parsed.filter, m->tasks(), m->strings(), now);
            auto w = model::task_window(m->tasks(), m->strings(), model::TaskColumn::Busy, true, now, 0, 50, &rows);
            best = std::min(best, cpu_ms() - t0);
            kept = rows.size();
            if (w.total != kept) fprintf(stderr, "filter-bench: window total %zu, kept %zu\n", w.total, kept);
        }
        worst = std::max(worst, best);
        char buf[160];
        snprintf(buf, sizeof buf, " %s '%s' %.1f (%zu kept);", term[0], term[1], best, kept);
        line += buf;
    }
    printf("%8llu tasks: filter and top 50 rows (cpu ms):%s slowest %.1f ms, target %.0f ms\n", (unsigned long long)n,
           line.c_str(), worst, kTargetMs);
    return 0;
}
