#include "session/recording_fleet.h"

#include <deque>
#include <vector>

namespace session {

namespace {

// The recording, read once, its events sorted out by application; the
// one Playback of every member.
class Demux : public Playback {
public:
    explicit Demux(std::unique_ptr<RecordingSource> src) : src_(std::move(src)), queues_(src_->apps().size()) {}

    RecordingSource& source() { return *src_; }
    bool waiting(size_t app) const { return !queues_[app].empty(); }

    // The next event of application `app` that is due, with the time it
    // came at; the other applications' events read on the way wait for
    // their members.  False when `app` has none now.
    bool take(size_t app, Event& out, int64_t& at) {
        Event ev;
        while (queues_[app].empty() && src_->next_event(ev)) route(std::move(ev), app);
        if (queues_[app].empty()) return false;
        out = std::move(queues_[app].front().ev);
        at = queues_[app].front().at;
        queues_[app].pop_front();
        return true;
    }

    // --- Playback: the recording's, with what waits in the queues ---
    bool playing() const override { return src_->playing(); }
    void play(bool on) override { src_->play(on); }
    int speed() const override { return src_->speed(); }
    void set_speed(int index) override { src_->set_speed(index); }
    std::string speed_text() const override { return src_->speed_text(); }
    uint64_t position_ns() const override { return src_->position_ns(); }
    uint64_t length_ns() const override { return src_->length_ns(); }
    void step() override { src_->step(); }
    void seek(uint64_t t_ns) override { src_->seek(t_ns); }
    void play_to(uint64_t t_ns) override { src_->play_to(t_ns); }
    bool idle() const override {
        for (const auto& q : queues_)
            if (!q.empty()) return false;
        return src_->idle();
    }
    bool at_end() const override { return src_->at_end(); }
    const std::vector<uint64_t>& drops() const override { return src_->drops(); }
    const std::string& warning() const override { return src_->warning(); }

private:
    struct Queued {
        Event ev;
        int64_t at;
    };

    // One event the recording gave, to its application's queue; a seek's
    // Reset to every queue, in place of what waited there; a notice to
    // the member that asked.
    void route(Event ev, size_t asking) {
        int64_t at = src_->clock_ns().value_or(0);
        int64_t app = src_->event_app();
        if (app == RecordingSource::kAllApps && std::holds_alternative<event::Reset>(ev)) {
            for (auto& q : queues_) {
                q.clear();
                q.push_back({event::Reset{}, at});
            }
            return;
        }
        if (app == RecordingSource::kAllApps) app = static_cast<int64_t>(asking);
        // An application the header did not name and no link record did:
        // no member shows it.
        if (static_cast<size_t>(app) >= queues_.size()) return;
        queues_[static_cast<size_t>(app)].push_back({std::move(ev), at});
    }

    std::unique_ptr<RecordingSource> src_;
    std::vector<std::deque<Queued>> queues_;
};

// One application of the recording, as a member's source.
class AppSource : public Source {
public:
    AppSource(std::shared_ptr<Demux> demux, size_t app) : demux_(std::move(demux)), app_(app) {}

    int fd() const override { return -1; }
    std::optional<Clock::time_point> deadline() const override {
        if (demux_->waiting(app_)) return Clock::now();
        return demux_->source().deadline();
    }
    void process(bool readable) override { demux_->source().process(readable); }
    bool next_event(Event& out) override {
        int64_t at = 0;
        if (demux_->take(app_, out, at)) {
            clock_ = at;
            return true;
        }
        // Nothing more now: the clock is where playback stands.
        clock_ = std::max(clock_, demux_->source().clock_ns().value_or(clock_));
        return false;
    }
    const SourceStatus& status() const override { return demux_->source().status_of(app_); }
    std::optional<int64_t> clock_ns() const override { return clock_; }
    Controls controls() const override { return {}; }
    Playback* playback() override { return demux_.get(); }

private:
    std::shared_ptr<Demux> demux_;
    size_t app_;
    int64_t clock_ = 0;
};

}  // namespace

bool records_apps(const RecordingSource& recording) {
    const auto& apps = recording.apps();
    return apps.size() > 1 || (apps.size() == 1 && !apps[0].empty());
}

void add_recording(Fleet& fleet, std::unique_ptr<RecordingSource> recording, const std::string& path) {
    if (!records_apps(*recording)) {
        fleet.add(path, path, std::move(recording));
        return;
    }
    std::vector<std::string> apps = recording->apps();
    auto demux = std::make_shared<Demux>(std::move(recording));
    for (size_t i = 0; i < apps.size(); i++)
        fleet.add(apps[i].empty() ? path : apps[i], path, std::make_unique<AppSource>(demux, i));
}

}  // namespace session
