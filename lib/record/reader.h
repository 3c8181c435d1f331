// Reads a recording (format.h).  open() reads the header and walks the
// block headers once to build the index (arrival range, keyframe flag and
// offset of every block) without decompressing anything; next() then
// decompresses one block at a time.  Damage is reported, never trusted:
// every size is checked against the file and the limits in format.h, and
// each message names the offset and what was wrong.
//
//   record::Reader r;
//   if (!r.open(record::open_file_input(path, err), path, err)) die(err);
//   if (!r.warning().empty()) note(r.warning());   // cut short, damaged
//   r.seek_block(r.keyframe_block(t));
//   record::Frame f;
//   while (r.next(f, err) == record::Reader::Next::Frame) use(f);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "record/format.h"
#include "record/input.h"

struct ZSTD_DCtx_s;

namespace record {

// One block as its header describes it.
struct BlockInfo {
    uint64_t offset = 0;  // of its skippable header
    uint64_t first_ns = 0;
    uint64_t last_ns = 0;
    uint32_t zsize = 0;
    uint32_t raw = 0;
    uint32_t records = 0;
    bool keyframe = false;
    bool links = false;  // holds a Connected or Disconnected record
};

class Reader {
public:
    Reader();
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // Reads the header and the index.  False when `in` is null (err is
    // kept) or is not a recording this console reads; a file damaged or
    // cut short after its header opens, with warning() saying where its
    // readable part ends.  `name` is used in messages.
    bool open(std::unique_ptr<Input> in, const std::string& name, std::string& err);

    const Header& header() const { return header_; }
    const std::vector<BlockInfo>& blocks() const { return blocks_; }
    // Set when the file has its end marker.
    const Ending* ending() const { return ended_ ? &ending_ : nullptr; }
    // Why the readable part ends before the file does, or "" for a clean
    // file: "'f': cut short at offset N (...); it plays up to 12.30s".
    const std::string& warning() const { return warning_; }
    // The arrival time of the last readable record.
    uint64_t end_ns() const { return blocks_.empty() ? 0 : blocks_.back().last_ns; }

    // The block to start from to reach time t: the last keyframe block that
    // starts at or before t, or 0 when there is none.
    size_t keyframe_block(uint64_t t) const;
    // Positions the cursor at the first record of block i (i == size: end).
    void seek_block(size_t i);
    size_t block_index() const { return block_; }

    enum class Next { Frame, End, Error };
    // The next record, with its application (App records are read here,
    // not given); Error with a one-line err for a damaged block, after
    // which the cursor is at the following block.
    Next next(Frame& f, std::string& err);

private:
    bool read_header(std::string& err);
    bool read_apps(const std::string& p, size_t pos, std::string& err);
    void scan();
    bool scan_block(uint64_t off, uint32_t size, std::string& why);
    bool scan_end(uint64_t off, uint32_t size, std::string& why);
    bool load(size_t i, std::string& err);
    std::string at(uint64_t off) const;

    std::unique_ptr<Input> in_;
    std::string name_;
    Header header_;
    uint64_t data_off_ = 0;  // where the first block starts
    std::vector<BlockInfo> blocks_;
    Ending ending_;
    bool ended_ = false;
    std::string warning_;
    ZSTD_DCtx_s* dctx_;
    std::unique_ptr<char[]> zbuf_, raw_;
    size_t zcap_ = 0, rawcap_ = 0;
    size_t block_ = 0;      // the block next() reads from
    bool loaded_ = false;   // raw_ holds block_
    size_t pos_ = 0;        // next record in raw_
    std::string_view app_;  // named by the last App record read in raw_
    uint32_t left_ = 0;     // records left in raw_
    uint64_t prev_ns_ = 0;
};

}  // namespace record
