#include "proto/update_reader.h"

#include <algorithm>
#include <climits>
#include <new>
#include <mutex>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "proto/time_values.h"

namespace tokio_console::view {

namespace {

using google::protobuf::Arena;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;
using rs::tokio::console::common::RegisterMetadata;

// A piece ends after this many fields or bytes, whichever comes first: a
// few thousand stats entries, a megabyte or so once parsed.
constexpr int kPieceFields = 2048;
constexpr int kPieceBytes = 128 << 10;
constexpr size_t kScratchBytes = size_t{1} << 20;
// An encoder writes each sub-message of an Update once (encodings of an
// Update may also be concatenated); a message that repeats them past this
// is refused, so that the plan of a hostile one stays a few tens of MB.
constexpr size_t kMaxSpans = 1 << 20;

google::protobuf::ArenaOptions scratch_options(char* block) {
    google::protobuf::ArenaOptions o;
    o.initial_block = block;
    o.initial_block_size = kScratchBytes;
    return o;
}

// The blocks of the pieces' arenas, a few kept for the next pieces.  A
// piece is parsed on one thread and freed on another; memory fresh from
// the system costs a page fault for each 4 KiB the parse touches, which
// doubled its time, and glibc gives back the top of its heap as soon as
// it can.  A piece takes a few blocks: the few kept are a handful of
// pieces in flight, and past that blocks go back at once.
constexpr size_t kPieceBlock = 256 << 10;
constexpr size_t kKeptBlocks = 16;

struct BlockPool {
    std::mutex mu;
    std::vector<void*> kept;
};

BlockPool& block_pool() {
    static BlockPool* pool = new BlockPool;  // never destroyed: other threads may free blocks at exit
    return *pool;
}

void* piece_block_alloc(size_t n) {
    if (n == kPieceBlock) {
        BlockPool& pool = block_pool();
        std::lock_guard<std::mutex> lock(pool.mu);
        if (!pool.kept.empty()) {
            void* p = pool.kept.back();
            pool.kept.pop_back();
            return p;
        }
    }
    return ::operator new(n);  // throws when out of memory, as protobuf's own allocation does
}

void piece_block_dealloc(void* p, size_t n) {
    if (n == kPieceBlock) {
        BlockPool& pool = block_pool();
        std::lock_guard<std::mutex> lock(pool.mu);
        if (pool.kept.size() < kKeptBlocks) {
            pool.kept.push_back(p);
            return;
        }
    }
    ::operator delete(p);
}

// The messages runs of stats are parsed into, kept from one update to
// the next: each update has a reader of its own, and a new one would
// allocate the ten messages of each entry of its first run again, then
// free them after its last (a tenth of the parse of 20 k tasks).  Two
// are kept: a connection's, and one more for the next update of a
// target, or another target's.
constexpr size_t kKeptRunViews = 2;

struct RunViewPool {
    std::mutex mu;
    std::vector<std::unique_ptr<TaskStatsRunView>> kept;
};

RunViewPool& run_view_pool() {
    static RunViewPool* pool = new RunViewPool;  // never destroyed, as block_pool()
    return *pool;
}

std::unique_ptr<TaskStatsRunView> take_run_view() {
    RunViewPool& pool = run_view_pool();
    std::lock_guard<std::mutex> lock(pool.mu);
    if (pool.kept.empty()) return std::make_unique<TaskStatsRunView>();
    std::unique_ptr<TaskStatsRunView> v = std::move(pool.kept.back());
    pool.kept.pop_back();
    return v;
}

void keep_run_view(std::unique_ptr<TaskStatsRunView> v) {
    RunViewPool& pool = run_view_pool();
    std::lock_guard<std::mutex> lock(pool.mu);
    if (pool.kept.size() < kKeptRunViews) pool.kept.push_back(std::move(v));
}

google::protobuf::ArenaOptions piece_options() {
    google::protobuf::ArenaOptions o;
    o.start_block_size = kPieceBlock;
    o.max_block_size = kPieceBlock;
    o.block_alloc = piece_block_alloc;
    o.block_dealloc = piece_block_dealloc;
    return o;
}

const uint8_t* bytes_of(const char* p) {
    return reinterpret_cast<const uint8_t*>(p);
}

// Reads one tag; false at the end of the input (`end` set) or on a tag
// no encoder writes.
bool next_tag(CodedInputStream& in, uint32_t& tag, bool& end) {
    end = in.ExpectAtEnd();
    if (end) return false;
    tag = in.ReadTag();
    return tag != 0 && WireFormatLite::GetTagFieldNumber(tag) != 0;
}

template <typename M>
bool merge_spans(M* m, const auto& spans) {
    for (const auto& s : spans) {
        CodedInputStream in(bytes_of(s.p), s.n);
        if (!m->MergeFromCodedStream(&in)) return false;
    }
    return true;
}

template <typename M>
bool parse_piece(Arena& arena, const char* p, int n, UpdatePiece& out) {
    M* m = Arena::CreateMessage<M>(&arena);
    out = m;
    return m->ParseFromArray(p, n);
}

}  // namespace

ParsedPiece::ParsedPiece() : arena_(piece_options()) {}

void release_kept_parse_memory() {
    {
        BlockPool& pool = block_pool();
        std::lock_guard<std::mutex> lock(pool.mu);
        for (void* p : pool.kept) ::operator delete(p);
        pool.kept.clear();
    }
    std::vector<std::unique_ptr<TaskStatsRunView>> views;
    {
        RunViewPool& pool = run_view_pool();
        std::lock_guard<std::mutex> lock(pool.mu);
        views.swap(pool.kept);
    }
    // Freed here, outside the lock: some forty thousand small frees.
}

void UpdateReader::visit(const UpdatePiece& piece, Visitor& v) {
    std::visit(
        [&](auto* m) {
            using M = std::remove_const_t<std::remove_pointer_t<decltype(m)>>;
            if constexpr (std::is_same_v<M, google::protobuf::Timestamp>)
                v.now(*m);
            else if constexpr (std::is_same_v<M, RegisterMetadata>)
                v.metadata(*m);
            else if constexpr (std::is_same_v<M, TaskUpdate>)
                v.tasks(*m);
            else if constexpr (std::is_same_v<M, TaskStatsRun>)
                v.task_stats(*m);
            else if constexpr (std::is_same_v<M, ResourceUpdate>)
                v.resources(*m);
            else
                v.async_ops(*m);
        },
        piece);
}

UpdateReader::UpdateReader() = default;

UpdateReader::~UpdateReader() {
    if (stats_run_) keep_run_view(std::move(stats_run_));
}

// The pieces of one sub-update's spans: runs of whole fields.  A
// TaskUpdate's stats_update entries go in runs of their own, read out as
// values (read_task_stats).
bool UpdateReader::plan_pieces(int field) {
    for (const Span& s : spans_[field]) {
        if (s.n == 0) parts_.push_back({field, s, false, nullptr});
        CodedInputStream in(bytes_of(s.p), s.n);
        int start = 0, fields = 0, pos = 0;
        bool stats = false;
        uint32_t tag = 0;
        bool end = false;
        while (next_tag(in, tag, end)) {
            bool is_stats = field == 2 && WireFormatLite::GetTagFieldNumber(tag) == 3;
            if (field == 2 && WireFormatLite::GetTagFieldNumber(tag) == 1) new_tasks_++;
            if (fields > 0 && is_stats != stats) {
                parts_.push_back({field, {s.p + start, pos - start}, stats, nullptr});
                start = pos;
                fields = 0;
            }
            stats = is_stats;
            if (!WireFormatLite::SkipField(&in, tag)) return false;
            pos = in.CurrentPosition();
            if (++fields >= kPieceFields || pos - start >= kPieceBytes) {
                parts_.push_back({field, {s.p + start, pos - start}, stats, nullptr});
                start = pos;
                fields = 0;
            }
        }
        if (!end) return false;
        if (pos > start) parts_.push_back({field, {s.p + start, pos - start}, stats, nullptr});
    }
    return true;
}

bool UpdateReader::start(std::string_view bytes) {
    for (auto& s : spans_) s.clear();
    parts_.clear();
    next_part_ = 0;
    new_tasks_ = 0;
    end_ = nullptr;
    if (bytes.size() > INT_MAX) return false;
    // The Update's own fields: where each sub-message lies.
    CodedInputStream in(bytes_of(bytes.data()), static_cast<int>(bytes.size()));
    uint32_t tag = 0;
    bool end = false;
    size_t spans = 0;
    while (next_tag(in, tag, end)) {
        int field = WireFormatLite::GetTagFieldNumber(tag);
        if (field >= 1 && field <= 5 &&
            WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            uint32_t n = 0;
            if (!in.ReadVarint32(&n) || n > INT_MAX || ++spans > kMaxSpans) return false;
            int at = in.CurrentPosition();
            if (!in.Skip(static_cast<int>(n))) return false;
            spans_[field].push_back({bytes.data() + at, static_cast<int>(n)});
        } else if (!WireFormatLite::SkipField(&in, tag)) {
            return false;
        }
    }
    if (!end) return false;
    // The order the console applies them in (see Visitor).
    if (!spans_[1].empty()) parts_.push_back({1, spans_[1].front(), false, nullptr});
    if (!spans_[5].empty()) parts_.push_back({5, spans_[5].front(), false, nullptr});
    if (!plan_pieces(2) || !plan_pieces(3) || !plan_pieces(4)) return false;
    end_ = bytes.data() + bytes.size();
    const char* low = end_;
    for (size_t i = parts_.size(); i-- > 0;) {
        low = std::min(low, parts_[i].span.p);
        parts_[i].needed_from = low;
    }
    return true;
}

const char* UpdateReader::still_needed() const {
    return next_part_ < parts_.size() ? parts_[next_part_].needed_from : end_;
}

UpdateReader::Step UpdateReader::next(Arena& arena, UpdatePiece& out) {
    if (next_part_ >= parts_.size()) return Step::End;
    const Part& part = parts_[next_part_++];
    const char* p = part.span.p;
    int n = part.span.n;
    bool ok = false;
    switch (part.field) {
    case 1: {
        auto* now = Arena::CreateMessage<google::protobuf::Timestamp>(&arena);
        ok = merge_spans(now, spans_[1]);
        out = now;
        break;
    }
    case 5: {
        auto* meta = Arena::CreateMessage<RegisterMetadata>(&arena);
        ok = merge_spans(meta, spans_[5]);
        out = meta;
        break;
    }
    case 2: ok = part.stats ? read_task_stats(part, arena, out) : parse_piece<TaskUpdate>(arena, p, n, out); break;
    case 3: ok = parse_piece<ResourceUpdate>(arena, p, n, out); break;
    default: ok = parse_piece<AsyncOpUpdate>(arena, p, n, out); break;
    }
    if (ok) return Step::Piece;
    next_part_ = parts_.size();
    return Step::Bad;
}

// Parses the run into a message of the reader's own and hands out only
// the values, in `arena`: the messages, four times their size, never
// leave this thread's cache, and parsing into them again allocates
// nothing (TaskStatsRunView).
bool UpdateReader::read_task_stats(const Part& part, Arena& arena, UpdatePiece& out) {
    if (!stats_run_) stats_run_ = take_run_view();
    auto* run = Arena::Create<TaskStatsRun>(&arena);
    out = run;
    TaskStatsRunView& m = *stats_run_;
    bool ok = m.ParseFromArray(part.span.p, part.span.n);
    if (ok) {
        const auto& entries = m.stats_update();
        auto* values = Arena::CreateArray<TaskStatsValues>(&arena, static_cast<size_t>(entries.size()));
        for (int i = 0; i < entries.size(); i++) values[i] = task_stats_values(entries[i].key(), entries[i].value());
        run->values = values;
        run->size = static_cast<size_t>(entries.size());
    }
    return ok;
}

namespace {

// Stats and StatsView alike: the same fields.
template <typename Stats>
TaskStatsValues stats_values(uint64_t span_id, const Stats& s) {
    auto at = [](bool has, const auto& t) { return has ? proto_time::to_nanos(t) : 0; };
    const auto& ps = s.poll_stats();
    TaskStatsValues v;
    v.span_id = span_id;
    v.created_at = at(s.has_created_at(), s.created_at());
    v.dropped_at = at(s.has_dropped_at(), s.dropped_at());
    v.last_wake = at(s.has_last_wake(), s.last_wake());
    v.first_poll = at(ps.has_first_poll(), ps.first_poll());
    v.last_poll_started = at(ps.has_last_poll_started(), ps.last_poll_started());
    v.last_poll_ended = at(ps.has_last_poll_ended(), ps.last_poll_ended());
    v.busy = at(ps.has_busy_time(), ps.busy_time());
    v.scheduled = at(s.has_scheduled_time(), s.scheduled_time());
    v.polls = ps.polls();
    v.wakes = s.wakes();
    v.waker_clones = s.waker_clones();
    v.waker_drops = s.waker_drops();
    v.self_wakes = s.self_wakes();
    return v;
}

}  // namespace

TaskStatsValues task_stats_values(uint64_t span_id, const rs::tokio::console::tasks::Stats& s) {
    return stats_values(span_id, s);
}

TaskStatsValues task_stats_values(uint64_t span_id, const StatsView& s) {
    return stats_values(span_id, s);
}

bool UpdateReader::read(std::string_view bytes, Visitor& v) {
    if (!arena_) {
        scratch_.reset(new char[kScratchBytes]);
        arena_.emplace(scratch_options(scratch_.get()));
    }
    bool ok = start(bytes);
    if (ok) v.new_tasks(new_tasks_);
    UpdatePiece piece;
    Step step = Step::End;
    while (ok && (step = next(*arena_, piece)) == Step::Piece) {
        visit(piece, v);
        arena_->Reset();
    }
    arena_->Reset();
    for (auto& s : spans_) s.clear();
    parts_.clear();
    return ok && step == Step::End;
}

}  // namespace tokio_console::view
