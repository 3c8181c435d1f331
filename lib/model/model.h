// The console's model of the instrumented application: everything the
// Update stream said, merged — tasks, resources, async ops and the poll ops
// that link them, dropped events, and a history of summaries.  Plain data;
// the terminal front end reads it through const references.  Knows nothing
// of the network or the screen.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "instrument.pb.h"
#include "model/async_op_table.h"
#include "model/dropped_events.h"
#include "model/history.h"
#include "model/intern.h"
#include "model/lints.h"
#include "model/metadata.h"
#include "model/poll_ops.h"
#include "model/resource_table.h"
#include "model/task_details.h"
#include "model/task_table.h"
#include "proto/update_reader.h"
#include "update_view.pb.h"

namespace model {

// Whether the server is sending updates, as upstream tracks it.  Pausing
// and Unpausing: asked for and not confirmed yet.
enum class Temporality { Live, Pausing, Paused, Unpausing };

class Model {
public:
    explicit Model(LintConfig lints = {}, std::optional<Nanos> retain_for = 6'000'000'000,
                   size_t history_capacity = 300);

    // Applies one encoded Update received at local monotonic time
    // `local_ns`, as the wire layer hands it on.  It is read and applied a
    // piece at a time (proto/update_reader.h), never parsed whole.  False
    // when the bytes are not a valid Update; the pieces before the fault
    // are applied then.
    bool apply_encoded(std::string_view bytes, Nanos local_ns);
    // The same for an Update another thread has parsed piece by piece
    // (proto/update_reader.h): its parts in order, the first one opening
    // the update and the last one closing it (a part may be both; `piece`
    // is null for a part with none).  Between the two the model is part
    // way through, and updating() says so: each row is whole, from the
    // last update or this one; the counts by state and lint and the
    // generation are those of the last whole update.
    //
    // With Close::InSteps the last part leaves the update settling(): the
    // sort keys and counts of the rows it named are brought up to date by
    // settle(), a bounded step at a time, and the update is whole, as
    // after Close::Now, once settle() says so.  Until then it is still
    // updating(), and a first part settles what is left at once.
    enum class Close { Now, InSteps };
    void apply_part(const tokio_console::view::ParsedPiece* piece, bool first, bool last, Nanos local_ns,
                    Close close = Close::Now);
    bool updating() const { return updating_; }
    bool settling() const { return settling_; }
    // Settles up to `rows` more rows; true when the update is whole (or
    // none was settling).
    bool settle(size_t rows);
    // The same for an Update parsed whole (see proto/update_view.proto).
    void apply(const tokio_console::view::Update& update, Nanos local_ns);
    // The same for an Update built in memory (tests, tools): it is encoded
    // and read back in pieces, the way the console reads the wire.
    void apply(const rs::tokio::console::instrument::Update& update, Nanos local_ns);
    // A new connection: what the old process said no longer holds.
    void reset();
    // Keeps the clock and lints moving between updates.
    void tick(Nanos local_ns);
    // Frees the interned strings that no row names any more; returns how
    // many.  Done after an update whenever the pool has doubled since the
    // last time (collect.cc).
    size_t collect_strings();

    // The server's clock now: the last Update's `now`, advanced by local
    // time while live, frozen while paused.
    Nanos now(Nanos local_ns) const;
    Nanos last_update_now() const { return server_now_; }
    uint64_t updates() const { return updates_; }
    // Counts the changes that can change a row derived from the model (a
    // filter's rows, the grouping, an order): every part of an update
    // (rows added, changed, retention dropping them), a reset, task
    // details, a tick that changes lints, new lint settings.  It never
    // comes back, not even across a reset or in another model, so a view
    // that keeps what it worked out at one generation knows when to work
    // it out again.  The
    // clock is not in it: what depends on the time (live tasks' durations)
    // a view keys on the time as well.
    uint64_t generation() const { return generation_; }

    // Pausing and resuming, all of it here: the user asks, the server's
    // answer or its own word (WatchState) confirms.  A subscriber that
    // cannot report its state is believed when the request succeeds.
    Temporality temporality() const { return temporality_; }
    bool paused() const { return temporality_ == Temporality::Paused || temporality_ == Temporality::Pausing; }
    void request_pause(bool pause) { temporality_ = pause ? Temporality::Pausing : Temporality::Unpausing; }
    void apply_pause_result(bool pause, bool ok);
    void apply_state(bool paused);
    void apply_state_unsupported() { state_reported_ = false; }
    // False when the subscriber cannot say whether it is paused (its
    // WatchState is unimplemented); until the next reset.
    bool state_reported() const { return state_reported_; }

    // Task details: kept for the task view, and the p99 poll time feeds
    // the long-poll lint.  The latest of each task are kept, of at most
    // kMaxDetailTasks tasks (the oldest go first).
    static constexpr size_t kMaxDetailTasks = 256;
    void apply_details(TaskDetails details, Nanos local_ns);
    // The latest details of this task, null when none came since the reset.
    const TaskDetails* task_details(uint64_t span) const;
    // Forgets the details of tasks not in `spans` (no longer watched).
    void keep_details_of(const std::vector<uint64_t>& spans);

    const StringPool& strings() const { return strings_; }
    const MetadataRegistry& metadata() const { return metas_; }
    const TaskTable& tasks() const { return tasks_; }
    TaskTable& tasks() { return tasks_; }
    const ResourceTable& resources() const { return resources_; }
    const AsyncOpTable& async_ops() const { return async_ops_; }
    const PollOps& poll_ops() const { return poll_ops_; }
    const History& history() const { return history_; }
    const DroppedEvents& dropped() const { return dropped_; }
    // The view has shown the dropped events so far.
    void acknowledge_dropped() { dropped_.acknowledge(); }

    const LintConfig& lint_config() const { return lints_; }
    // New thresholds or enabled lints; every task is checked again.
    void set_lint_config(const LintConfig& lints);

private:
    class Applier;
    // One update, in the order the reader hands its parts over.
    void begin_update(Nanos local_ns);
    void apply_now(const google::protobuf::Timestamp& now);
    void apply_tasks(const tokio_console::view::TaskUpdate& piece);
    void apply_task_stats(const tokio_console::view::TaskStatsRun& run);
    void apply_resources(const tokio_console::view::ResourceUpdate& piece);
    void apply_async_ops(const tokio_console::view::AsyncOpUpdate& piece);
    void end_update();
    void close_update();  // the last part of apply_part's update
    void expire();
    void bump();  // a new generation

    StringPool strings_;
    MetadataRegistry metas_;
    TaskTable tasks_;
    ResourceTable resources_;
    AsyncOpTable async_ops_;
    PollOps poll_ops_;
    DroppedEvents dropped_;
    History history_;
    LintConfig lints_;
    std::optional<Nanos> retain_for_;
    Temporality temporality_ = Temporality::Live;
    bool state_reported_ = true;
    std::vector<TaskDetails> details_;  // oldest first
    Nanos server_now_ = 0;
    Nanos local_at_update_ = 0;
    uint64_t updates_ = 0;
    uint64_t generation_ = 0;
    uint64_t dropped_before_ = 0;  // dropped_.total() at the last history sample
    bool first_update_ = false;    // the update being applied is the first
    bool update_has_tasks_ = false;
    // Between apply_part's first part and its last (and the last settle()).
    bool updating_ = false;
    bool settling_ = false;
    bool changed_in_update_ = false;                             // a bump() waits for the update's end
    std::unique_ptr<tokio_console::view::UpdateReader> reader_;  // made on first use
};

const char* temporality_name(Temporality t);

}  // namespace model
