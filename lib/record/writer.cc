// The recording writer's queue and thread (see writer.h).
#include "record/writer.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>
#include <fcntl.h>
#include <unistd.h>

#include "record/encode.h"
#include "util/text.h"

namespace record {

namespace {

using Steady = std::chrono::steady_clock;

int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Steady::now().time_since_epoch()).count();
}

// A block is written out at least this often while frames arrive, so that
// a crash loses little.
constexpr auto kIdleFlush = std::chrono::seconds(1);

}  // namespace

std::unique_ptr<Writer> Writer::start(WriterOptions opts, std::string& err) {
    int fd = ::open(opts.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        err = "cannot create '" + opts.path + "': " + std::strerror(errno);
        return nullptr;
    }
    if (opts.start_unix_ns == 0)
        opts.start_unix_ns =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
    if (opts.start_local_ns == 0) opts.start_local_ns = steady_ns();
    std::unique_ptr<Writer> w(new Writer(std::move(opts), fd));
    try {
        w->thread_ = std::thread([p = w.get()] { p->run(); });
    } catch (const std::system_error& e) {
        err = "cannot start a thread to write '" + w->opts_.path + "': " + util::lower_first(e.code().message());
        return nullptr;  // the Writer closes its file
    }
    return w;
}

Writer::Writer(WriterOptions opts, int fd) : opts_(std::move(opts)), fd_(fd) {}

Writer::~Writer() {
    finish();
}

uint64_t Writer::arrival(int64_t local_ns) const {
    uint64_t at = local_ns > opts_.start_local_ns ? static_cast<uint64_t>(local_ns - opts_.start_local_ns) : 0;
    return at > last_at_ ? at : last_at_;
}

bool Writer::write(Kind kind, int64_t local_ns, std::string_view bytes, AppName app) {
    if (stopped_.load(std::memory_order_acquire)) return false;
    Item item{kind, 0, std::string(bytes), nullptr, {}, nullptr, kind == Kind::Keyframe, std::move(app)};
    return enqueue(std::move(item), local_ns, bytes.size());
}

bool Writer::write_shared(Kind kind, int64_t local_ns, std::shared_ptr<const void> owner, std::string_view bytes,
                          AppName app) {
    if (stopped_.load(std::memory_order_acquire)) return false;
    return enqueue(Item{kind, 0, {}, std::move(owner), bytes, nullptr, kind == Kind::Keyframe, std::move(app)},
                   local_ns, bytes.size());
}

bool Writer::enqueue(Item item, int64_t local_ns, size_t size) {
    uint64_t at = arrival(local_ns);
    item.at_ns = at;
    {
        std::lock_guard<std::mutex> lk(mu_);
        if (closing_ || stop_reason_) return false;
        if (queued_bytes_ + size > opts_.queue_limit) {
            stop_reason_ = "recording stopped: the disk cannot keep up (" + util::format_bytes(queued_bytes_) +
                           " waiting) after " + util::format_bytes(bytes_written());
            stopped_.store(true, std::memory_order_release);
            return false;
        }
        queue_.push_back(std::move(item));
        queued_bytes_ += size + kRecordHead;
    }
    last_at_ = at;
    cv_.notify_one();
    return true;
}

bool Writer::keyframe_due(int64_t local_ns) const {
    return arrival(local_ns) - last_keyframe_ >= opts_.keyframe_every_ns;
}

bool Writer::keyframe(int64_t local_ns, std::string_view full_update) {
    last_keyframe_ = arrival(local_ns);
    return write(Kind::Keyframe, local_ns, full_update);
}

bool Writer::keyframe_made(int64_t local_ns, size_t size_hint, std::function<std::string()> make,
                           std::string_view state, AppName app, bool first) {
    last_keyframe_ = arrival(local_ns);
    if (stopped_.load(std::memory_order_acquire)) return false;
    bool lead = !state.empty();
    if (lead &&
        !enqueue(Item{Kind::State, 0, std::string(state), nullptr, {}, nullptr, first, app}, local_ns, state.size()))
        return false;
    return enqueue(Item{Kind::Keyframe, 0, {}, nullptr, {}, std::move(make), first && !lead, std::move(app), first},
                   local_ns, size_hint);
}

std::optional<std::string> Writer::stop_reason() const {
    if (!stopped_.load(std::memory_order_acquire)) return std::nullopt;
    std::lock_guard<std::mutex> lk(mu_);
    return stop_reason_;
}

void Writer::stop(std::string reason) {
    std::lock_guard<std::mutex> lk(mu_);
    if (!stop_reason_) stop_reason_ = std::move(reason);
    stopped_.store(true, std::memory_order_release);
}

std::optional<std::string> Writer::finish() {
    if (thread_.joinable()) {
        {
            std::lock_guard<std::mutex> lk(mu_);
            closing_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    return stop_reason();
}

bool Writer::flush(std::string& out) {
    const char* p = out.data();
    size_t n = out.size();
    while (n > 0) {
        ssize_t r = ::write(fd_, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            if (e == ENOSPC || e == EDQUOT)
                stop("recording stopped: disk full after " + util::format_bytes(bytes_written()));
            else
                stop("recording stopped: cannot write '" + opts_.path + "': " + std::strerror(e) + " after " +
                     util::format_bytes(bytes_written()));
            return false;
        }
        p += r;
        n -= static_cast<size_t>(r);
        written_.fetch_add(static_cast<uint64_t>(r), std::memory_order_relaxed);
    }
    out.clear();
    return true;
}

// Compresses the block and writes it; false when either fails (the
// recording has stopped then, saying why).
bool Writer::close_block(BlockBuilder& block, std::string& out) {
    std::string err;
    if (block.finish(out, err)) return flush(out);
    stop("recording stopped: " + err);
    return false;
}

// A new connection ends the block, and the buffers go back to their
// small size: a large process's keyframes grew them, and the next one
// may be small.
bool Writer::close_connection_block(BlockBuilder& block, std::string& out) {
    if (!close_block(block, out)) return false;
    block.release();
    std::string().swap(out);
    return true;
}

// Adds one record to the block, closing the block first when the record
// starts a keyframe or would not fit, and after it when the block is full.
bool Writer::add(Item& item, BlockBuilder& block, std::string& out) {
    if (item.make) {
        item.bytes = item.make();
        item.make = nullptr;
    }
    std::string_view bytes = item.owner ? item.view : std::string_view(item.bytes);
    std::string_view app = item.app ? std::string_view(*item.app) : std::string_view();
    if (item.kind == Kind::Connected && !close_connection_block(block, out)) return false;
    if (opts_.observe && item.kind != Kind::Keyframe) opts_.observe(item.kind, item.at_ns, bytes, app);
    size_t naming = kRecordHead + app.size();  // an App record, when the block names another
    bool close_first = !block.empty() && (item.opens_block || !block.fits(bytes.size() + naming));
    if (close_first && !close_block(block, out)) return false;
    if (!block.fits(bytes.size() + naming)) {
        stop("recording stopped: a " + std::string(kind_name(item.kind)) + " of " + util::format_bytes(bytes.size()) +
             " is larger than a block may be");
        return false;
    }
    if (name_app(item, block)) ++records_;
    block.add(item.kind, item.at_ns, bytes, item.seek_point);
    ++records_;
    bool full = block.raw_size() >= opts_.block_bytes || block.last_ns() - block.first_ns() >= opts_.block_ns;
    if (full && !close_block(block, out)) return false;
    return true;
}

// Puts an App record before the item when its application is not the
// one the block names now (a new block names none); true when it did.
bool Writer::name_app(const Item& item, BlockBuilder& block) {
    if (block.empty()) block_app_.clear();
    std::string_view app = item.app ? std::string_view(*item.app) : std::string_view();
    if (app == block_app_) return false;
    block.add(Kind::App, item.at_ns, app);
    block_app_ = app;
    return true;
}

void Writer::run() {
    BlockBuilder block(opts_.level);
    Header h;
    h.start_unix_ns = opts_.start_unix_ns;
    h.target = opts_.target;
    h.console_version = opts_.console_version;
    if (!opts_.apps.empty()) {
        h.version = kVersionApps;
        h.apps = opts_.apps;
    }
    std::string out = encode_header(h);
    if (!flush(out)) return;
    Steady::time_point block_since{};
    uint64_t last_ns = 0;
    for (;;) {
        std::deque<Item> batch;
        bool closing;
        {
            std::unique_lock<std::mutex> lk(mu_);
            cv_.wait_for(lk, kIdleFlush, [&] { return !queue_.empty() || closing_; });
            batch.swap(queue_);
            queued_bytes_ = 0;
            closing = closing_;
        }
        for (Item& item : batch) {
            if (block.empty()) block_since = Steady::now();
            if (!add(item, block, out)) return;
            last_ns = item.at_ns;
        }
        bool idle = !block.empty() && Steady::now() - block_since >= kIdleFlush;
        if ((closing || idle) && !close_block(block, out)) return;
        if (closing) {
            Ending e;
            e.records = records_;
            e.last_ns = last_ns;
            if (auto why = stop_reason()) e.stop_reason = *why;
            out = encode_end(e);
            flush(out);
            return;
        }
    }
}

}  // namespace record
