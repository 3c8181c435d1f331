// A recording of two applications, written as the console writes one
// (session::Recorder::start_apps and a for_app() recorder per member),
// played back as a fleet (session::add_recording): each member gets only
// its own application's tasks and link, one playback moves them all
// (play_to, seek through a keyframe group), a recording of one target is
// the one member it always was, and damage is one line, never a crash.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "model/model.h"
#include "proto/time_values.h"
#include "session/fleet.h"
#include "session/recorder.h"
#include "session/recording_fleet.h"
#include "session/recording_source.h"
#include "t/unit/tap.h"

namespace {

namespace ipb = rs::tokio::console::instrument;
constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kStart = 3 * kSec;
constexpr int kSeconds = 40;
constexpr int kWebRestart = 25;  // web reconnects then: a fresh model

// Second s: task `id` is spawned.
ipb::Update update_at(int s, uint64_t id) {
    ipb::Update u;
    proto_time::set_timestamp((1'000'000'000LL + s) * kSec, u.mutable_now());
    auto* m = u.mutable_new_metadata()->add_metadata();
    m->mutable_id()->set_id(1);
    m->mutable_metadata()->set_name("runtime.spawn");
    m->mutable_metadata()->set_target("tokio::task");
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(id);
    t->mutable_metadata()->set_id(1);
    auto& st = (*u.mutable_task_update()->mutable_stats_update())[id];
    proto_time::set_timestamp((1'000'000'000LL + s) * kSec, st.mutable_created_at());
    return u;
}

void put_update(session::Recorder& r, int s, uint64_t id, int64_t at) {
    auto bytes = std::make_shared<std::string>(update_at(s, id).SerializeAsString());
    r.record(session::event::Update{bytes, *bytes}, at);
}

// api spawns task s each second, web task 1000 + s a millisecond later;
// web drops at 24.5 s and is back at 25 s.  Keyframes every 10 s.
bool write_two(const std::string& path) {
    std::string err;
    session::RecorderOptions o;
    o.keyframe_every_ns = 10 * kSec;
    auto file = session::Recorder::start_apps(path, {"api", "web"}, kStart, err, o);
    if (!file) return tap::check(false, "a recording of two applications starts: " + err);
    auto api = file->for_app("api", "http://127.0.0.1:7001");
    auto web = file->for_app("web", "http://127.0.0.1:7002");
    api->record(session::event::Reset{}, kStart);
    web->record(session::event::Reset{}, kStart);
    for (int s = 1; s <= kSeconds; s++) {
        int64_t at = kStart + s * kSec;
        if (s == kWebRestart) {
            web->record(session::event::Disconnected{"connection refused"}, at - kSec / 2);
            web->record(session::event::Reset{}, at);
        }
        put_update(*api, s, static_cast<uint64_t>(s), at);
        api->after_events(at);
        put_update(*web, s, 1000 + static_cast<uint64_t>(s), at + 1'000'000);
        web->after_events(at + 1'000'000);
    }
    api->finish();
    web->finish();
    tap::check(file->stopped().empty() && api->stopped().empty(), "the members record without stopping");
    file->finish();
    return tap::check(file->stopped().empty(), "the file closes without stopping");
}

// Plays until nothing more comes, as the console's loop does.
void drain(session::Fleet& f) {
    session::Playback* pb = f[0].session->playback();
    for (int rounds = 0; !pb->idle() && rounds < 100000; rounds++) f.pump(nullptr);
}

size_t tasks_of(session::Fleet& f, size_t i) {
    return f[i].session->model().tasks().size();
}

// Whether member i holds only tasks of its own application.
bool only_own(session::Fleet& f, size_t i) {
    const auto& tasks = f[i].session->model().tasks();
    for (size_t r = 0; r < tasks.size(); r++)
        if ((tasks.row(r).span_id >= 1000) != (f[i].name == "web")) return false;
    return true;
}

void test_fleet(const std::string& path) {
    std::string err;
    auto src = session::RecordingSource::open(path, err);
    if (!tap::check(src != nullptr, "the recording opens: " + err)) return;
    tap::check(session::records_apps(*src), "it records named applications");
    session::Fleet f(session::SessionOptions{}, nullptr);
    session::add_recording(f, std::move(src), path);
    if (!tap::check(f.size() == 2 && f[0].name == "api" && f[1].name == "web", "one member per application")) return;
    session::Playback* pb = f[0].session->playback();
    tap::check(pb && pb == f[1].session->playback(), "both members share one playback");
    tap::check_eq(f[1].session->status().name, std::string("http://127.0.0.1:7002"),
                  "a member's link is named by its recorded address");

    pb->play_to(20 * kSec);
    drain(f);
    tap::check(tasks_of(f, 0) == 20 && tasks_of(f, 1) == 19, "play_to 20 s: each application's tasks up to then");
    tap::check(only_own(f, 0) && only_own(f, 1), "each member holds only its own application's tasks");
    tap::check(f[0].session->clock() >= 20 * kSec && f[1].session->clock() >= 20 * kSec,
               "both members' clocks reach 20 s");

    // Past a keyframe group, and past web's restart: web starts afresh.
    pb->seek(35 * kSec);
    drain(f);
    tap::check_eq(tasks_of(f, 0), size_t(35), "seek 35 s: api has every task up to then");
    tap::check_eq(tasks_of(f, 1), size_t(10), "web has only the tasks since its restart (25 s to 34 s)");
    tap::check(only_own(f, 0) && only_own(f, 1), "after the seek, each member still holds only its own tasks");

    pb->seek(kWebRestart * kSec - kSec / 4);
    drain(f);
    tap::check(f[1].session->status().link == session::SourceStatus::Link::Closed &&
                   f[1].session->status().last_error == "connection refused" &&
                   f[0].session->status().link == session::SourceStatus::Link::Connected,
               "seek into web's outage: web is down with its reason, api is connected");
    tap::check(pb->drops().size() == 1 && pb->drops()[0] == kWebRestart * kSec - kSec / 2,
               "the outage is a mark on the one timeline");

    pb->play_to(pb->length_ns());
    drain(f);
    tap::check(tasks_of(f, 0) == kSeconds && tasks_of(f, 1) == kSeconds - kWebRestart + 1 && pb->at_end(),
               "played to the end: both applications as recorded last");
}

// web leaves the targets at 10 s; api goes on to 20 s.  The replay shows
// web with its tasks before then, and gone (no rows, "left the targets")
// after.
void test_leave(const std::string& path) {
    std::string err;
    auto file = session::Recorder::start_apps(path, {"api", "web"}, kStart, err, {});
    if (!tap::check(file != nullptr, "a recording of two applications starts: " + err)) return;
    auto api = file->for_app("api", "http://127.0.0.1:7001");
    auto web = file->for_app("web", "http://127.0.0.1:7002");
    api->record(session::event::Reset{}, kStart);
    web->record(session::event::Reset{}, kStart);
    for (int s = 1; s <= 20; s++) {
        int64_t at = kStart + s * kSec;
        put_update(*api, s, static_cast<uint64_t>(s), at);
        if (s < 10) put_update(*web, s, 1000 + static_cast<uint64_t>(s), at + 1'000'000);
        if (s == 10) {
            web->left(at);
            web->finish();
        }
    }
    api->finish();
    file->finish();
    auto src = session::RecordingSource::open(path, err);
    if (!tap::check(src != nullptr, "the recording with a leaver opens: " + err)) return;
    session::Fleet f(session::SessionOptions{}, nullptr);
    session::add_recording(f, std::move(src), path);
    if (!tap::check(f.size() == 2, "both applications are members")) return;
    session::Playback* pb = f[0].session->playback();
    pb->play_to(5 * kSec);
    drain(f);
    tap::check(tasks_of(f, 1) == 4 && f[1].session->status().link == session::SourceStatus::Link::Connected,
               "before it left: web's tasks, connected");
    pb->play_to(pb->length_ns());
    drain(f);
    tap::check(tasks_of(f, 0) == 20 && tasks_of(f, 1) == 0 &&
                   f[1].session->status().last_error == "left the targets",
               "after it left: web has no rows and says it left the targets; api plays on");
    pb->seek(5 * kSec);
    drain(f);
    tap::check_eq(tasks_of(f, 1), size_t(4), "a seek back before it left shows web's tasks again");
}

// A recording of one target: one member named by the path, as before.
void test_one(const std::string& path) {
    std::string err;
    auto rec = session::Recorder::start(path, "http://127.0.0.1:6669", kStart, err);
    rec->record(session::event::Reset{}, kStart);
    put_update(*rec, 1, 1, kStart + kSec);
    rec->finish();
    auto src = session::RecordingSource::open(path, err);
    if (!tap::check(src != nullptr, "a recording of one target opens: " + err)) return;
    tap::check(!session::records_apps(*src), "it has no named applications");
    session::RecordingSource* raw = src.get();
    session::Fleet f(session::SessionOptions{}, nullptr);
    session::add_recording(f, std::move(src), path);
    tap::check(f.size() == 1 && f[0].name == path && f[0].session->playback() == raw,
               "it is the one member, the recording its own source, as before");
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every byte of the file's second quarter flipped in turn (a few of
// them): each opens or is refused in one line, and plays without a crash.
void test_damage(const std::string& path) {
    std::string whole = slurp(path);
    bool ok = true;
    for (size_t at = 0; at < whole.size(); at += whole.size() / 61 + 1) {
        std::string bytes = whole;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x5a);
        std::string err;
        auto src = session::RecordingSource::open_memory(bytes, "two.tcr", err);
        if (!src) {
            ok &= !err.empty() && err.find('\n') == std::string::npos;
            continue;
        }
        session::Fleet f(session::SessionOptions{}, nullptr);
        session::add_recording(f, std::move(src), "two.tcr");
        session::Playback* pb = f[0].session->playback();
        pb->play_to(pb->length_ns());
        drain(f);
        pb->seek(pb->length_ns() / 2);
        drain(f);
        ok &= pb->warning().find('\n') == std::string::npos;
    }
    tap::check(ok, "a damaged recording of two applications opens or is refused in one line, and plays");
}

}  // namespace

int main() {
    char tmpl[] = "/tmp/recording-fleet.XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string two = dir + "/two.tcr", one = dir + "/one.tcr";
    if (write_two(two)) {
        test_fleet(two);
        test_damage(two);
    }
    test_one(one);
    test_leave(dir + "/leave.tcr");
    std::remove((dir + "/leave.tcr").c_str());
    std::remove(two.c_str());
    std::remove(one.c_str());
    std::remove(dir.c_str());
    return tap::done();
}
