// Turns headers, records and endings into the bytes of a recording
// (format.h).  Pure: no files, no threads; the writer and the tests use it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "record/format.h"

struct ZSTD_CCtx_s;

namespace record {

std::string encode_header(const Header& h);
std::string encode_end(const Ending& e);

// Collects records into one block and compresses it as one zstd frame.
class BlockBuilder {
public:
    explicit BlockBuilder(int level = 3);
    ~BlockBuilder();
    BlockBuilder(const BlockBuilder&) = delete;
    BlockBuilder& operator=(const BlockBuilder&) = delete;

    bool empty() const { return records_ == 0; }
    size_t raw_size() const { return raw_.size(); }
    uint64_t first_ns() const { return first_ns_; }
    uint64_t last_ns() const { return last_ns_; }
    // Whether a record of `n` bytes still fits under kMaxBlockRaw.
    bool fits(size_t n) const { return raw_.size() + kRecordHead + n <= kMaxBlockRaw; }

    // Appends one record; a Keyframe must come first in its block (after
    // State and App records) to make it a block a reader can start at,
    // and does unless `seek_point` is false: the keyframe of a second
    // application, whose first is in an earlier block.
    void add(Kind kind, uint64_t at_ns, std::string_view bytes, bool seek_point = true);
    // Appends the block (its skippable header, then the zstd frame) to
    // `out` and starts a new empty block; false with err when zstd fails.
    bool finish(std::string& out, std::string& err);
    // Gives back the buffers' memory, which stays at the largest block's
    // size; only between blocks, when empty().
    void release();

private:
    ZSTD_CCtx_s* cctx_;
    std::string raw_;
    std::string compressed_;
    uint64_t first_ns_ = 0;
    uint64_t last_ns_ = 0;
    uint32_t records_ = 0;
    uint32_t flags_ = 0;
    bool only_states_ = true;  // so far: a keyframe here still starts the block
};

}  // namespace record
