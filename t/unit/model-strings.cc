// The string pool: strings no row names are collected, their ids reused,
// the ranks stay in order; a new connection empties the pool; and a
// simulated churn of 1,000 short-lived tasks a second, each with a unique
// field value, keeps the pool bounded (counters, not timing).
#include <string>

#include "instrument.pb.h"
#include "model/model.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using model::StrId;
using namespace model_test;

namespace {

// One second of churn at server time `now`: `n` tasks spawned with a
// unique 205-byte field value, and the previous second's tasks completed.
pb::instrument::Update churn(Nanos now, uint64_t second, uint64_t n) {
    pb::instrument::Update u;
    ts(u.mutable_now(), now);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t span = second * n + i + 1;
        auto* t = u.mutable_task_update()->add_new_tasks();
        t->mutable_id()->set_id(span);
        auto* f = t->add_fields();
        f->set_str_name("request");
        f->set_str_val("req-" + std::to_string(span) + std::string(200, 'x'));
        auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
        ts(s.mutable_created_at(), now - kMs);
        if (second > 0) {
            auto& prev = (*u.mutable_task_update()->mutable_stats_update())[span - n];
            ts(prev.mutable_created_at(), now - kSec);
            ts(prev.mutable_dropped_at(), now - kMs);
        }
    }
    return u;
}

}  // namespace

int main() {
    // The pool alone.
    {
        model::StringPool p;
        StrId a = p.intern("alpha"), b = p.intern("beta"), c = p.intern("gamma");
        tap::check(p.intern("beta") == b && p.live() == 4, "a string is stored once");
        const auto& r = p.ranks();
        tap::check(r[a] < r[b] && r[b] < r[c], "ranks follow byte order");
        p.clear_marks();
        p.mark(a);
        p.mark(c);
        tap::check_eq(p.sweep(), size_t{1}, "the string nobody marked is freed");
        tap::check(p.get(a) == "alpha" && p.get(c) == "gamma" && p.live() == 3 && p.bytes() == 10,
                   "the marked ones stay, and the bytes count drops");
        StrId d = p.intern("aardvark");
        tap::check_eq(d, b, "a freed id is given to the next new string");
        tap::check(p.intern("beta") != b && p.get(b) == "aardvark", "the freed string is new again");
        const auto& r2 = p.ranks();
        tap::check(r2[d] < r2[a] && r2[a] < r2[c], "ranks take the reused id in its new place");
        p.clear_marks();
        tap::check_eq(p.sweep(), size_t{4}, "with nothing marked, everything but the empty string goes");
        tap::check(p.live() == 1 && p.size() == 1 && p.bytes() == 0 && p.get(0).empty(), "the pool is empty");
    }

    // A new connection empties the pool.
    {
        model::Model m(model::LintConfig{}, std::nullopt);
        m.apply(churn(kBase, 0, 100), 0);
        tap::check(m.strings().live() > 100, "the pool holds the tasks' strings");
        m.reset();
        tap::check(m.strings().live() == 1 && m.strings().bytes() == 0, "reset() empties it");
    }

    // Churn: 1,000 tasks a second, each with a unique value, retained for
    // one second; 60 simulated seconds.  The pool holds the strings of the
    // rows on screen, within the collector's factor of two, and its bytes
    // stop growing.
    {
        model::Model m(model::LintConfig{}, kSec);
        size_t most_live = 0, most_bytes_after = 0;
        for (uint64_t s = 0; s < 60; s++) {
            m.apply(churn(kBase + static_cast<Nanos>(s) * kSec, s, 1000), 0);
            most_live = std::max(most_live, m.strings().live());
            if (s > 10) most_bytes_after = std::max(most_bytes_after, m.strings().bytes());
        }
        tap::check(m.tasks().size() <= 2000, "the table holds the live and retained tasks only");
        tap::diag("pool: at most " + std::to_string(most_live) + " strings live, " +
                  std::to_string(m.strings().bytes()) + " bytes at the end");
        tap::check(most_live <= 2 * 2000 + 4096, "the pool stays within twice the rows' strings");
        // 2,000 rows' unique values of ~210 bytes, twice over at most.
        tap::check(most_bytes_after <= 2 * 2000 * 215, "its bytes stay bounded over 50 more seconds");
        size_t freed = m.collect_strings();
        tap::check(freed > 0 && m.strings().live() <= 2000 + 16, "a collection leaves only what rows name");
    }
    return tap::done();
}
