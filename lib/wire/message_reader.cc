// MessageReader: gRPC length-prefixed message reassembly.
#include "wire/message_reader.h"

#include <algorithm>

namespace wire {

namespace {
// Growth of the gather buffer is capped ahead of the data so that a hostile
// length prefix cannot make us reserve memory the peer never sends; past
// this much data, the rest of the message is reserved at once.  32 MiB:
// glibc maps a block this large on its own whatever its threshold has
// grown to, and unmaps it when freed; a smaller first block came from the
// heap and, once the message outgrew it, stayed there, 16 MB resident
// beside every large update.
constexpr uint64_t kReserveAhead = 32u << 20;
}  // namespace

bool MessageReader::feed(const uint8_t* data, size_t len, const Sink& sink) {
    if (error_ != Error::None) return false;
    while (len > 0) {
        if (!in_body_) {
            // Fast path: a whole message in place, nothing buffered.
            if (header_len_ == 0 && len >= 5) {
                uint64_t n = (uint64_t(data[1]) << 24) | (uint64_t(data[2]) << 16) | (uint64_t(data[3]) << 8) |
                             uint64_t(data[4]);
                if (data[0] == 0 && n <= max_ && len - 5 >= n) {
                    messages_++;
                    std::string m(reinterpret_cast<const char*>(data) + 5, n);
                    sink.on_message(m);
                    data += 5 + n;
                    len -= 5 + n;
                    continue;
                }
            }
            size_t take = std::min(len, 5 - header_len_);
            std::copy(data, data + take, header_ + header_len_);
            header_len_ += take;
            data += take;
            len -= take;
            if (header_len_ < 5) break;
            if (header_[0] == 1) {
                error_ = Error::Compressed;
                return false;
            }
            if (header_[0] != 0) {
                error_ = Error::BadFlag;
                return false;
            }
            want_ = (uint64_t(header_[1]) << 24) | (uint64_t(header_[2]) << 16) | (uint64_t(header_[3]) << 8) |
                    uint64_t(header_[4]);
            have_ = 0;
            header_len_ = 0;
            in_body_ = true;
            skipping_ = want_ > max_;
            buf_.clear();
            if (skipping_) {
                if (sink.on_oversize) sink.on_oversize(want_);
            } else {
                buf_.reserve(std::min(want_, kReserveAhead));
            }
        }
        // In a body.
        uint64_t take = std::min<uint64_t>(len, want_ - have_);
        if (!skipping_) {
            if (buf_.capacity() < have_ + take) {
                uint64_t grown =
                    have_ + take > kReserveAhead ? want_ : std::max<uint64_t>(buf_.capacity() * 2, have_ + take);
                buf_.reserve(std::min(want_, grown));
            }
            buf_.append(reinterpret_cast<const char*>(data), take);
        }
        have_ += take;
        data += take;
        len -= take;
        if (have_ == want_) {
            in_body_ = false;
            if (!skipping_) {
                messages_++;
                sink.on_message(buf_);
            }
            skipping_ = false;
            std::string().swap(buf_);
        }
    }
    return true;
}

std::string frame_message(std::string_view message) {
    std::string out;
    out.reserve(5 + message.size());
    uint32_t n = static_cast<uint32_t>(message.size());
    out.push_back(0);
    out.push_back(static_cast<char>(n >> 24));
    out.push_back(static_cast<char>(n >> 16));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n));
    out.append(message);
    return out;
}

}  // namespace wire
