// All tasks the console knows, by the server's span id.  Applies the
// TaskUpdate part of each Update: new tasks, stats snapshots, retention of
// completed tasks, lints.  Rows live in one vector; ids map to rows.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/lints.h"
#include "model/metadata.h"
#include "model/span_index.h"
#include "model/task.h"
#include "tasks.pb.h"

namespace model {

class TaskTable {
public:
    void apply(const rs::tokio::console::tasks::TaskUpdate& update, const MetadataRegistry& metas,
               StringPool& strings, Nanos now, const LintConfig& lints);
    // Drops tasks completed longer than retain_for ago (nullopt: keep all);
    // their span ids are appended to `removed` when given.
    void retain(Nanos now, std::optional<Nanos> retain_for, std::vector<uint64_t>* removed = nullptr);
    // Re-checks the lints that depend on the clock (never-yielded).
    void relint(Nanos now, const LintConfig& lints);
    // Records a task's p99 poll time (from its details) and re-checks its
    // lints; false when no such task.
    bool set_long_poll(uint64_t span_id, uint32_t p99_us, Nanos now, const LintConfig& lints);
    void clear();

    size_t size() const { return rows_.size(); }
    const Task& row(size_t i) const { return rows_[i]; }
    Task* find(uint64_t span_id);
    const Task* find(uint64_t span_id) const;

    uint64_t dropped_events() const { return dropped_events_; }
    // Polls and wakes reported by the last apply() beyond what the tasks
    // had before: the activity of one update interval.
    uint64_t last_polls() const { return last_polls_; }
    uint64_t last_wakes() const { return last_wakes_; }
    // Live counts by TaskState, and tasks per lint.
    std::array<uint64_t, 4> count_by_state() const;
    std::array<uint64_t, kLintCount> count_by_lint() const;

private:
    Task& add(uint64_t span_id);
    void fill(Task& t, const rs::tokio::console::tasks::Task& pb, const MetadataRegistry& metas,
              StringPool& strings);

    std::vector<Task> rows_;
    SpanIndex index_;  // span id -> row
    uint64_t next_seq_ = 1;
    uint64_t dropped_events_ = 0;
    uint64_t last_polls_ = 0;
    uint64_t last_wakes_ = 0;
};

}  // namespace model
