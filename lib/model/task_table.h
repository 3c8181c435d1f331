// All tasks the console knows, by the server's span id.  Applies the
// TaskUpdate part of each Update: new tasks, stats snapshots, retention of
// completed tasks, lints.  Rows live in one vector; ids map to rows.  The
// sort keys, the counts by state and by lint are kept up to date as rows
// change, so that neither a frame nor an update has to visit every row.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/lints.h"
#include "model/metadata.h"
#include "model/span_index.h"
#include "model/task.h"
#include "model/task_keys.h"
#include "tasks.pb.h"
#include "update_view.pb.h"

namespace model {

class TaskTable {
public:
    void apply(const tokio_console::view::TaskUpdate& update, const MetadataRegistry& metas, StringPool& strings,
               Nanos now, const LintConfig& lints);
    // The same for an update read in pieces (proto/update_reader.h): begin,
    // each piece in wire order, settle (when wanted in steps), finish.
    // Each row is whole as its piece is applied (stats, lints); its sort
    // keys follow in settle(); the counts by state and by lint stay those
    // of the last whole update until finish_update().
    void begin_update();
    // Makes room for `n` more tasks at once (a first update announces
    // them all): grown a row at a time, the arrays would double, and for
    // a moment hold both copies, at a million tasks some 150 MB more than
    // the tasks themselves.  A hint: nothing happens when memory is short.
    void reserve_new(size_t n);
    void apply_piece(const tokio_console::view::TaskUpdate& piece, const MetadataRegistry& metas, StringPool& strings,
                     Nanos now, const LintConfig& lints);
    // Brings the sort keys and state of up to `rows` more rows up to date,
    // front to back, those the update's stats named; true once every row
    // is.
    bool settle(size_t rows);
    // Settles what is left.  True when the lints of a task the update did
    // not mention changed.
    bool finish_update(Nanos now, const LintConfig& lints);
    // Stats snapshots, in wire order (a later one for the same task wins,
    // as in the protocol's map): a piece of their own, or a TaskUpdate's.
    void apply_stats(const tokio_console::view::TaskStatsValues* values, size_t n, Nanos now,
                     const LintConfig& lints);
    // Marks every string the rows name (see StringPool::sweep).
    void mark_strings(StringPool& strings) const;
    // Drops tasks completed longer than retain_for ago (nullopt: keep all);
    // their span ids are appended to `removed` when given.
    void retain(Nanos now, std::optional<Nanos> retain_for, std::vector<uint64_t>* removed = nullptr);
    // Re-checks the lints that depend on the clock (never-yielded): only
    // the tasks in their first poll are visited.
    // True when a task's warnings changed.
    bool relint(Nanos now, const LintConfig& lints);
    // Re-checks every lint of every task, as after a change of config.
    void relint_all(Nanos now, const LintConfig& lints);
    // Records a task's p99 poll time (from its details) and re-checks its
    // lints; false when no such task.
    bool set_long_poll(uint64_t span_id, uint32_t p99_us, Nanos now, const LintConfig& lints);

    size_t size() const { return rows_.size(); }
    const Task& row(size_t i) const { return rows_[i]; }
    const Task* find(uint64_t span_id) const;
    // The sort keys, row by row.
    const TaskKeys& keys() const { return keys_; }

    uint64_t dropped_events() const { return dropped_events_; }
    // Polls and wakes reported by the last apply() beyond what the tasks
    // had before: the activity of one update interval.
    uint64_t last_polls() const { return last_polls_; }
    uint64_t last_wakes() const { return last_wakes_; }
    // Live counts by TaskState, and tasks per lint: between begin_update()
    // and finish_update(), those of the last whole update.
    std::array<uint64_t, 4> count_by_state() const { return updating_ ? shown_state_counts_ : state_counts_; }
    std::array<uint64_t, kLintCount> count_by_lint() const { return updating_ ? shown_lint_counts_ : lint_counts_; }

private:
    // The row of `span_id`, a new empty task's when unknown.
    uint32_t add(uint64_t span_id);
    void fill(Task& t, const rs::tokio::console::tasks::Task& pb, const MetadataRegistry& metas, StringPool& strings);
    bool set_warnings(uint32_t row, uint16_t warnings);  // true: they changed
    void remove(uint32_t row);

    util::BigVector<Task> rows_;
    TaskKeys keys_;
    // Scratch for apply_stats(), kept between updates: a chunk's rows.
    std::vector<uint32_t> chunk_rows_;
    // While an update is applied: a flag for each row its stats named, and
    // how many rows settle() has been through.
    std::vector<uint8_t> touched_;
    size_t settled_ = 0;
    std::array<uint64_t, 4> state_counts_{};
    std::array<uint64_t, kLintCount> lint_counts_{};
    // While an update is applied: the counts as it began.
    bool updating_ = false;
    std::array<uint64_t, 4> shown_state_counts_{};
    std::array<uint64_t, kLintCount> shown_lint_counts_{};
    SpanIndex index_;  // span id -> row
    uint64_t next_seq_ = 1;
    uint64_t dropped_events_ = 0;
    uint64_t last_polls_ = 0;
    uint64_t last_wakes_ = 0;
};

}  // namespace model
