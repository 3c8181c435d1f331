#include "wire/update_split.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <new>

namespace wire {

using tokio_console::view::ParsedPiece;
using tokio_console::view::UpdateReader;

namespace {

// Messages from this size up are mapped by malloc on their own (its
// largest threshold), so their pages hold nothing of malloc's.
constexpr size_t kGiveBackFrom = size_t{32} << 20;
// Given back in steps this large, not a few pages a piece.
constexpr uintptr_t kGiveBackStep = uintptr_t{4} << 20;

}  // namespace

std::unique_ptr<UpdateSplit> UpdateSplit::start(std::string&& bytes, std::string* why) {
    try {
        std::unique_ptr<UpdateSplit> s(new UpdateSplit(std::make_shared<const std::string>(std::move(bytes))));
        if (s->reader_.start(*s->bytes_)) return s;
        if (why) *why = "invalid protobuf";
    } catch (const std::bad_alloc&) {
        // Keep the connection's owner running.
        if (why) *why = "out of memory";
    }
    return nullptr;
}

bool UpdateSplit::next(event::UpdatePart& out) {
    if (done_) return false;
    out = event::UpdatePart{};
    out.first = first_;
    if (first_) out.bytes = bytes_;
    first_ = false;
    UpdateReader::Step step = UpdateReader::Step::Bad;
    try {
        auto piece = std::make_unique<ParsedPiece>();
        step = reader_.next(piece->arena(), piece->piece);
        if (out.first) piece->update_new_tasks = reader_.new_tasks();
        if (step == UpdateReader::Step::Piece) out.piece = std::move(piece);
    } catch (const std::bad_alloc&) {
    }
    failed_ = step == UpdateReader::Step::Bad;
    done_ = step != UpdateReader::Step::Piece || reader_.pieces_left() == 0;
    out.last = done_;
    out.failed = failed_;
    if (!done_) give_back_read_pages();
    return true;
}

void UpdateSplit::give_back_read_pages() {
    if (bytes_->size() < kGiveBackFrom || bytes_.use_count() != 1) return;
    // Whoever else held the bytes has let them go: what they read
    // happened before.
    std::atomic_thread_fence(std::memory_order_acquire);
    const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    uintptr_t from = reinterpret_cast<uintptr_t>(given_back_ ? given_back_ : bytes_->data());
    from = (from + page - 1) & ~(page - 1);
    uintptr_t to = reinterpret_cast<uintptr_t>(reader_.still_needed()) & ~(page - 1);
    if (to < from + kGiveBackStep) return;
    // The pages read as zeros from now on; nothing reads them again, and
    // free() unmaps them with the rest.
    madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
    given_back_ = reinterpret_cast<const char*>(to);
}

}  // namespace wire
