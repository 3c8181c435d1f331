// Reassembles gRPC length-prefixed messages (1 byte compressed flag, 4
// bytes big-endian length, then the message) from the DATA payloads of one
// stream, whatever way the payloads split or share messages.  A message
// that spans payloads is gathered into a buffer, which its receiver may
// take (move) rather than copy: a large message is never held twice.  The
// buffer grows geometrically up to 16 MiB and then to the announced length
// at once, so that a hostile length prefix reserves no more than the peer
// sends, and a 100 MB message is not copied five times over on its way.
// Nothing is kept between messages.  A message longer than the limit is
// skipped, not buffered, and reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace wire {

class MessageReader {
public:
    enum class Error {
        None,
        Compressed,  // flag byte 1: we asked for identity only
        BadFlag,     // flag byte neither 0 nor 1
    };

    // on_message sees each whole message, and may move it away;
    // on_oversize the length of each message over the limit (its bytes are
    // then skipped).
    struct Sink {
        std::function<void(std::string&)> on_message;
        std::function<void(uint64_t)> on_oversize;
    };

    explicit MessageReader(uint64_t max_message_size) : max_(max_message_size) {}

    // Feeds one payload.  Returns false (and sets error()) on a framing
    // error; nothing more should be fed after that.
    bool feed(const uint8_t* data, size_t len, const Sink& sink);

    Error error() const { return error_; }
    // True when a message (or its prefix) is partly read: at end of stream
    // that means the peer stopped in the middle of a message.
    bool partial() const { return header_len_ > 0 || in_body_; }
    // Bytes of the current message received and expected (after partial()).
    uint64_t partial_have() const { return in_body_ ? have_ : header_len_; }
    uint64_t partial_want() const { return in_body_ ? want_ : 5; }
    uint64_t messages() const { return messages_; }
    uint64_t max_message_size() const { return max_; }

private:
    uint64_t max_;
    uint8_t header_[5] = {};
    size_t header_len_ = 0;
    bool in_body_ = false;
    bool skipping_ = false;
    uint64_t want_ = 0;  // body length of the current message
    uint64_t have_ = 0;  // body bytes received so far
    std::string buf_;    // body bytes when the message spans payloads
    uint64_t messages_ = 0;
    Error error_ = Error::None;
};

// Frames one message for sending: flag 0, length, bytes.
std::string frame_message(std::string_view message);

}  // namespace wire
