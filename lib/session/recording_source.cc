#include "session/recording_source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "instrument.pb.h"
#include "record/jsonl.h"
#include "record/reader.h"
#include "util/duration.h"
#include "util/text.h"

namespace session {

namespace ipb = rs::tokio::console::instrument;
namespace tpb = rs::tokio::console::tasks;

// One record, read ahead of its time.
struct RecordingSource::Pending {
    record::Kind kind = record::Kind::Update;
    uint64_t at = 0;
    uint32_t app = 0;  // index into apps()
    std::shared_ptr<std::string> bytes;
};

// Where records come from, format aside.
class RecordingSource::Cursor {
public:
    enum class Got { Record, End, Damaged };
    virtual ~Cursor() = default;
    // Positions at the last point a reader can start from at or before t.
    virtual void rewind(uint64_t t) = 0;
    // The length, and every connect and disconnect to on_link, as cheaply
    // as the format allows; then rewinds to the start.  A damage found
    // goes to `warning` when that is empty.
    virtual uint64_t scan(const std::function<void(const Pending&)>& on_link, std::string& warning);
    // Damaged: err says where and what; the cursor has moved past it.
    // Without want_bytes, only connects and disconnects carry their bytes
    // (a scan needs no more).
    virtual Got next(Pending& p, std::string& err, bool want_bytes = true) = 0;
};

// Reads everything.
uint64_t RecordingSource::Cursor::scan(const std::function<void(const Pending&)>& on_link, std::string& warning) {
    Pending p;
    std::string err;
    uint64_t length = 0;
    for (;;) {
        Got g = next(p, err, false);
        if (g == Got::End) break;
        if (g == Got::Damaged) {
            if (warning.empty()) warning = err;
            continue;
        }
        length = std::max(length, p.at);
        if (p.kind == record::Kind::Connected || p.kind == record::Kind::Disconnected) on_link(p);
    }
    rewind(0);
    return length;
}

namespace {

constexpr auto kBatch = std::chrono::milliseconds(30);  // work per round while catching up

class OursCursor : public RecordingSource::Cursor {
public:
    // `apps`: the source's, which a name not met before joins.
    OursCursor(std::unique_ptr<record::Reader> r, std::vector<std::string>& apps) : r_(std::move(r)), apps_(apps) {}
    void rewind(uint64_t t) override { r_->seek_block(r_->keyframe_block(t)); }
    Got next(RecordingSource::Pending& p, std::string& err, bool want_bytes) override;
    uint64_t scan(const std::function<void(const RecordingSource::Pending&)>& on_link, std::string& warning) override;

private:
    uint32_t app_index(std::string_view name);

    std::unique_ptr<record::Reader> r_;
    std::vector<std::string>& apps_;
};

uint32_t OursCursor::app_index(std::string_view name) {
    auto it = std::find(apps_.begin(), apps_.end(), name);
    if (it != apps_.end()) return static_cast<uint32_t>(it - apps_.begin());
    apps_.emplace_back(name);
    return static_cast<uint32_t>(apps_.size() - 1);
}

RecordingSource::Cursor::Got OursCursor::next(RecordingSource::Pending& p, std::string& err, bool want_bytes) {
    record::Frame f;
    switch (r_->next(f, err)) {
    case record::Reader::Next::Frame: {
        p.kind = f.kind;
        p.at = f.at_ns;
        p.app = app_index(f.app);
        bool link = f.kind == record::Kind::Connected || f.kind == record::Kind::Disconnected;
        p.bytes = want_bytes || link ? std::make_shared<std::string>(f.bytes) : nullptr;
        return Got::Record;
    }
    case record::Reader::Next::End: return Got::End;
    case record::Reader::Next::Error: return Got::Damaged;
    }
    return Got::End;
}

// The index has the length; only the blocks flagged as holding link
// records are read.
uint64_t OursCursor::scan(const std::function<void(const RecordingSource::Pending&)>& on_link, std::string& warning) {
    const auto& blocks = r_->blocks();
    RecordingSource::Pending p;
    std::string err;
    for (size_t i = 0; i < blocks.size(); i++) {
        if (!blocks[i].links) continue;
        r_->seek_block(i);
        for (;;) {
            Got g = next(p, err, false);
            if (g == Got::Damaged && warning.empty()) warning = err;
            if (g != Got::Record || r_->block_index() != i) break;
            if (p.kind == record::Kind::Connected || p.kind == record::Kind::Disconnected) on_link(p);
        }
    }
    rewind(0);
    return r_->end_ns();
}

// console-subscriber's recording, rebuilt into Updates once at open; it
// has no keyframes, so a seek plays it again from the start.
class JsonlCursor : public RecordingSource::Cursor {
public:
    explicit JsonlCursor(std::unique_ptr<record::JsonlReader> r) : r_(std::move(r)) {}
    void rewind(uint64_t) override { i_ = 0; }
    Got next(RecordingSource::Pending& p, std::string&, bool want_bytes) override {
        if (i_ >= r_->updates().size()) return Got::End;
        const record::TimedUpdate& u = r_->updates()[i_++];
        p.kind = record::Kind::Update;
        p.at = u.at_ns;
        p.app = 0;
        p.bytes = want_bytes ? std::make_shared<std::string>(u.update.SerializeAsString()) : nullptr;
        return Got::Record;
    }

private:
    std::unique_ptr<record::JsonlReader> r_;
    size_t i_ = 0;
};

// Our files begin with the header's skippable-frame magic; JSON lines with
// an object.  Anything else is neither.
enum class Sniffed { Ours, Jsonl, Neither, Unreadable };

// By the first bytes (at most 4) of `name`.
Sniffed sniff_head(std::string_view b, const std::string& name, std::string& err) {
    if (b.size() >= 4 && record::get_le<uint32_t>(b.data()) == record::kHeaderFrame) return Sniffed::Ours;
    for (char c : b.substr(0, 4)) {
        if (c == '{') return Sniffed::Jsonl;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
    }
    err = b.empty() ? "'" + name + "' is empty, not a recording"
                    : "'" + name +
                          "' is not a recording: it is neither a tokio-console recording "
                          "(offset 0: no TCRECORD header) nor console-subscriber's JSON lines";
    return Sniffed::Neither;
}

Sniffed sniff(const std::string& path, std::string& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err = "cannot open '" + path + "': " + util::lower_first(std::strerror(errno));
        return Sniffed::Unreadable;
    }
    char b[4] = {};
    in.read(b, sizeof b);
    return sniff_head(std::string_view(b, static_cast<size_t>(in.gcount())), path, err);
}

}  // namespace

RecordingSource::RecordingSource() = default;
RecordingSource::~RecordingSource() = default;

std::unique_ptr<RecordingSource> RecordingSource::open(const std::string& path, std::string& err) {
    Sniffed s = sniff(path, err);
    if (s == Sniffed::Unreadable || s == Sniffed::Neither) return nullptr;
    if (s == Sniffed::Ours) {
        auto in = record::open_file_input(path, err);
        return in ? open_ours(std::move(in), path, err) : nullptr;
    }
    std::ifstream in(path, std::ios::binary);
    return open_jsonl(in, path, err);
}

std::unique_ptr<RecordingSource> RecordingSource::open_memory(std::string_view bytes, const std::string& name,
                                                              std::string& err) {
    Sniffed s = sniff_head(bytes.substr(0, 4), name, err);
    if (s == Sniffed::Ours) return open_ours(record::memory_input(bytes), name, err);
    if (s != Sniffed::Jsonl) return nullptr;
    std::istringstream in{std::string(bytes)};
    return open_jsonl(in, name, err);
}

std::unique_ptr<RecordingSource> RecordingSource::open_ours(std::unique_ptr<record::Input> in, const std::string& name,
                                                            std::string& err) {
    auto r = std::make_unique<record::Reader>();
    if (!r->open(std::move(in), name, err)) return nullptr;
    std::unique_ptr<RecordingSource> src(new RecordingSource());
    src->format_ = Format::Ours;
    src->start_unix_ = r->header().start_unix_ns;
    const record::Header& h = r->header();
    // A version 1 file is one unnamed application.
    src->apps_ = h.version >= record::kVersionApps ? h.apps : std::vector<std::string>{""};
    src->name_ = h.target.empty() ? name : h.target;
    src->warning_ = r->warning();
    src->cursor_ = std::make_unique<OursCursor>(std::move(r), src->apps_);
    src->opened();
    return src;
}

std::unique_ptr<RecordingSource> RecordingSource::open_jsonl(std::istream& in, const std::string& name,
                                                             std::string& err) {
    auto r = std::make_unique<record::JsonlReader>();
    if (!r->read(in, name, err)) return nullptr;
    std::unique_ptr<RecordingSource> src(new RecordingSource());
    src->format_ = Format::Jsonl;
    src->start_unix_ = r->start_unix_ns();
    src->apps_ = {""};
    src->name_ = name;
    std::string w = record::JsonlReader::kMissing;
    if (!r->skip_summary().empty()) w = r->skip_summary() + "; " + w;
    src->warning_ = w;
    src->cursor_ = std::make_unique<JsonlCursor>(std::move(r));
    src->opened();
    return src;
}

void RecordingSource::opened() {
    scan();
    // A header may list no application, and no event name one: it is
    // then one unnamed application, as a recording of one target is.
    if (apps_.empty()) apps_.emplace_back();
    statuses_.resize(apps_.size());
    for (size_t i = 0; i < apps_.size(); i++) {
        statuses_[i].name = apps_[i].empty() ? name_ : apps_[i];
        statuses_[i].link = SourceStatus::Link::Connected;
    }
    // A named application's address, as its first connect recorded it.
    std::vector<bool> named(apps_.size());
    for (const Link& l : links_)
        if (l.up && l.app < apps_.size() && !apps_[l.app].empty() && !named[l.app] && !l.reason.empty()) {
            statuses_[l.app].name = l.reason;
            named[l.app] = true;
        }
    set_position(0);
}

const SourceStatus& RecordingSource::status_of(size_t app) const {
    return statuses_[app < statuses_.size() ? app : 0];
}

SourceStatus& RecordingSource::status_at(uint32_t app) {
    if (app >= statuses_.size()) statuses_.resize(app + 1, statuses_.front());
    return statuses_[app];
}

// The length, and where the link went down and up again, which a seek
// and the timeline need before playing there.
void RecordingSource::scan() {
    length_ = cursor_->scan(
        [this](const Pending& p) {
            links_.push_back({p.at, p.app, p.kind == record::Kind::Connected, *p.bytes});
            if (p.kind == record::Kind::Disconnected) drops_.push_back(p.at);
        },
        warning_);
}

std::string RecordingSource::speed_text() const {
    double s = kSpeeds[speed_];
    if (s == 0) return "max";
    char buf[16];
    snprintf(buf, sizeof buf, "%gx", s);
    return buf;
}

void RecordingSource::set_speed(int index) {
    index = std::clamp(index, 0, static_cast<int>(std::size(kSpeeds)) - 1);
    set_position(position_ns());
    speed_ = index;
}

uint64_t RecordingSource::wall_position(Clock::time_point now) const {
    double s = kSpeeds[speed_];
    if (!playing_ || catching_up_ || s == 0 || now <= anchor_) return pos_;
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - anchor_).count();
    return std::min(length_, pos_ + static_cast<uint64_t>(static_cast<double>(ns) * s));
}

uint64_t RecordingSource::position_ns() const {
    return wall_position(Clock::now());
}

void RecordingSource::set_position(uint64_t t) {
    pos_ = t;
    anchor_ = Clock::now();
}

void RecordingSource::play(bool on) {
    set_position(position_ns());
    playing_ = on && !ended_;
}

void RecordingSource::step() {
    if (ended_) return;
    playing_ = false;
    set_position(position_ns());
    step_ = true;
}

void RecordingSource::seek(uint64_t t) {
    t = std::min(t, length_);
    cursor_->rewind(t);
    next_.reset();
    reset_due_ = true;
    catching_up_ = true;
    step_ = false;
    ended_ = false;
    limit_ = t;
    set_position(t);
    // Each link as it stood at t: its last connect or disconnect before it.
    for (SourceStatus& st : statuses_) {
        st.link = SourceStatus::Link::Connected;
        st.last_error.clear();
    }
    for (const Link& l : links_) {
        if (l.at > t) break;
        SourceStatus& st = status_at(l.app);
        st.link = l.up ? SourceStatus::Link::Connected : SourceStatus::Link::Closed;
        st.last_error = l.up ? "" : l.reason;
    }
}

void RecordingSource::play_to(uint64_t t) {
    playing_ = false;
    if (t < static_cast<uint64_t>(clock_) || reset_due_) {
        seek(t);
        return;
    }
    catching_up_ = true;
    limit_ = std::min(t, length_);
}

bool RecordingSource::idle() const {
    return !reset_due_ && !catching_up_ && !step_ && (!playing_ || ended_);
}

std::optional<Clock::time_point> RecordingSource::deadline() const {
    auto now = Clock::now();
    if (reset_due_ || catching_up_ || step_) return now;
    if (!playing_ || ended_) return std::nullopt;
    double s = kSpeeds[speed_];
    if (s == 0) return now;
    if (!next_) return now + std::chrono::milliseconds(100);
    if (next_->at <= pos_) return now;
    auto wait = std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(next_->at - pos_) / s));
    return anchor_ + std::chrono::duration_cast<Clock::duration>(wait);
}

void RecordingSource::process(bool) {
    batch_until_ = Clock::now() + kBatch;
}

// Reads the next record into next_ unless one is waiting; false at the end.
bool RecordingSource::peek() {
    if (next_) return true;
    auto p = std::make_unique<Pending>();
    std::string err;
    for (;;) {
        Cursor::Got g = cursor_->next(*p, err);
        if (g == Cursor::Got::End) return false;
        if (g == Cursor::Got::Damaged) {
            notice_ = err;
            continue;
        }
        next_ = std::move(p);
        return true;
    }
}

// Whether the peeked record is due now.
bool RecordingSource::due(Clock::time_point now) const {
    if (catching_up_) return next_->at <= limit_;
    if (step_) return true;
    if (!playing_) return false;
    if (kSpeeds[speed_] == 0) return true;
    return next_->at <= wall_position(now);
}

bool RecordingSource::next_event(Event& out) {
    event_app_ = kAllApps;
    if (reset_due_) {
        reset_due_ = false;
        out = event::Reset{};
        return true;
    }
    if (!notice_.empty()) {
        out = event::Notice{std::move(notice_)};
        notice_.clear();
        return true;
    }
    for (;;) {
        auto now = Clock::now();
        if ((catching_up_ || step_ || (playing_ && kSpeeds[speed_] == 0)) && now >= batch_until_) return idle_out(now);
        if (!peek()) {
            // The end: everything recorded has been given.
            ended_ = true;
            playing_ = catching_up_ = step_ = false;
            set_position(length_);
            clock_ = static_cast<int64_t>(length_);
            return false;
        }
        if (!due(now)) {
            if (catching_up_) {
                catching_up_ = false;
                set_position(limit_);
            }
            return idle_out(now);
        }
        std::unique_ptr<Pending> p = std::move(next_);
        clock_ = static_cast<int64_t>(p->at);
        if (step_ || (playing_ && kSpeeds[speed_] == 0)) set_position(p->at);
        if (step_ && (p->kind == record::Kind::Update || p->kind == record::Kind::Keyframe)) step_ = false;
        event_app_ = static_cast<int64_t>(p->app);
        if (convert(*p, out)) return true;
        event_app_ = kAllApps;  // a notice of the damage, if any, comes next
    }
}

// No event now: the clock goes to where playback stands.
bool RecordingSource::idle_out(Clock::time_point now) {
    clock_ = std::max<int64_t>(clock_, static_cast<int64_t>(wall_position(now)));
    return false;
}

// One record into the program's event; false when it is damaged.
bool RecordingSource::convert(Pending& p, Event& out) {
    using record::Kind;
    switch (p.kind) {
    case Kind::Update:
    case Kind::Keyframe: {
        std::string_view bytes = *p.bytes;
        out = event::Update{std::move(p.bytes), bytes};
        return true;
    }
    case Kind::State: {
        ipb::State s;
        if (!s.ParseFromString(*p.bytes)) return damaged(p, "State");
        out = event::State{s.temporality() == ipb::PAUSED};
        return true;
    }
    case Kind::TaskDetails: {
        auto d = std::make_unique<tpb::TaskDetails>();
        if (!d->ParseFromString(*p.bytes)) return damaged(p, "TaskDetails");
        out = event::TaskDetails{std::move(d)};
        return true;
    }
    case Kind::Connected: {
        SourceStatus& st = status_at(p.app);
        st.link = SourceStatus::Link::Connected;
        st.last_error.clear();
        out = event::Reset{};
        return true;
    }
    case Kind::Disconnected: {
        SourceStatus& st = status_at(p.app);
        st.link = SourceStatus::Link::Closed;
        st.last_error = *p.bytes;
        out = event::Disconnected{*p.bytes};
        return true;
    }
    case Kind::App: return false;  // the reader keeps them
    }
    return false;
}

bool RecordingSource::damaged(const Pending& p, const char* what) {
    notice_ = "damaged " + std::string(what) + " record at " +
              util::format_duration(static_cast<int64_t>(p.at), 2, true) + "; skipped";
    return false;
}

}  // namespace session
