// Reading recordings: the header, the block index, one block at a time.
#include "record/reader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <zstd.h>

#include "util/duration.h"

namespace record {

namespace {

std::string hex4(const unsigned char* b) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02x %02x %02x %02x", b[0], b[1], b[2], b[3]);
    return buf;
}

// Reads a u16-prefixed string from p[*pos, end); false when it overruns.
bool get_str16(const std::string& p, size_t& pos, std::string& out) {
    if (p.size() - pos < 2) return false;
    size_t n = get_le<uint16_t>(p.data() + pos);
    pos += 2;
    if (p.size() - pos < n) return false;
    out.assign(p, pos, n);
    pos += n;
    return true;
}

}  // namespace

Reader::Reader() : dctx_(ZSTD_createDCtx()) {}

Reader::~Reader() {
    ZSTD_freeDCtx(dctx_);
}

std::string Reader::at(uint64_t off) const {
    return "'" + name_ + "': offset " + std::to_string(off) + ": ";
}

bool Reader::open(std::unique_ptr<Input> in, const std::string& name, std::string& err) {
    if (!in) return false;
    in_ = std::move(in);
    name_ = name;
    blocks_.clear();
    warning_.clear();
    ended_ = false;
    if (!read_header(err)) return false;
    scan();
    seek_block(0);
    return true;
}

bool Reader::read_header(std::string& err) {
    unsigned char head[kFrameHead + sizeof kMagic];
    if (!in_->read(0, head, sizeof head) || get_le<uint32_t>(head) != kHeaderFrame ||
        std::memcmp(head + kFrameHead, kMagic, sizeof kMagic) != 0) {
        err = "'" + name_ + "' is not a tokio-console recording (no TCRECORD header at offset 0)";
        return false;
    }
    uint32_t size = get_le<uint32_t>(head + 4);
    if (size < sizeof kMagic + 4 + 8 + 2 + 2 || size > kMaxHeader) {
        err = at(4) + "damaged header: it claims " + std::to_string(size) + " bytes";
        return false;
    }
    std::string p(size, '\0');
    if (!in_->read(kFrameHead, p.data(), size)) {
        err = at(kFrameHead) + "the header is cut short (" + std::to_string(size) + " bytes expected, " +
              std::to_string(in_->size() - kFrameHead) + " present)";
        return false;
    }
    data_off_ = kFrameHead + size;
    header_ = Header{};
    header_.version = get_le<uint32_t>(p.data() + sizeof kMagic);
    if (header_.version != kVersion && header_.version != kVersionApps) {
        err = "'" + name_ + "' is a recording of format version " + std::to_string(header_.version) +
              "; this console reads versions " + std::to_string(kVersion) + " and " + std::to_string(kVersionApps);
        return false;
    }
    header_.start_unix_ns = get_le<int64_t>(p.data() + sizeof kMagic + 4);
    size_t pos = sizeof kMagic + 12;
    if (!get_str16(p, pos, header_.target) || !get_str16(p, pos, header_.console_version)) {
        err = at(kFrameHead + pos) + "damaged header: a string runs past its end";
        return false;
    }
    return header_.version < kVersionApps || read_apps(p, pos, err);
}

// Version 2: the applications' names, each one once and none empty.
bool Reader::read_apps(const std::string& p, size_t pos, std::string& err) {
    if (p.size() - pos < 2) {
        err = at(kFrameHead + pos) + "damaged header: the list of applications is missing";
        return false;
    }
    size_t n = get_le<uint16_t>(p.data() + pos);
    pos += 2;
    for (size_t i = 0; i < n; i++) {
        std::string name;
        size_t was = pos;
        if (!get_str16(p, pos, name)) {
            err = at(kFrameHead + was) + "damaged header: a string runs past its end";
            return false;
        }
        bool twice = std::find(header_.apps.begin(), header_.apps.end(), name) != header_.apps.end();
        if (name.empty() || name.size() > kMaxAppName || twice) {
            err = at(kFrameHead + was) + "damaged header: application " + std::to_string(i + 1) + " of " +
                  std::to_string(n) +
                  (name.empty() ? " has no name"
                   : twice      ? " is named twice"
                                : " has too long a name");
            return false;
        }
        header_.apps.push_back(std::move(name));
    }
    return true;
}

// Walks the block headers from the end of the file header; stops at the
// end marker, at the end of the file, or at the first damage.
void Reader::scan() {
    uint64_t size = in_->size();
    uint64_t off = data_off_;
    std::string why;
    while (why.empty()) {
        if (off == size) {
            why = at(off) + "no end marker: the recording was cut short";
            break;
        }
        unsigned char h[kFrameHead];
        if (size - off < kFrameHead || !in_->read(off, h, kFrameHead)) {
            why = at(off) + "cut short: " + std::to_string(size - off) + " stray bytes";
            break;
        }
        uint32_t magic = get_le<uint32_t>(h), fsize = get_le<uint32_t>(h + 4);
        if (magic == kBlockFrame) {
            if (!scan_block(off, fsize, why)) break;
            off = blocks_.back().offset + kFrameHead + kBlockHeadSize + blocks_.back().zsize;
        } else if (magic == kEndFrame) {
            if (scan_end(off, fsize, why) && off + kFrameHead + fsize != size)
                why = at(off + kFrameHead + fsize) + std::to_string(size - off - kFrameHead - fsize) +
                      " bytes after the end marker";
            break;
        } else {
            why = at(off) + "damaged: bytes " + hex4(h) + " are not a block";
        }
    }
    if (!why.empty())
        warning_ = why + "; it plays up to " + util::format_duration(static_cast<int64_t>(end_ns()), 2, true);
}

bool Reader::scan_block(uint64_t off, uint32_t fsize, std::string& why) {
    unsigned char b[kBlockHeadSize];
    if (fsize != kBlockHeadSize) {
        why = at(off) + "damaged block header: " + std::to_string(fsize) + " bytes, not " +
              std::to_string(kBlockHeadSize);
        return false;
    }
    if (!in_->read(off + kFrameHead, b, sizeof b)) {
        why = at(off) + "cut short inside a block header";
        return false;
    }
    BlockInfo bi;
    bi.offset = off;
    bi.first_ns = get_le<uint64_t>(b);
    bi.last_ns = get_le<uint64_t>(b + 8);
    bi.zsize = get_le<uint32_t>(b + 16);
    bi.raw = get_le<uint32_t>(b + 20);
    bi.records = get_le<uint32_t>(b + 24);
    uint32_t flags = get_le<uint32_t>(b + 28);
    bi.keyframe = flags & kBlockKeyframe;
    bi.links = flags & kBlockLinks;
    const char* bad = nullptr;
    if (bi.records == 0 || bi.raw / kRecordHead < bi.records)
        bad = "its record count does not fit its size";
    else if (bi.raw > kMaxBlockRaw || bi.zsize == 0 || bi.zsize > ZSTD_compressBound(bi.raw))
        bad = "impossible sizes";
    else if (bi.first_ns > bi.last_ns || (!blocks_.empty() && bi.first_ns < blocks_.back().last_ns))
        bad = "its times go backwards";
    else if (flags & ~(kBlockKeyframe | kBlockLinks))
        bad = "unknown flags";
    if (bad) {
        why = at(off) + "damaged block header: " + bad;
        return false;
    }
    uint64_t start = off + kFrameHead + kBlockHeadSize;
    if (in_->size() - start < bi.zsize) {
        why = at(off) + "cut short: a block of " + std::to_string(bi.zsize) + " bytes with " +
              std::to_string(in_->size() - start) + " present";
        return false;
    }
    blocks_.push_back(bi);
    return true;
}

bool Reader::scan_end(uint64_t off, uint32_t fsize, std::string& why) {
    std::string p(fsize <= kMaxEnd ? fsize : 0, '\0');
    size_t pos = 16;
    if (fsize < 18 || fsize > kMaxEnd || !in_->read(off + kFrameHead, p.data(), fsize) ||
        !get_str16(p, pos, ending_.stop_reason)) {
        why = at(off) + "damaged end marker";
        return false;
    }
    ending_.records = get_le<uint64_t>(p.data());
    ending_.last_ns = get_le<uint64_t>(p.data() + 8);
    ended_ = true;
    return true;
}

size_t Reader::keyframe_block(uint64_t t) const {
    size_t best = 0;
    for (size_t i = 0; i < blocks_.size() && blocks_[i].first_ns <= t; ++i)
        if (blocks_[i].keyframe) best = i;
    return best;
}

void Reader::seek_block(size_t i) {
    block_ = i < blocks_.size() ? i : blocks_.size();
    loaded_ = false;
}

bool Reader::load(size_t i, std::string& err) {
    const BlockInfo& b = blocks_[i];
    if (zcap_ < b.zsize) {
        zbuf_.reset(new char[b.zsize]);
        zcap_ = b.zsize;
    }
    if (!in_->read(b.offset + kFrameHead + kBlockHeadSize, zbuf_.get(), b.zsize)) {
        err = at(b.offset) + "the block can no longer be read";
        return false;
    }
    unsigned long long content = ZSTD_getFrameContentSize(zbuf_.get(), b.zsize);
    size_t frame = ZSTD_findFrameCompressedSize(zbuf_.get(), b.zsize);
    if (content != b.raw || ZSTD_isError(frame) || frame != b.zsize) {
        err = at(b.offset) + "damaged block: its zstd frame does not match its header";
        return false;
    }
    if (rawcap_ < b.raw) {
        raw_.reset(new char[b.raw]);
        rawcap_ = b.raw;
    }
    size_t n = ZSTD_decompressDCtx(dctx_, raw_.get(), b.raw, zbuf_.get(), b.zsize);
    if (ZSTD_isError(n) || n != b.raw) {
        err = at(b.offset) + "damaged block: zstd: " + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short content");
        return false;
    }
    return true;
}

Reader::Next Reader::next(Frame& f, std::string& err) {
    for (;;) {
        if (block_ >= blocks_.size()) return Next::End;
        const BlockInfo& b = blocks_[block_];
        if (!loaded_) {
            if (!load(block_, err)) {
                ++block_;
                return Next::Error;
            }
            loaded_ = true;
            app_ = {};
            pos_ = 0;
            left_ = b.records;
            prev_ns_ = b.first_ns;
        }
        const char* bad = nullptr;
        if (left_ == 0) {
            if (pos_ == b.raw) {
                seek_block(block_ + 1);
                continue;
            }
            bad = "bytes after its last record";
        } else if (b.raw - pos_ < kRecordHead) {
            bad = "a record cut short";
        }
        const char* p = raw_.get() + pos_;
        uint8_t kind = bad ? 0 : static_cast<uint8_t>(p[0]);
        uint64_t t = bad ? 0 : get_le<uint64_t>(p + 1);
        uint32_t len = bad ? 0 : get_le<uint32_t>(p + 9);
        if (bad) {
        } else if (!known_kind(kind)) {
            bad = "a record of unknown kind";
        } else if (t < prev_ns_ || t > b.last_ns) {
            bad = "a record outside the block's time range";
        } else if (len > b.raw - pos_ - kRecordHead) {
            bad = "a record longer than its block";
        } else if (kind == static_cast<uint8_t>(Kind::App) && len > kMaxAppName) {
            bad = "an application's name that is too long";
        }
        if (bad) {
            err = at(b.offset) + "damaged block: " + bad + " (record " + std::to_string(b.records - left_ + 1) +
                  " of " + std::to_string(b.records) + ")";
            seek_block(block_ + 1);
            return Next::Error;
        }
        std::string_view bytes(p + kRecordHead, len);
        prev_ns_ = t;
        pos_ += kRecordHead + len;
        --left_;
        // The records after it are that application's.
        if (kind == static_cast<uint8_t>(Kind::App)) {
            app_ = bytes;
            continue;
        }
        f.kind = static_cast<Kind>(kind);
        f.at_ns = t;
        f.bytes = bytes;
        f.app = app_;
        return Next::Frame;
    }
}

}  // namespace record
