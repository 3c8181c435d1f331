// The layout of a tokio-console recording (man/tokio-console-record.5).
//
// The file is a sequence of zstd frames, so `zstd -dc` prints its records:
//   header  skippable frame 0x184D2A50: "TCRECORD", version, start time,
//           target, console version; from version 2 the applications' names
//           (a recording of several targets)
//   block   skippable frame 0x184D2A51 (what follows: arrival range, sizes,
//           record count, keyframe flag), then one independent zstd frame
//           holding records [kind u8][arrival ns u64][length u32][bytes]
//   end     skippable frame 0x184D2A52: records, last arrival, and why the
//           recording stopped when it stopped early
// Integers are little-endian.  Arrival times are nanoseconds since the
// start of the recording.  A block that starts with a Keyframe record (or
// with State records and then one: the pause it was made in) can be read
// without any block before it: seeking starts there.
//
// Version 2 records several applications in one file: an App record names
// the application of the records after it, up to the next App record or
// the end of the block; a block begins with no application named, which
// is the one unnamed application of a version 1 file.  A keyframe block
// holds the keyframes of every application, one after the other.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace record {

inline constexpr char kMagic[8] = {'T', 'C', 'R', 'E', 'C', 'O', 'R', 'D'};
inline constexpr uint32_t kVersion = 1;      // one application
inline constexpr uint32_t kVersionApps = 2;  // several, named (App records)

// zstd skippable frame magics: a decompressor passes over them.
inline constexpr uint32_t kHeaderFrame = 0x184D2A50;
inline constexpr uint32_t kBlockFrame = 0x184D2A51;
inline constexpr uint32_t kEndFrame = 0x184D2A52;

inline constexpr size_t kFrameHead = 8;       // skippable magic + size
inline constexpr size_t kBlockHeadSize = 32;  // first, last, zsize, raw, records, flags
inline constexpr size_t kRecordHead = 13;     // kind, arrival, length
inline constexpr uint32_t kMaxHeader = 1 << 16;
inline constexpr uint32_t kMaxEnd = 1 << 12;
// No block may decompress to more than this: a reader never allocates more.
inline constexpr uint32_t kMaxBlockRaw = 256u << 20;
inline constexpr uint32_t kBlockKeyframe = 1;  // block flag: starts with a keyframe (after States)
inline constexpr uint32_t kBlockLinks = 2;     // block flag: holds a Connected or Disconnected

// What a record holds.  Protobuf messages are as the application sent them.
enum class Kind : uint8_t {
    Update = 1,        // instrument.Update
    State = 2,         // instrument.State
    TaskDetails = 3,   // tasks.TaskDetails
    Connected = 4,     // the target, UTF-8
    Disconnected = 5,  // the reason, UTF-8
    Keyframe = 6,      // instrument.Update: the whole state at that moment
    App = 7,           // the application of the records that follow, UTF-8 ("": unnamed)
};

inline bool known_kind(uint8_t k) {
    return k >= 1 && k <= 7;
}
// An application's name, in a header or an App record, is at most this long.
inline constexpr size_t kMaxAppName = 4096;
const char* kind_name(Kind k);

struct Header {
    uint32_t version = kVersion;
    int64_t start_unix_ns = 0;  // wall clock when the recording started
    std::string target;
    std::string console_version;
    // Version 2: the applications recorded, as the recording started
    // (others may join later, named by their App records).
    std::vector<std::string> apps;
};

// One record as read: `bytes` and `app` stay valid until the reader's
// next call.  `app` is "" in a version 1 file.
struct Frame {
    Kind kind = Kind::Update;
    uint64_t at_ns = 0;
    std::string_view bytes;
    std::string_view app;
};

// How the end frame says the recording ended.
struct Ending {
    uint64_t records = 0;
    uint64_t last_ns = 0;
    std::string stop_reason;  // empty when it was closed normally
};

// Little-endian integers in and out of byte buffers.
template <class T>
inline void put_le(std::string& out, T v) {
    for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>(static_cast<uint64_t>(v) >> (8 * i) & 0xff));
}

template <class T>
inline T get_le(const void* p) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<uint64_t>(b[i]) << (8 * i);
    return static_cast<T>(v);
}

}  // namespace record
