#include "model/task_table.h"

#include <algorithm>

namespace model {

namespace pb = rs::tokio::console::tasks;

namespace {
uint64_t since_count(uint64_t now, uint64_t before) { return now > before ? now - before : 0; }
}  // namespace

uint32_t TaskTable::add(uint64_t span_id) {
    auto [row, fresh] = index_.insert(span_id, static_cast<uint32_t>(rows_.size()));
    if (!fresh) return *row;
    rows_.emplace_back();
    Task& t = rows_.back();
    t.span_id = span_id;
    t.id = next_seq_++;
    keys_.push_back(t);
    state_counts_[keys_.state.back()]++;
    return static_cast<uint32_t>(rows_.size() - 1);
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
        uint32_t row = add(p.id().id());
        fill(rows_[row], p, metas, strings);
        keys_.set(row, rows_[row]);
        set_warnings(row, check_lints(rows_[row], now, lints));
    }
    apply_stats(u, now, lints);
    dropped_events_ += u.dropped_events();
    // The tasks this update did not mention have moved on in time too.
    relint(now, lints);
}

void TaskTable::apply_stats(const pb::TaskUpdate& u, Nanos now, const LintConfig& lints) {
    last_polls_ = last_wakes_ = 0;
    const auto& map = u.stats_update();
    if (map.empty()) return;
    // A full update touches a million rows, and memory latency (and, for
    // fresh memory, page faults), not arithmetic, is what costs.  So: one
    // pass over the map finds each snapshot's row, with the index slot
    // prefetched a few entries ahead, and files the snapshot by row in a
    // buffer that is kept between updates.  A second pass walks the rows
    // front to back, so that rows and keys are written in order, with the
    // parts of each message prefetched a few steps ahead, level by level.
    by_row_.assign(rows_.size(), nullptr);
    std::vector<std::pair<uint64_t, const pb::Stats*>> fresh;
    constexpr size_t kLag = 8;
    std::pair<uint64_t, const pb::Stats*> ring[kLag];
    size_t seen = 0;
    auto file = [&](const std::pair<uint64_t, const pb::Stats*>& e) {
        if (const uint32_t* row = index_.find(e.first))
            by_row_[*row] = e.second;
        else
            fresh.push_back(e);  // stats may come before (or without) the spawn
    };
    for (const auto& [span_id, stats] : map) {
        index_.prefetch(span_id);
        auto& slot = ring[seen % kLag];
        if (seen >= kLag) file(slot);
        slot = {span_id, &stats};
        seen++;
    }
    for (size_t i = seen > kLag ? seen - kLag : 0; i < seen; i++) file(ring[i % kLag]);
    for (const auto& e : fresh) {
        uint32_t row = add(e.first);
        by_row_.resize(rows_.size(), nullptr);
        by_row_[row] = e.second;
    }

    const uint32_t end = static_cast<uint32_t>(by_row_.size());
    auto next = [&](uint32_t r) {
        while (r < end && !by_row_[r]) r++;
        return r;
    };
    // Three cursors run ahead of the row being applied.
    uint32_t far = 0, mid = 0, near = 0;
    for (int k = 0; k < 24; k++) far = next(far + (k > 0));
    for (int k = 0; k < 12; k++) mid = next(mid + (k > 0));
    for (int k = 0; k < 6; k++) near = next(near + (k > 0));
    for (uint32_t row = next(0); row < end; row = next(row + 1)) {
        if (far < end) {
            const char* p = reinterpret_cast<const char*>(by_row_[far]);
            __builtin_prefetch(p);
            __builtin_prefetch(p + 64);
            far = next(far + 1);
        }
        if (mid < end) {
            const pb::Stats& s = *by_row_[mid];
            __builtin_prefetch(&s.created_at());
            __builtin_prefetch(&s.dropped_at());
            __builtin_prefetch(&s.last_wake());
            __builtin_prefetch(&s.scheduled_time());
            __builtin_prefetch(&s.poll_stats());
            mid = next(mid + 1);
        }
        if (near < end) {
            const auto& ps = by_row_[near]->poll_stats();
            __builtin_prefetch(&ps.first_poll());
            __builtin_prefetch(&ps.last_poll_started());
            __builtin_prefetch(&ps.last_poll_ended());
            __builtin_prefetch(&ps.busy_time());
            near = next(near + 1);
        }
        Task& t = rows_[row];
        uint64_t polls = t.stats.polls, wakes = t.stats.wakes;
        t.stats.assign(*by_row_[row]);
        t.has_stats = true;
        last_polls_ += since_count(t.stats.polls, polls);
        last_wakes_ += since_count(t.stats.wakes, wakes);
        refresh(row, now, lints);
    }
}

void TaskTable::refresh(uint32_t row, Nanos now, const LintConfig& lints) {
    state_counts_[keys_.state[row]]--;
    keys_.set_stats(row, rows_[row]);
    state_counts_[keys_.state[row]]++;
    set_warnings(row, check_lints(rows_[row], now, lints));
}

void TaskTable::set_warnings(uint32_t row, uint16_t w) {
    Task& t = rows_[row];
    uint16_t changed = t.warnings ^ w;
    if (!changed) return;
    for (int l = 0; l < kLintCount; l++)
        if (changed & (1u << l)) {
            if (w & (1u << l))
                lint_counts_[l]++;
            else
                lint_counts_[l]--;
        }
    t.warnings = w;
    keys_.set_warns(row, w);
}

void TaskTable::relint(Nanos now, const LintConfig& lints) {
    // Only never-yielded reads the clock, and only a running task in its
    // first poll can have it; every other task's lints still hold.
    if (!lints.on(Lint::NeverYielded)) return;
    const uint8_t running = static_cast<uint8_t>(TaskState::Running);
    for (uint32_t i = 0; i < keys_.size(); i++)
        if (keys_.state[i] == running && keys_.polls[i] <= 1)
            set_warnings(i, check_lints(rows_[i], now, lints));
}

void TaskTable::relint_all(Nanos now, const LintConfig& lints) {
    for (uint32_t i = 0; i < rows_.size(); i++) set_warnings(i, check_lints(rows_[i], now, lints));
}

bool TaskTable::set_long_poll(uint64_t span_id, uint32_t p99_us, Nanos now, const LintConfig& lints) {
    const uint32_t* row = index_.find(span_id);
    if (!row) return false;
    rows_[*row].long_poll_p99_us = p99_us;
    set_warnings(*row, check_lints(rows_[*row], now, lints));
    return true;
}

void TaskTable::retain(Nanos now, std::optional<Nanos> retain_for, std::vector<uint64_t>* removed) {
    if (!retain_for || !state_counts_[static_cast<int>(TaskState::Done)]) return;
    // The scan reads one small array; only the rows that go are touched.
    uint32_t i = 0;
    while (i < keys_.size()) {
        Nanos dropped = keys_.dropped[i];
        if (dropped && since(now, dropped) >= *retain_for) {
            if (removed) removed->push_back(rows_[i].span_id);
            remove(i);
        } else {
            i++;
        }
    }
}

void TaskTable::remove(uint32_t i) {
    const Task& t = rows_[i];
    state_counts_[keys_.state[i]]--;
    for (int l = 0; l < kLintCount; l++)
        if (t.warnings & (1u << l)) lint_counts_[l]--;
    index_.erase(t.span_id);
    uint32_t last = static_cast<uint32_t>(rows_.size() - 1);
    if (i != last) {
        rows_[i] = std::move(rows_[last]);
        keys_.move(last, i);
        index_.set(rows_[i].span_id, i);
    }
    rows_.pop_back();
    keys_.pop_back();
}

void TaskTable::clear() {
    rows_.clear();
    index_.clear();
    next_seq_ = 1;
    dropped_events_ = 0;
    last_polls_ = last_wakes_ = 0;
    keys_.clear();
    by_row_ = {};
    state_counts_ = {};
    lint_counts_ = {};
}

}  // namespace model
