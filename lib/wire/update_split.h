// One Update on its way from the connection to the client's owner.  When
// the message arrives its framing is checked (a message that is not an
// Update ends the connection as before); its pieces are then parsed on
// the network thread one at a time, only as the owner takes them, so
// that an update costs its encoded size plus the pieces in flight, not
// the five times its size that a million tasks parsed whole would take,
// and the owner's thread only applies them.  Of a large message, the
// pages already read go back to the system as the parse moves on, once
// nobody else holds the bytes (a recorder may): the first update of a
// million tasks is some 250 MB, which would otherwise stay resident while
// the model grows by 400.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "proto/update_reader.h"

namespace wire {

namespace event {
// A piece of an update.  The first part of each update carries the
// whole message's bytes too (a recorder writes them); the last says
// whether every piece parsed.  An update with nothing in it is one part
// with no piece, first and last.
struct UpdatePart {
    std::shared_ptr<const std::string> bytes;  // first part only
    std::unique_ptr<tokio_console::view::ParsedPiece> piece;
    bool first = false;
    bool last = false;
    bool failed = false;  // last only: a piece did not parse; the rest is lost
};
}  // namespace event

class UpdateSplit {
public:
    // Nullptr when `bytes` are not framed as an Update, or memory ran
    // out; `why` (when given) says which.
    static std::unique_ptr<UpdateSplit> start(std::string&& bytes, std::string* why = nullptr);

    // The next part; false once the last has been handed out.
    bool next(event::UpdatePart& out);
    bool failed() const { return failed_; }
    uint64_t size() const { return bytes_->size(); }

private:
    explicit UpdateSplit(std::shared_ptr<const std::string> bytes) : bytes_(std::move(bytes)) {}
    void give_back_read_pages();

    std::shared_ptr<const std::string> bytes_;
    tokio_console::view::UpdateReader reader_;
    const char* given_back_ = nullptr;  // pages below this are given back
    bool first_ = true;
    bool done_ = false;
    bool failed_ = false;
};

}  // namespace wire
