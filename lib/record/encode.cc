// Encoding of recordings: see format.h for the layout.
#include "record/encode.h"

#include <zstd.h>

#include <algorithm>

namespace record {

namespace {

void skippable(std::string& out, uint32_t magic, const std::string& payload) {
    put_le<uint32_t>(out, magic);
    put_le<uint32_t>(out, static_cast<uint32_t>(payload.size()));
    out += payload;
}

void put_str16(std::string& out, std::string_view s) {
    if (s.size() > 0xffff) s = s.substr(0, 0xffff);
    put_le<uint16_t>(out, static_cast<uint16_t>(s.size()));
    out.append(s);
}

}  // namespace

std::string encode_header(const Header& h) {
    std::string p(kMagic, sizeof kMagic);
    put_le<uint32_t>(p, h.version);
    put_le<int64_t>(p, h.start_unix_ns);
    put_str16(p, h.target.substr(0, 4096));
    put_str16(p, h.console_version.substr(0, 256));
    if (h.version >= kVersionApps) {
        // Names that would not fit the header are left to their App records.
        size_t n = 0, room = kMaxHeader - p.size() - 2;
        for (; n < h.apps.size() && n < 0xffff; n++) {
            size_t need = 2 + std::min(h.apps[n].size(), kMaxAppName);
            if (need > room) break;
            room -= need;
        }
        put_le<uint16_t>(p, static_cast<uint16_t>(n));
        for (size_t i = 0; i < n; i++) put_str16(p, std::string_view(h.apps[i]).substr(0, kMaxAppName));
    }
    std::string out;
    skippable(out, kHeaderFrame, p);
    return out;
}

std::string encode_end(const Ending& e) {
    std::string p;
    put_le<uint64_t>(p, e.records);
    put_le<uint64_t>(p, e.last_ns);
    put_str16(p, std::string_view(e.stop_reason).substr(0, 1024));
    std::string out;
    skippable(out, kEndFrame, p);
    return out;
}

BlockBuilder::BlockBuilder(int level) : cctx_(ZSTD_createCCtx()) {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level);
    // The reader checks each block's checksum and size.
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_contentSizeFlag, 1);
}

BlockBuilder::~BlockBuilder() {
    ZSTD_freeCCtx(cctx_);
}

void BlockBuilder::add(Kind kind, uint64_t at_ns, std::string_view bytes, bool seek_point) {
    if (records_ == 0) first_ns_ = at_ns;
    // A reader can start at a keyframe that only State (and App) records precede.
    if (kind == Kind::Keyframe && only_states_ && seek_point) flags_ |= kBlockKeyframe;
    if (kind != Kind::State && kind != Kind::App) only_states_ = false;
    if (kind == Kind::Connected || kind == Kind::Disconnected)
        flags_ |= kBlockLinks;  // a reader finds the link's ups and downs without reading every block
    last_ns_ = at_ns;
    raw_.push_back(static_cast<char>(kind));
    put_le<uint64_t>(raw_, at_ns);
    put_le<uint32_t>(raw_, static_cast<uint32_t>(bytes.size()));
    raw_.append(bytes);
    ++records_;
}

bool BlockBuilder::finish(std::string& out, std::string& err) {
    if (records_ == 0) return true;
    compressed_.resize(ZSTD_compressBound(raw_.size()));
    size_t z = ZSTD_compress2(cctx_, compressed_.data(), compressed_.size(), raw_.data(), raw_.size());
    if (ZSTD_isError(z)) {
        err = std::string("zstd: ") + ZSTD_getErrorName(z);
        return false;
    }
    std::string head;
    put_le<uint64_t>(head, first_ns_);
    put_le<uint64_t>(head, last_ns_);
    put_le<uint32_t>(head, static_cast<uint32_t>(z));
    put_le<uint32_t>(head, static_cast<uint32_t>(raw_.size()));
    put_le<uint32_t>(head, records_);
    put_le<uint32_t>(head, flags_);
    skippable(out, kBlockFrame, head);
    out.append(compressed_.data(), z);
    raw_.clear();
    records_ = 0;
    flags_ = 0;
    only_states_ = true;
    return true;
}

void BlockBuilder::release() {
    // Swapped, not assigned: assigning an empty string keeps the capacity.
    std::string().swap(raw_);
    std::string().swap(compressed_);
}

}  // namespace record
