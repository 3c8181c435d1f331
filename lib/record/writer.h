// Writes a recording from a thread of its own.  The owner hands frames to
// write() and keyframe(), which only copy them into a bounded queue and
// never wait for the disk.  When the disk cannot keep up (the queue is
// full) or a write fails (a full disk), recording stops: stop_reason()
// says why in one line, later frames are refused, and what was written
// stays readable up to its last complete block.
//
//   std::string err;
//   auto w = record::Writer::start(opts, err);   // nullptr: err says why
//   w->write(record::Kind::Update, now_ns, raw_update_bytes);
//   if (w->keyframe_due(now_ns)) w->keyframe(now_ns, full_update_bytes);
//   if (auto why = w->stop_reason()) show(*why);
//   w->finish();
//
// Several applications in one file (version 2): name them in
// WriterOptions::apps and give each record its application's name; the
// writer puts an App record before a record whose application is not the
// one the block last named.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "record/format.h"

namespace record {

// An application's name, shared by its records while they wait; null for
// the one unnamed application of a version 1 file.
using AppName = std::shared_ptr<const std::string>;

struct WriterOptions {
    std::string path;
    std::string target;
    std::string console_version;
    // The applications recorded, as the recording starts; not empty: a
    // version 2 file of named applications.
    std::vector<std::string> apps;
    int64_t start_unix_ns = 0;          // 0: the wall clock at start()
    int64_t start_local_ns = 0;         // the owner's clock at the start; arrival 0
    size_t queue_limit = 64u << 20;     // bytes waiting for the disk before it stops
    size_t block_bytes = 1u << 20;      // a block closes at this raw size...
    uint64_t block_ns = 1'000'000'000;  // ...or when it spans this much arrival time
    uint64_t keyframe_every_ns = 30'000'000'000;
    int level = 3;  // zstd level
    // Called on the writer's thread with each record but keyframes, in
    // order, just before it is written, with its application ("" when
    // unnamed); a keyframe's `make` sees what all the records before it did
    // (session::Recorder keeps its models so).
    std::function<void(Kind, uint64_t at_ns, std::string_view bytes, std::string_view app)> observe;
};

class Writer {
public:
    // Creates (or truncates) the file and starts the thread; nullptr with
    // "cannot create 'path': why" in err.
    static std::unique_ptr<Writer> start(WriterOptions opts, std::string& err);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Queues one record that arrived at `local_ns` on the owner's clock;
    // false when recording has stopped (now or before).
    bool write(Kind kind, int64_t local_ns, std::string_view bytes, AppName app = nullptr);
    // The same without a copy: `owner` keeps `bytes` alive until the
    // thread has written them (and may be the last to let go of them).
    bool write_shared(Kind kind, int64_t local_ns, std::shared_ptr<const void> owner, std::string_view bytes,
                      AppName app = nullptr);
    // Whether the last keyframe is keyframe_every_ns old at `local_ns`.
    bool keyframe_due(int64_t local_ns) const;
    // Queues the whole state as one full Update (serialized); it opens a
    // block of its own so that a reader can start there.
    bool keyframe(int64_t local_ns, std::string_view full_update);
    // The same, with the bytes made by `make` on the writer's thread (a
    // large message serializes there, off the owner's loop); `make` must
    // own what it reads.  size_hint counts against the queue limit.  A
    // `state` (a State message, the pause the keyframe is made in) goes
    // first in the keyframe's block, for a reader that starts there.
    // Several applications' keyframes are one group, queued one after the
    // other: the first opens the block (`first`), the others follow it.
    bool keyframe_made(int64_t local_ns, size_t size_hint, std::function<std::string()> make,
                       std::string_view state = {}, AppName app = nullptr, bool first = true);

    // Why recording stopped early; nullopt while it goes on.
    std::optional<std::string> stop_reason() const;
    // Bytes on disk so far (written by the thread).
    uint64_t bytes_written() const { return written_.load(std::memory_order_relaxed); }
    // Writes what is queued and the end marker, then stops the thread.
    // Returns the stop reason when recording had stopped early.
    std::optional<std::string> finish();

private:
    // A record waiting for the thread: its own bytes, or bytes that
    // `owner` keeps alive (view), or bytes that `make` makes.
    struct Item {
        Kind kind;
        uint64_t at_ns;
        std::string bytes;
        std::shared_ptr<const void> owner;
        std::string_view view;
        std::function<std::string()> make;
        bool opens_block = false;  // a keyframe, or the State that leads it
        AppName app;
        bool seek_point = true;  // a keyframe a reader may start at
    };

    Writer(WriterOptions opts, int fd);
    uint64_t arrival(int64_t local_ns) const;
    void stop(std::string reason);
    void run();
    bool enqueue(Item item, int64_t local_ns, size_t size);
    bool add(Item& item, class BlockBuilder& block, std::string& out);
    bool close_block(class BlockBuilder& block, std::string& out);
    bool close_connection_block(class BlockBuilder& block, std::string& out);
    bool flush(std::string& out);
    bool name_app(const Item& item, class BlockBuilder& block);

    WriterOptions opts_;
    int fd_;
    std::thread thread_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Item> queue_;
    size_t queued_bytes_ = 0;
    bool closing_ = false;
    std::optional<std::string> stop_reason_;
    std::atomic<bool> stopped_{false};
    std::atomic<uint64_t> written_{0};
    uint64_t last_at_ = 0;        // owner side: arrivals never go back
    uint64_t last_keyframe_ = 0;  // owner side
    uint64_t records_ = 0;        // thread side
    std::string block_app_;       // thread side: the application the block last named
};

}  // namespace record
