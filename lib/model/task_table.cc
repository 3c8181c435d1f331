#include "model/task_table.h"

#include <algorithm>

namespace model {

namespace pb = rs::tokio::console::tasks;

namespace {
uint64_t since_count(uint64_t now, uint64_t before) { return now > before ? now - before : 0; }
}  // namespace

Task& TaskTable::add(uint64_t span_id) {
    auto [row, fresh] = index_.insert(span_id, static_cast<uint32_t>(rows_.size()));
    if (!fresh) return rows_[*row];
    rows_.emplace_back();
    rows_.back().span_id = span_id;
    rows_.back().id = next_seq_++;
    return rows_.back();
}

Task* TaskTable::find(uint64_t span_id) {
    const uint32_t* row = index_.find(span_id);
    return row ? &rows_[*row] : nullptr;
}

const Task* TaskTable::find(uint64_t span_id) const {
    const uint32_t* row = index_.find(span_id);
    return row ? &rows_[*row] : nullptr;
}

void TaskTable::fill(Task& t, const pb::Task& p, const MetadataRegistry& metas, StringPool& strings) {
    const Metadata* meta = p.has_metadata() ? metas.find(p.metadata().id()) : nullptr;
    t.target = meta ? meta->target : strings.intern("<unknown metadata>");
    t.location = strings.intern(format_location(p.location(), p.has_location()));
    t.blocking = p.kind() == pb::Task::BLOCKING;
    t.fields.clear();
    for (const auto& f : p.fields()) {
        auto field = field_from_proto(f, meta, metas, strings);
        if (!field) continue;
        std::string_view name = strings.get(field->name);
        const FieldValue& v = field->value;
        if (name == "task.name") {
            t.name = strings.intern(format_value(v, strings));
        } else if (name == "task.id") {
            if (v.kind == FieldValue::Kind::U64) {
                t.id = v.u;
                t.has_task_id = true;
            }
        } else if (name == "kind") {
            t.kind = strings.intern(format_value(v, strings));
            std::string_view k = strings.get(t.kind);
            if (k == "blocking" || k == "block_on") t.blocking = true;
        } else {
            if (name == "size.bytes" && v.kind == FieldValue::Kind::U64)
                t.size_bytes = static_cast<int64_t>(std::min<uint64_t>(v.u, INT64_MAX));
            if (name == "original_size.bytes" && v.kind == FieldValue::Kind::U64)
                t.original_size_bytes = static_cast<int64_t>(std::min<uint64_t>(v.u, INT64_MAX));
            t.fields.push_back(*field);
        }
    }
    if (!t.kind) t.kind = strings.intern(t.blocking ? "blocking" : "task");
    t.parents.clear();
    for (const auto& s : p.parents()) t.parents.push_back(s.id());
}

void TaskTable::apply(const pb::TaskUpdate& u, const MetadataRegistry& metas, StringPool& strings,
                      Nanos now, const LintConfig& lints) {
    for (const auto& p : u.new_tasks()) {
        if (!p.has_id()) continue;  // nothing to key it by
        fill(add(p.id().id()), p, metas, strings);
    }
    last_polls_ = last_wakes_ = 0;
    // A full update touches a million rows in no useful order, so the work
    // is pipelined: look ahead, prefetch the index slot, then the row and
    // the message, and only then use them.  Memory latency, not arithmetic,
    // is what costs here.
    const auto& map = u.stats_update();
    std::vector<std::pair<uint64_t, const pb::Stats*>> items;
    items.reserve(map.size());
    for (const auto& [span_id, stats] : map) items.emplace_back(span_id, &stats);
    std::vector<uint32_t> rows(items.size());
    const size_t ahead = 16;
    for (size_t i = 0; i < items.size(); i++) {
        if (i + ahead < items.size()) index_.prefetch(items[i + ahead].first);
        // Stats may come before (or without) the spawn; keep them all.
        rows[i] = static_cast<uint32_t>(&add(items[i].first) - rows_.data());
    }
    for (size_t i = 0; i < items.size(); i++) {
        if (i + ahead < items.size()) {
            const Task* next = &rows_[rows[i + ahead]];
            __builtin_prefetch(&next->stats);
            __builtin_prefetch(reinterpret_cast<const char*>(&next->stats) + 64);
            __builtin_prefetch(items[i + ahead].second);
        }
        Task& t = rows_[rows[i]];
        uint64_t polls = t.stats.polls, wakes = t.stats.wakes;
        t.stats.assign(*items[i].second);
        t.has_stats = true;
        last_polls_ += since_count(t.stats.polls, polls);
        last_wakes_ += since_count(t.stats.wakes, wakes);
    }
    dropped_events_ += u.dropped_events();
    relint(now, lints);
}

void TaskTable::relint(Nanos now, const LintConfig& lints) {
    for (Task& t : rows_) t.warnings = check_lints(t, now, lints);
}

bool TaskTable::set_long_poll(uint64_t span_id, uint32_t p99_us, Nanos now, const LintConfig& lints) {
    Task* t = find(span_id);
    if (!t) return false;
    t->long_poll_p99_us = p99_us;
    t->warnings = check_lints(*t, now, lints);
    return true;
}

void TaskTable::retain(Nanos now, std::optional<Nanos> retain_for, std::vector<uint64_t>* removed) {
    if (!retain_for) return;
    size_t i = 0;
    while (i < rows_.size()) {
        const Task& t = rows_[i];
        if (t.completed() && since(now, t.stats.dropped_at) >= *retain_for) {
            if (removed) removed->push_back(t.span_id);
            index_.erase(t.span_id);
            if (i != rows_.size() - 1) {
                rows_[i] = std::move(rows_.back());
                index_.set(rows_[i].span_id, static_cast<uint32_t>(i));
            }
            rows_.pop_back();
        } else {
            i++;
        }
    }
}

void TaskTable::clear() {
    rows_.clear();
    index_.clear();
    next_seq_ = 1;
    dropped_events_ = 0;
    last_polls_ = last_wakes_ = 0;
}

std::array<uint64_t, 4> TaskTable::count_by_state() const {
    std::array<uint64_t, 4> n{};
    for (const Task& t : rows_) n[static_cast<int>(t.state())]++;
    return n;
}

std::array<uint64_t, kLintCount> TaskTable::count_by_lint() const {
    std::array<uint64_t, kLintCount> n{};
    for (const Task& t : rows_)
        for (int l = 0; l < kLintCount; l++)
            if (t.warnings & (1u << l)) n[l]++;
    return n;
}

}  // namespace model
