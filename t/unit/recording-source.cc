// RecordingSource: a recording written by record::Writer plays back on
// its own clock; play_to, seek (from a keyframe), step and the end behave
// as recording_source.h says; a foreign file and JSON lines are told apart
// by content.
#include <cstdio>
#include <fstream>

#include "model/model.h"
#include "model/snapshot.h"
#include "proto/time_values.h"
#include "session/recorder.h"
#include "session/recording_source.h"
#include "session/session.h"
#include "t/unit/tap.h"

namespace {

namespace ipb = rs::tokio::console::instrument;
constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kStart = 3 * kSec;

// Second s: task s is spawned; the update's `now` is s seconds after 1e9 s.
ipb::Update update_at(int s) {
    ipb::Update u;
    proto_time::set_timestamp((1'000'000'000LL + s) * kSec, u.mutable_now());
    if (s == 1) {
        auto* m = u.mutable_new_metadata()->add_metadata();
        m->mutable_id()->set_id(1);
        m->mutable_metadata()->set_name("runtime.spawn");
        m->mutable_metadata()->set_target("tokio::task");
    }
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(static_cast<uint64_t>(s));
    t->mutable_metadata()->set_id(1);
    auto& st = (*u.mutable_task_update()->mutable_stats_update())[static_cast<uint64_t>(s)];
    proto_time::set_timestamp((1'000'000'000LL + s) * kSec, st.mutable_created_at());
    return u;
}

// 60 s recorded through session::Recorder as the console records: an
// update a second, a disconnect at 30.5 s and a new connection at 31 s
// (which starts a fresh model); keyframes every 30 s.
bool write_sample(const std::string& path) {
    std::string err;
    auto rec = session::Recorder::start(path, "http://127.0.0.1:6669", kStart, err);
    if (!rec) return tap::check(false, "recorder starts: " + err);
    model::Model m;
    rec->record(session::event::Reset{}, kStart);
    for (int s = 1; s <= 60; s++) {
        int64_t at = kStart + s * kSec;
        if (s == 31) {
            rec->record(session::event::Disconnected{"connection reset by peer"}, at - kSec / 2);
            rec->record(session::event::Reset{}, at);
            m.reset();
        }
        auto bytes = std::make_shared<std::string>(update_at(s).SerializeAsString());
        rec->record(session::event::Update{bytes, *bytes}, at);
        m.apply_encoded(*bytes, at);
        rec->after_events(at);
    }
    rec->finish();
    return tap::check(rec->stopped().empty(), "the recorder writes 60 s without stopping");
}

struct Played {
    model::Model m;
    int updates = 0, resets = 0;
    std::vector<int64_t> clocks;
};

void drain(session::RecordingSource& src, Played& p) {
    session::Event ev;
    while (!src.idle()) {
        src.process(false);
        while (src.next_event(ev)) {
            int64_t now = *src.clock_ns();
            if (session::apply_event(p.m, ev, now, false)) {
                p.updates++;
                p.clocks.push_back(now);
            }
            p.resets += std::holds_alternative<session::event::Reset>(ev);
        }
    }
}

void test_play_to(const std::string& path) {
    std::string err;
    auto src = session::RecordingSource::open(path, err);
    if (!tap::check(src != nullptr, "opens our recording: " + err)) return;
    tap::check_eq(src->length_ns(), 60ull * kSec, "its length is the last arrival");
    tap::check(src->drops().size() == 1 && src->drops()[0] == 30ull * kSec + kSec / 2,
               "the disconnect is a timeline marker");
    Played p;
    src->play_to(20 * kSec);
    drain(*src, p);
    tap::check_eq(p.updates, 20, "play_to 20 s gives the first 20 updates");
    tap::check_eq(p.clocks.back(), 20 * kSec, "each at its recorded arrival");
    tap::check_eq(*src->clock_ns(), 20 * kSec, "the clock stands at 20 s");
    tap::check_eq(p.m.tasks().size(), 20u, "20 tasks in the model");
    tap::check_eq(p.m.now(*src->clock_ns()), (1'000'000'000LL + 20) * kSec, "the model's clock is the recording's");
    tap::check(!src->playing() && src->idle(), "then it stands paused");
    src->play_to(45 * kSec);
    drain(*src, p);
    tap::check_eq(p.resets, 2, "the reconnect resets (one at the start, one at 31 s)");
    tap::check_eq(p.m.tasks().size(), 15u, "after it, only the new connection's tasks");
    src->step();
    drain(*src, p);
    tap::check_eq(*src->clock_ns(), 46 * kSec, "step gives the next update");
    src->play_to(100 * kSec);
    drain(*src, p);
    tap::check(src->at_end() && p.m.tasks().size() == 30u, "play_to past the end stops at the end");
}

void test_seek(const std::string& path) {
    std::string err;
    auto src = session::RecordingSource::open(path, err);
    Played p;
    src->seek(25 * kSec);
    drain(*src, p);
    tap::check_eq(p.resets, 2, "a seek starts with a reset (then the recorded connect)");
    tap::check_eq(p.m.tasks().size(), 25u, "a seek to 25 s gives the state at 25 s");
    tap::check_eq(*src->clock_ns(), 25 * kSec, "the clock stands at 25 s");
    tap::check(src->status().link == session::SourceStatus::Link::Connected, "connected at 25 s");
    Played q;
    src->seek(30 * kSec + kSec / 4);
    drain(*src, q);
    tap::check_eq(q.updates, 1, "a seek to 30.25 s starts from the keyframe at 30 s");
    tap::check_eq(q.m.tasks().size(), 30u, "which holds the 30 tasks");
    Played r;
    src->seek(50 * kSec);
    drain(*src, r);
    tap::check_eq(r.m.tasks().size(), 20u, "at 50 s, the 20 tasks of the new connection");
    src->seek(30 * kSec + 3 * kSec / 4);
    drain(*src, p);
    tap::check(src->status().link == session::SourceStatus::Link::Closed &&
                   src->status().last_error == "connection reset by peer",
               "disconnected between the drop and the reconnect, with the reason");
}

void test_formats(const std::string& dir) {
    std::string err;
    std::string junk = dir + "/junk.bin", json = dir + "/rec.jsonl", empty = dir + "/empty";
    std::ofstream(junk) << "PK\x03\x04 something else";
    std::ofstream(empty) << "";
    std::ofstream(json) << "{\"v\":1}\n"
                           "{\"Spawn\":{\"id\":1,\"at\":{\"secs_since_epoch\":10,\"nanos_since_epoch\":0},"
                           "\"fields\":{}}}\n";
    auto refused = [&](const std::string& path, const char* want, const char* title) {
        bool no = !session::RecordingSource::open(path, err);
        tap::check(no && err.find(want) != std::string::npos, title);
        tap::diag(err);
    };
    refused(junk, "is not a recording", "a foreign file is refused");
    refused(empty, "is empty", "an empty file is refused");
    refused(dir + "/nothing", "cannot open", "a missing file is refused");
    auto src = session::RecordingSource::open(json, err);
    tap::check(src && src->format() == session::RecordingSource::Format::Jsonl, "JSON lines are told by their content");
    if (src) tap::check(src->warning().find("no resources") != std::string::npos, "and say what they lack");
}

}  // namespace

int main() {
    char dir[] = "/tmp/tc-recsrc-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    std::string path = std::string(dir) + "/rec.tcr";
    if (write_sample(path)) {
        test_play_to(path);
        test_seek(path);
    }
    test_formats(dir);
    std::string cmd = std::string("rm -rf ") + dir;
    if (system(cmd.c_str()) != 0) tap::diag("cannot remove " + std::string(dir));
    return tap::done();
}
