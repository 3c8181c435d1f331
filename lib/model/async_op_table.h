// All async ops the console knows, by the server's span id.  Applies the
// AsyncOpUpdate part of each Update and drops ops dropped longer ago than
// the retention.  Display ids are sequential in order of first mention; a
// resource's display id comes from the ResourceTable, so both agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "async_ops.pb.h"
#include "model/async_op.h"
#include "model/metadata.h"
#include "model/resource_table.h"
#include "model/row_window.h"
#include "model/task_table.h"
#include "update_view.pb.h"

namespace model {

class AsyncOpTable {
public:
    void apply(const tokio_console::view::AsyncOpUpdate& update, const MetadataRegistry& metas, StringPool& strings,
               ResourceTable& resources);
    void retain(Nanos now, std::optional<Nanos> retain_for);

    size_t size() const { return rows_.size(); }
    const AsyncOp& row(size_t i) const { return rows_[i]; }
    const AsyncOp* find(uint64_t span_id) const;
    uint64_t dropped_events() const { return dropped_events_; }
    // Ops on one resource, in no order.
    std::vector<uint32_t> rows_of(uint64_t resource_span) const;

    // "n/a" or the parent's display id.
    static std::string parent_label(const AsyncOp& op);
    // "n/a", or the task's shown id and name ("7 (worker)") when known.
    static std::string task_label(const AsyncOp& op, const TaskTable& tasks, const StringPool& strings);

private:
    uint64_t id_for(uint64_t span_id);

    std::vector<AsyncOp> rows_;
    std::unordered_map<uint64_t, uint32_t> index_;  // span id -> row
    std::unordered_map<uint64_t, uint64_t> ids_;    // span id -> display id
    uint64_t next_id_ = 1;
    uint64_t dropped_events_ = 0;
};

// Ranks [first, first+count) of the ops on resource `resource_span` (0:
// every op) sorted by `column`; ties by id.  The Task column sorts by the
// task's shown id.  With `only` (the rows of those ops a filter kept,
// ascending), among those alone.
RowWindow async_op_window(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings,
                          AsyncOpColumn column, bool descending, Nanos now, uint64_t resource_span, size_t first,
                          size_t count, const std::vector<uint32_t>* only = nullptr);
long async_op_rank(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings, AsyncOpColumn column,
                   bool descending, Nanos now, uint64_t resource_span, uint64_t span_id,
                   const std::vector<uint32_t>* only = nullptr);
// For search: the span id of the op among `matches` (rows) after
// `from_span` in that order (see next_in_order); 0 when none match.
uint64_t async_op_next_match(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings,
                             AsyncOpColumn column, bool descending, Nanos now, uint64_t from_span,
                             const std::vector<uint32_t>& matches, bool forward);

}  // namespace model
