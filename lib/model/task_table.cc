#include "model/task_table.h"

#include <algorithm>
#include <new>

namespace model {

namespace pb = rs::tokio::console::tasks;

namespace {
uint64_t since_count(uint64_t now, uint64_t before) {
    return now > before ? now - before : 0;
}
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

void TaskTable::reserve_new(size_t n) {
    // More than this is not an application's (each announced task takes
    // a few bytes on the wire, so a message could name many more).
    constexpr size_t kMaxHint = size_t{1} << 24;
    if (n == 0 || n > kMaxHint) return;
    size_t need = rows_.size() + n;
    if (need <= rows_.capacity()) return;
    // Never less than doubling: an application announcing a few tasks an
    // update must not have the arrays copied for each.
    size_t want = std::max(need, 2 * rows_.capacity());
    try {
        rows_.reserve(want);
        keys_.reserve(want);
        index_.reserve(need);  // it grows by doubling itself
    } catch (const std::bad_alloc&) {
        // Grown a row at a time, as without the hint.
    }
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

void TaskTable::apply(const tokio_console::view::TaskUpdate& u, const MetadataRegistry& metas, StringPool& strings,
                      Nanos now, const LintConfig& lints) {
    begin_update();
    apply_piece(u, metas, strings, now, lints);
    finish_update(now, lints);
}

void TaskTable::begin_update() {
    last_polls_ = last_wakes_ = 0;
    shown_state_counts_ = state_counts_;
    shown_lint_counts_ = lint_counts_;
    updating_ = true;
    touched_.assign(rows_.size(), 0);
    settled_ = 0;
}

void TaskTable::apply_piece(const tokio_console::view::TaskUpdate& u, const MetadataRegistry& metas,
                            StringPool& strings, Nanos now, const LintConfig& lints) {
    // The index's slot for each new task is a cache miss at a million
    // tasks: asked for a few tasks ahead (a first update's main cost).
    constexpr int kAhead = 8;
    const int n = u.new_tasks_size();
    for (int i = 0; i < kAhead && i < n; i++) index_.prefetch(u.new_tasks(i).id().id());
    for (int i = 0; i < n; i++) {
        if (i + kAhead < n) index_.prefetch(u.new_tasks(i + kAhead).id().id());
        const auto& p = u.new_tasks(i);
        if (!p.has_id()) continue;  // nothing to key it by
        uint32_t row = add(p.id().id());
        fill(rows_[row], p, metas, strings);
        keys_.set(row, rows_[row]);
        set_warnings(row, check_lints(rows_[row], now, lints));
    }
    if (!u.stats_update().empty()) {
        std::vector<tokio_console::view::TaskStatsValues> values;
        values.reserve(static_cast<size_t>(u.stats_update_size()));
        for (const auto& e : u.stats_update())
            values.push_back(tokio_console::view::task_stats_values(e.key(), e.value()));
        apply_stats(values.data(), values.size(), now, lints);
    }
    dropped_events_ += u.dropped_events();
}

bool TaskTable::settle(size_t rows) {
    size_t end = touched_.size() - settled_ > rows ? settled_ + rows : touched_.size();
    for (size_t row = settled_; row < end; row++)
        if (touched_[row]) {
            state_counts_[keys_.state[row]]--;
            keys_.set_stats(row, rows_[row]);
            state_counts_[keys_.state[row]]++;
        }
    settled_ = end;
    return settled_ == touched_.size();
}

bool TaskTable::finish_update(Nanos now, const LintConfig& lints) {
    settle(touched_.size());
    touched_.clear();
    settled_ = 0;
    updating_ = false;
    // The tasks this update did not mention have moved on in time too.
    return relint(now, lints);
}

void TaskTable::apply_stats(const tokio_console::view::TaskStatsValues* v, size_t n, Nanos now,
                            const LintConfig& lints) {
    if (n == 0) return;
    // A full update touches a million rows in an order that has nothing to
    // do with theirs, and memory latency, not arithmetic, is what costs.
    // The snapshots go in chunks that fit the cache; for each chunk, one
    // kind of memory access at a time, as the hardware overlaps best:
    // find the rows in the index (prefetched ahead), then write the
    // snapshots to their rows (prefetched ahead) and check their lints
    // while the row is at hand, so that a row is whole as soon as its
    // piece is applied and a frame drawn part way through an update shows
    // it so.  The sort keys and the counts by state wait for settle(),
    // which walks the rows front to back: a dozen key arrays written in
    // the wire's order took the update twice as long.
    constexpr size_t kChunk = 4096, kAhead = 16;
    chunk_rows_.resize(kChunk);
    for (size_t i = 0; i < kAhead && i < n; i++) index_.prefetch(v[i].span_id);
    for (size_t from = 0; from < n; from += kChunk) {
        const size_t count = std::min(kChunk, n - from);
        for (size_t j = 0; j < count; j++) {
            if (from + j + kAhead < n) index_.prefetch(v[from + j + kAhead].span_id);
            uint64_t key = v[from + j].span_id;
            const uint32_t* row = index_.find(key);
            // Stats may come before (or without) the spawn.
            chunk_rows_[j] = row ? *row : add(key);
        }
        touched_.resize(rows_.size(), 0);
        for (size_t j = 0; j < count; j++) {
            if (j + kAhead < count) {
                const Task& ahead = rows_[chunk_rows_[j + kAhead]];
                __builtin_prefetch(&ahead, 1);  // what the lints read besides the stats
                const char* p = reinterpret_cast<const char*>(&ahead.stats);
                __builtin_prefetch(p, 1);
                __builtin_prefetch(p + 64, 1);
                __builtin_prefetch(p + sizeof(TaskStats) - 1, 1);
            }
            uint32_t row = chunk_rows_[j];
            Task& t = rows_[row];
            const auto& s = v[from + j];
            last_polls_ += since_count(s.polls, t.stats.polls);
            last_wakes_ += since_count(s.wakes, t.stats.wakes);
            t.stats.assign(s);
            t.has_stats = true;
            set_warnings(row, check_lints(t, now, lints));
            touched_[row] = 1;
        }
    }
}

bool TaskTable::set_warnings(uint32_t row, uint16_t w) {
    Task& t = rows_[row];
    uint16_t changed = t.warnings ^ w;
    if (!changed) return false;
    for (int l = 0; l < kLintCount; l++)
        if (changed & (1u << l)) {
            if (w & (1u << l))
                lint_counts_[l]++;
            else
                lint_counts_[l]--;
        }
    t.warnings = w;
    keys_.set_warns(row, w);
    return true;
}

bool TaskTable::relint(Nanos now, const LintConfig& lints) {
    // Only never-yielded reads the clock, and only a running task in its
    // first poll can have it; every other task's lints still hold.
    if (!lints.on(Lint::NeverYielded)) return false;
    const uint8_t running = static_cast<uint8_t>(TaskState::Running);
    bool changed = false;
    for (uint32_t i = 0; i < keys_.size(); i++)
        if (keys_.state[i] == running && keys_.polls[i] <= 1)
            changed |= set_warnings(i, check_lints(rows_[i], now, lints));
    return changed;
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

}  // namespace model
