// Reads console-subscriber's own recording (jsonl_event.h) and rebuilds
// what its aggregator would have sent: tasks with their fields, polls,
// busy time, wakes, waker clones and drops, self wakes, creation and
// completion, as one instrument.Update every `interval_ns` of recorded
// time (and one at the last event), so that the model's usual apply path
// and lints run on them.  A damaged line (cut, wrong type, unknown event)
// is skipped and counted; a file without the {"v":1} header is refused.
//
// What the format does not carry is not invented: no resources, async
// ops, poll-time histograms or spawn locations (kMissing says so).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <unordered_map>
#include <vector>

#include "instrument.pb.h"
#include "record/jsonl_event.h"

namespace record {

struct TimedUpdate {
    uint64_t at_ns = 0;  // since the first event
    rs::tokio::console::instrument::Update update;
};

class JsonlReader {
public:
    static constexpr const char* kMissing = "no resources, async ops, histograms or spawn locations in this format";

    explicit JsonlReader(uint64_t interval_ns = 1'000'000'000) : interval_(interval_ns ? interval_ns : 1) {}

    // Reads the whole recording; false with a one-line err when `in` is
    // not one.  `name` is used in messages.
    bool read(std::istream& in, const std::string& name, std::string& err);

    const std::vector<TimedUpdate>& updates() const { return updates_; }
    int64_t start_unix_ns() const { return start_; }
    uint64_t lines() const { return lines_; }
    uint64_t events() const { return events_; }
    uint64_t skipped() const { return skipped_; }
    // "skipped 2 of 120 lines (line 17: not JSON)", or "" when none were.
    std::string skip_summary() const;

private:
    struct TaskRec {
        bool spawned = false;
        bool announced = false;  // sent in new_tasks
        bool dirty = false;      // stats changed since the last update
        int depth = 0;           // nested enters of the span
        std::vector<rs::tokio::console::common::Field> fields;
        int64_t created = 0, dropped = 0, first_poll = 0, poll_started = 0, poll_ended = 0;
        int64_t last_wake = 0, busy = 0, scheduled = 0;
        uint64_t polls = 0, wakes = 0, clones = 0, drops = 0, self_wakes = 0;
    };

    void apply(const JsonlEvent& e);
    void emit(int64_t now);
    void fill_stats(const TaskRec& t, rs::tokio::console::tasks::Stats& s) const;

    uint64_t interval_;
    std::vector<TimedUpdate> updates_;
    std::unordered_map<uint64_t, TaskRec> tasks_;
    std::vector<uint64_t> order_;  // span ids in the order first seen
    int64_t start_ = 0, next_emit_ = 0, last_at_ = 0;
    bool metadata_sent_ = false;
    uint64_t lines_ = 0, events_ = 0, skipped_ = 0;
    std::string first_skip_;
};

}  // namespace record
