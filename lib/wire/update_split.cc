#include "wire/update_split.h"

#include <new>

namespace wire {

using tokio_console::view::ParsedPiece;
using tokio_console::view::UpdateReader;

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
        if (step == UpdateReader::Step::Piece) out.piece = std::move(piece);
    } catch (const std::bad_alloc&) {
    }
    failed_ = step == UpdateReader::Step::Bad;
    done_ = step != UpdateReader::Step::Piece || reader_.pieces_left() == 0;
    out.last = done_;
    out.failed = failed_;
    return true;
}

}  // namespace wire
