// A keyframe stands in for the stream before it: a model rebuilt from
// snapshot() of another, then fed the same later updates, shows the same
// tasks, resources, async ops and latest poll ops.  On the real streams in
// shared/.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/attribute.h"
#include "model/model.h"
#include "model/snapshot.h"
#include "t/unit/fixtures.h"
#include "t/unit/tap.h"

namespace {

namespace ipb = rs::tokio::console::instrument;

struct Frame {
    model::Nanos at;
    ipb::Update update;
};

std::vector<Frame> read_updates(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<Frame> out;
    for (size_t p = 0; d.size() - p >= 12;) {
        uint64_t at = 0;
        uint32_t len = 0;
        for (int i = 0; i < 8; i++) at = at << 8 | static_cast<unsigned char>(d[p + i]);
        for (int i = 0; i < 4; i++) len = len << 8 | static_cast<unsigned char>(d[p + 8 + i]);
        p += 12;
        if (d.size() - p < len) break;
        Frame f;
        f.at = static_cast<model::Nanos>(at) + 1'000'000'000;
        f.update.ParseFromString(d.substr(p, len));
        out.push_back(std::move(f));
        p += len;
    }
    return out;
}

std::string fields(const std::vector<model::Field>& fs, const model::StringPool& s) {
    std::string out;
    for (const auto& f : fs) out += model::format_field(f, s) + (f.unit ? std::string(s.get(f.unit)) : "") + " ";
    return out;
}

// Everything a view shows, one line per entity.
std::string describe(const model::Model& m) {
    const auto& s = m.strings();
    std::ostringstream o;
    model::Nanos now = m.last_update_now();
    for (size_t i = 0; i < m.tasks().size(); ++i) {
        const model::Task& t = m.tasks().row(i);
        const model::TaskStats& st = t.stats;
        o << "task " << t.span_id << " id=" << t.id << " name=" << s.get(t.name) << " kind=" << s.get(t.kind)
          << " target=" << s.get(t.target) << " loc=" << s.get(t.location) << " blocking=" << t.blocking
          << " state=" << model::state_name(t.state()) << " warn=" << t.warnings << " polls=" << st.polls
          << " wakes=" << st.wakes << " clones=" << st.waker_clones << " drops=" << st.waker_drops
          << " self=" << st.self_wakes << " busy=" << t.busy(now) << " idle=" << t.idle(now)
          << " sched=" << t.scheduled(now) << " created=" << st.created_at << " dropped=" << st.dropped_at
          << " fields=" << fields(t.fields, s) << "\n";
    }
    for (size_t i = 0; i < m.resources().size(); ++i) {
        const model::Resource& r = m.resources().row(i);
        // Display numbers of resources and ops are the model's own
        // counters: a snapshot keeps their order, not their values.
        o << "resource " << r.span_id << " parent=" << r.parent_span << " kind=" << s.get(r.kind)
          << " type=" << s.get(r.concrete_type) << " target=" << s.get(r.target) << " loc=" << s.get(r.location)
          << " vis=" << model::visibility_name(r.visibility) << " created=" << r.created_at
          << " dropped=" << r.dropped_at << " attrs=" << fields(r.attributes, s) << "\n";
    }
    for (size_t i = 0; i < m.async_ops().size(); ++i) {
        const model::AsyncOp& a = m.async_ops().row(i);
        o << "op " << a.span_id << " parent=" << a.parent_span << " resource=" << a.resource_span
          << " task=" << a.task_span << " source=" << s.get(a.source) << " polls=" << a.polls << " busy=" << a.busy(now)
          << " created=" << a.created_at << " dropped=" << a.dropped_at << " attrs=" << fields(a.attributes, s) << "\n";
    }
    m.poll_ops().each([&](const model::PollLink& l) {
        o << "pollop task=" << l.task_span << " resource=" << l.resource_span << " op=" << l.async_op_span
          << " name=" << s.get(l.name) << " ready=" << l.ready << "\n";
    });
    // Row order is storage order, which no view shows: compare as sets.
    std::vector<std::string> lines;
    std::istringstream in(o.str());
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

void check_stream(const std::string& name) {
    auto frames = read_updates((fixture::shared_dir() / "fixtures/real" / (name + ".updates")).string());
    if (!tap::check(frames.size() > 4, name + ": the stream has updates")) return;
    size_t cut = frames.size() / 2;
    model::Model live;
    for (size_t i = 0; i < cut; ++i) live.apply(frames[i].update, frames[i].at);
    model::Model seeked;
    seeked.apply(model::snapshot(live), frames[cut - 1].at);
    std::string a = describe(live), b = describe(seeked);
    if (!tap::check(a == b && !a.empty(), name + ": the snapshot gives back the same state"))
        tap::diag("live:\n" + a + "\n# from the snapshot:\n" + b);
    for (size_t i = cut; i < frames.size(); ++i) {
        live.apply(frames[i].update, frames[i].at);
        seeked.apply(frames[i].update, frames[i].at);
    }
    a = describe(live);
    b = describe(seeked);
    if (!tap::check(a == b, name + ": and the same state after the updates that follow"))
        tap::diag("live:\n" + a + "\n# from the snapshot:\n" + b);
}

}  // namespace

int main() {
    model::Model empty;
    ipb::Update u = model::snapshot(empty);
    tap::check(u.task_update().new_tasks_size() == 0 && u.has_now(), "an empty model gives an empty update");
    if (fixture::have_fixtures("real"))
        for (const char* name : {"app", "mutex", "semaphore", "long_sleep"}) check_stream(name);
    return tap::done();
}
