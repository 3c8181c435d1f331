// Reads an encoded Update (instrument.proto, read as update_view.proto) a
// piece at a time, so that decoding it costs memory in proportion to one
// piece, not to the message.  A full update of a million tasks is some
// 100 MB on the wire and five times that parsed whole; read so, it is a
// few thousand entries at a time.
//
// protobuf does every bit of the reading.  The framing of the Update and
// of its three sub-updates is walked with io::CodedInputStream (ReadTag,
// WireFormatLite::SkipField); a piece is a run of whole fields of one
// sub-update (TaskUpdate, say), and a run of fields of a message is itself
// a valid encoding of that message, whose fields merge as protobuf's do.
// Each piece is parsed by the generated message.  A run of a TaskUpdate's
// stats_update entries, most of a large update, is parsed into a message
// of the reader's own, kept and parsed into again (TaskStatsRunView), and
// read out into plain values (TaskStatsValues): a quarter of the memory
// to hand over, in one array.
//
// Two ways to use it.  read() parses and visits every piece in one go,
// in an arena of the reader's own used over and over (a recording, a
// test).  start() then next() hand the pieces out one at a time, each in
// an arena the caller gives, so that one thread can parse while another
// applies: the live connection parses on its network thread and hands
// each piece to the console's loop in a ParsedPiece.
//
// It sits here, beside the protocol's messages, because both layers above
// use it and neither may know the other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include <google/protobuf/arena.h>

#include "tasks.pb.h"
#include "update_view.pb.h"

namespace tokio_console::view {

// A task's stats snapshot, read out of its Stats message into plain
// values: times in nanoseconds (proto/time_values.h), 0 where the message
// has none.  A full update is mostly these, and parsed they are a
// quarter the size of the messages and in one array.
struct TaskStatsValues {
    uint64_t span_id;
    int64_t created_at, dropped_at, last_wake, first_poll, last_poll_started, last_poll_ended;
    int64_t busy, scheduled;
    uint64_t polls, wakes, waker_clones, waker_drops, self_wakes;
};
TaskStatsValues task_stats_values(uint64_t span_id, const rs::tokio::console::tasks::Stats& stats);
TaskStatsValues task_stats_values(uint64_t span_id, const StatsView& stats);

// A run of a TaskUpdate's stats_update entries, in wire order.
struct TaskStatsRun {
    const TaskStatsValues* values = nullptr;
    size_t size = 0;
};

// One piece: the clock, the new metadata, a run of one sub-update's
// fields, or a run of task stats.  It points into the arena it was parsed
// in.
using UpdatePiece =
    std::variant<const google::protobuf::Timestamp*, const rs::tokio::console::common::RegisterMetadata*,
                 const TaskUpdate*, const TaskStatsRun*, const ResourceUpdate*, const AsyncOpUpdate*>;

// A piece with the arena that holds it, to hand to another thread.
class ParsedPiece {
public:
    ParsedPiece();
    ParsedPiece(const ParsedPiece&) = delete;
    ParsedPiece& operator=(const ParsedPiece&) = delete;

    google::protobuf::Arena& arena() { return arena_; }
    size_t bytes() const { return static_cast<size_t>(arena_.SpaceAllocated()); }

    UpdatePiece piece;
    // The first piece of an update only: the new tasks the whole update
    // announces (UpdateReader::new_tasks).
    size_t update_new_tasks = 0;

private:
    google::protobuf::Arena arena_;
};

// Reading keeps memory for the next update: a few freed blocks of the
// pieces' arenas (at most 4 MiB) and the messages a run of stats is
// parsed into (about 1.3 MiB each, two at most).  This gives it back.
void release_kept_parse_memory();

class UpdateReader {
public:
    // What read() hands out, in the order the console applies it: the
    // clock and the metadata before the tasks that name them, resources
    // before the async ops that name them.  A sub-update present in the
    // message is visited at least once (an empty piece when it is empty);
    // a later piece's fields come later on the wire.
    struct Visitor {
        virtual ~Visitor() = default;
        // First, before any piece: how many new tasks the whole update
        // announces, so that room for them is made once.
        virtual void new_tasks(size_t) {}
        virtual void now(const google::protobuf::Timestamp&) {}
        virtual void metadata(const rs::tokio::console::common::RegisterMetadata&) {}
        virtual void tasks(const TaskUpdate&) {}  // the fields but stats_update
        virtual void task_stats(const TaskStatsRun&) {}
        virtual void resources(const ResourceUpdate&) {}
        virtual void async_ops(const AsyncOpUpdate&) {}
    };
    static void visit(const UpdatePiece& piece, Visitor& v);

    UpdateReader();
    ~UpdateReader();
    UpdateReader(const UpdateReader&) = delete;
    UpdateReader& operator=(const UpdateReader&) = delete;

    // False when `bytes` are not a valid Update: nothing has been visited
    // when the framing is at fault, the pieces before it when a piece
    // does not parse.  Throws std::bad_alloc (a piece is
    // small, so that means the machine is out of memory).
    bool read(std::string_view bytes, Visitor& v);

    // Walks the framing of `bytes`, which must outlive the reading: false
    // when it is not that of an Update.  Nothing is parsed yet.
    bool start(std::string_view bytes);
    enum class Step { Piece, End, Bad };
    // Parses the next piece into `arena`: Bad when it does not parse (the
    // reading is over then), End when there are no more.
    Step next(google::protobuf::Arena& arena, UpdatePiece& out);
    size_t pieces_left() const { return parts_.size() - next_part_; }
    // The new tasks the update announces (TaskUpdate's new_tasks entries).
    size_t new_tasks() const { return new_tasks_; }
    // The lowest byte the pieces still to come will read: the reading is
    // done with everything before it (pieces come in the order of the
    // wire, but for the clock and metadata, which come first).
    const char* still_needed() const;

private:
    struct Span {
        const char* p;
        int n;
    };
    struct Part {
        int field;  // of the Update: 1 (now) and 5 (metadata) merge all their spans
        Span span;
        bool stats;               // a run of TaskUpdate's stats_update entries, read out as values
        const char* needed_from;  // the lowest byte this part and the ones after it read
    };
    bool plan_pieces(int field);
    bool read_task_stats(const Part& part, google::protobuf::Arena& arena, UpdatePiece& out);

    std::vector<Span> spans_[6];  // by field number of the Update
    std::vector<Part> parts_;     // the pieces to come, in order
    const char* end_ = nullptr;   // of the bytes
    size_t next_part_ = 0;
    size_t new_tasks_ = 0;
    std::unique_ptr<char[]> scratch_;  // read()'s arena's first block, kept
    std::optional<google::protobuf::Arena> arena_;
    // Where a run of stats is parsed before it is read out: the same
    // messages over and over, warm in the cache, and from one update to
    // the next (a reader reads one update; see release_kept_parse_memory).
    std::unique_ptr<TaskStatsRunView> stats_run_;
};

}  // namespace tokio_console::view
