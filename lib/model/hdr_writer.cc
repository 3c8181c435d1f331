// HdrHistogram V2 encoding; see hdr_writer.h.
#include "model/hdr_writer.h"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace model {

namespace {

constexpr uint32_t kV2Cookie = 0x1c849313;
constexpr uint64_t kMaxCount = uint64_t(std::numeric_limits<int64_t>::max());

HdrLayout checked_layout(uint64_t lowest, uint64_t highest, int sigfigs) {
    std::string why = sigfigs < 0 ? "significant figures " + std::to_string(sigfigs) + " not in 0..5"
                                  : HdrLayout::check(lowest, highest, uint32_t(sigfigs));
    if (!why.empty()) throw std::invalid_argument(why);
    return HdrLayout(lowest, highest, uint32_t(sigfigs));
}

void put_be32(std::string& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(char((v >> shift) & 0xff));
}

void put_be64(std::string& out, uint64_t v) {
    put_be32(out, uint32_t(v >> 32));
    put_be32(out, uint32_t(v));
}

// ZigZag, then LEB128 of at most nine bytes (the ninth holds eight bits).
void put_varint(std::string& out, int64_t n) {
    uint64_t v = (uint64_t(n) << 1) ^ uint64_t(n >> 63);
    for (int i = 0; i < 8; i++) {
        if (v < 0x80) {
            out.push_back(char(v));
            return;
        }
        out.push_back(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}

}  // namespace

HdrWriter::HdrWriter(uint64_t lowest, uint64_t highest, int sigfigs)
    : layout_(checked_layout(lowest, highest, sigfigs)) {}

HdrWriter::HdrWriter(const HdrHistogram& h) : layout_(h.layout()) {
    for (const HdrHistogram::Slot& s : h.slots()) {
        uint64_t count = s.count > kMaxCount ? kMaxCount : s.count;
        counts_[s.index] = count;
        total_ += count;
    }
}

bool HdrWriter::record(uint64_t value, uint64_t count) {
    size_t index = layout_.index_for(value);
    if (index >= layout_.length()) return false;
    if (count == 0) return true;
    auto it = counts_.find(index);
    uint64_t have = it == counts_.end() ? 0 : it->second;
    if (count > kMaxCount - have || count > std::numeric_limits<uint64_t>::max() - total_) return false;
    counts_[index] = have + count;
    total_ += count;
    return true;
}

HdrHistogram HdrWriter::histogram() const {
    HdrHistogram h(layout_);
    for (const auto& [index, count] : counts_) h.append(index, count);
    return h;
}

std::string HdrWriter::encode() const {
    std::string payload;
    size_t next = 0;  // first index not yet written
    for (const auto& [index, count] : counts_) {
        size_t zeros = index - next;
        if (zeros == 1)
            put_varint(payload, 0);
        else if (zeros > 1)
            put_varint(payload, -int64_t(zeros));
        put_varint(payload, int64_t(count));
        next = index + 1;
    }
    if (counts_.empty()) put_varint(payload, 0);  // the one bucket of value 0

    double ratio = 1.0;
    uint64_t ratio_bits;
    std::memcpy(&ratio_bits, &ratio, sizeof ratio_bits);

    std::string out;
    out.reserve(40 + payload.size());
    put_be32(out, kV2Cookie);
    put_be32(out, uint32_t(payload.size()));
    put_be32(out, 0);  // normalizing index offset
    put_be32(out, layout_.sigfigs());
    put_be64(out, layout_.lowest());
    put_be64(out, layout_.highest());
    put_be64(out, ratio_bits);
    out += payload;
    return out;
}

}  // namespace model
