#include "model/async_op_table.h"

#include <algorithm>

#include "model/attribute.h"

namespace model {

namespace pb = rs::tokio::console::async_ops;

uint64_t AsyncOpTable::id_for(uint64_t span_id) {
    auto [it, fresh] = ids_.try_emplace(span_id, next_id_);
    if (fresh) next_id_++;
    return it->second;
}

const AsyncOp* AsyncOpTable::find(uint64_t span_id) const {
    auto it = index_.find(span_id);
    return it == index_.end() ? nullptr : &rows_[it->second];
}

void AsyncOpTable::apply(const tokio_console::view::AsyncOpUpdate& u, const MetadataRegistry& metas,
                         StringPool& strings, ResourceTable& resources) {
    for (const auto& p : u.new_async_ops()) {
        if (!p.has_id()) continue;
        uint64_t span = p.id().id();
        auto [it, fresh] = index_.try_emplace(span, static_cast<uint32_t>(rows_.size()));
        if (fresh) rows_.emplace_back();
        AsyncOp& op = rows_[it->second];
        op.span_id = span;
        op.id = id_for(span);
        op.meta_id = p.has_metadata() ? p.metadata().id() : 0;
        op.source = strings.intern(p.source());
        op.parent_span = p.has_parent_async_op_id() ? p.parent_async_op_id().id() : 0;
        op.parent_id = p.has_parent_async_op_id() ? id_for(op.parent_span) : 0;
        op.resource_span = p.has_resource_id() ? p.resource_id().id() : 0;
        op.resource_id = p.has_resource_id() ? resources.id_for(op.resource_span) : 0;
    }
    for (const auto& e : u.stats_update()) {
        // As upstream: stats of an op never announced are ignored.
        auto it = index_.find(e.key());
        if (it == index_.end()) continue;
        AsyncOp& op = rows_[it->second];
        const auto& s = e.value();
        op.has_stats = true;
        op.created_at = s.has_created_at() ? from_proto(s.created_at()) : 0;
        op.dropped_at = s.has_dropped_at() ? from_proto(s.dropped_at()) : 0;
        op.task_span = s.has_task_id() ? s.task_id().id() : 0;
        const auto& ps = s.poll_stats();
        op.polls = ps.polls();
        op.first_poll = ps.has_first_poll() ? from_proto(ps.first_poll()) : 0;
        op.last_poll_started = ps.has_last_poll_started() ? from_proto(ps.last_poll_started()) : 0;
        op.last_poll_ended = ps.has_last_poll_ended() ? from_proto(ps.last_poll_ended()) : 0;
        op.busy_time = ps.has_busy_time() ? from_proto(ps.busy_time()) : 0;
        op.attributes = attributes_from_proto(s.attributes(), metas.find(op.meta_id), metas, strings);
    }
    dropped_events_ += u.dropped_events();
}

void AsyncOpTable::retain(Nanos now, std::optional<Nanos> retain_for) {
    if (!retain_for) return;
    size_t i = 0;
    while (i < rows_.size()) {
        const AsyncOp& op = rows_[i];
        if (!op.dropped() || since(now, op.dropped_at) < *retain_for) {
            i++;
            continue;
        }
        index_.erase(op.span_id);
        ids_.erase(op.span_id);
        if (i != rows_.size() - 1) {
            rows_[i] = std::move(rows_.back());
            index_[rows_[i].span_id] = static_cast<uint32_t>(i);
        }
        rows_.pop_back();
    }
}

std::vector<uint32_t> AsyncOpTable::rows_of(uint64_t resource_span) const {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < rows_.size(); i++)
        if (!resource_span || rows_[i].resource_span == resource_span) out.push_back(static_cast<uint32_t>(i));
    return out;
}

std::string AsyncOpTable::parent_label(const AsyncOp& op) {
    return op.parent_id ? std::to_string(op.parent_id) : "n/a";
}

std::string AsyncOpTable::task_label(const AsyncOp& op, const TaskTable& tasks, const StringPool& strings) {
    if (!op.task_span) return "n/a";
    const Task* t = tasks.find(op.task_span);
    if (!t) return "n/a";
    std::string out = std::to_string(t->id);
    if (t->name) {
        out += " (";
        out += strings.get(t->name);
        out += ')';
    }
    return out;
}

namespace {

// The task's shown id; ops without a known task sort first.
uint64_t task_key(const AsyncOp& op, const TaskTable& tasks) {
    const Task* t = op.task_span ? tasks.find(op.task_span) : nullptr;
    return t ? t->id : 0;
}

int compare_by(const AsyncOp& a, const AsyncOp& b, AsyncOpColumn c, const TaskTable& tasks, const StringPool& strings,
               const std::vector<uint32_t>& ranks, Nanos now) {
    auto cmp = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
    switch (c) {
    case AsyncOpColumn::Id: return cmp(a.id, b.id);
    case AsyncOpColumn::Parent: return cmp(a.parent_id, b.parent_id);
    case AsyncOpColumn::Task: return cmp(task_key(a, tasks), task_key(b, tasks));
    case AsyncOpColumn::Source: return cmp(ranks[a.source], ranks[b.source]);
    case AsyncOpColumn::Total: return cmp(a.total(now), b.total(now));
    case AsyncOpColumn::Busy: return cmp(a.busy(now), b.busy(now));
    case AsyncOpColumn::Idle: return cmp(a.idle(now), b.idle(now));
    case AsyncOpColumn::Polls: return cmp(a.polls, b.polls);
    case AsyncOpColumn::Attributes: return compare_attributes(a.attributes, b.attributes, strings);
    }
    return 0;
}

auto op_less(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings, AsyncOpColumn c,
             bool descending, Nanos now) {
    const std::vector<uint32_t>& ranks = strings.ranks();
    return [&ops, &tasks, &strings, &ranks, c, descending, now](uint32_t x, uint32_t y) {
        const AsyncOp& a = ops.row(x);
        const AsyncOp& b = ops.row(y);
        int k = compare_by(a, b, c, tasks, strings, ranks, now);
        if (k) return descending ? k > 0 : k < 0;
        return a.id < b.id;
    };
}

}  // namespace

RowWindow async_op_window(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings, AsyncOpColumn c,
                          bool descending, Nanos now, uint64_t resource_span, size_t first, size_t count,
                          const std::vector<uint32_t>* only) {
    return sorted_window(only ? *only : ops.rows_of(resource_span), op_less(ops, tasks, strings, c, descending, now),
                         first, count);
}

long async_op_rank(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings, AsyncOpColumn c,
                   bool descending, Nanos now, uint64_t resource_span, uint64_t span_id,
                   const std::vector<uint32_t>* only) {
    const AsyncOp* op = ops.find(span_id);
    if (!op || (resource_span && op->resource_span != resource_span)) return -1;
    uint32_t row = static_cast<uint32_t>(op - &ops.row(0));
    if (only && !std::binary_search(only->begin(), only->end(), row)) return -1;
    return rank_of(only ? *only : ops.rows_of(resource_span), op_less(ops, tasks, strings, c, descending, now), row);
}

uint64_t async_op_next_match(const AsyncOpTable& ops, const TaskTable& tasks, const StringPool& strings,
                             AsyncOpColumn c, bool descending, Nanos now, uint64_t from_span,
                             const std::vector<uint32_t>& matches, bool forward) {
    const AsyncOp* from = ops.find(from_span);
    long r = next_in_order(matches, op_less(ops, tasks, strings, c, descending, now), from ? from - &ops.row(0) : -1,
                           forward);
    return r < 0 ? 0 : ops.row(static_cast<size_t>(r)).span_id;
}

}  // namespace model
