// Recorded console streams (the fixtures in fixtures/real): frames of
// [u64 BE ns since the start][u32 BE length][one protobuf message].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peer {

struct Frame {
    int64_t offset_ns;
    std::string payload;
};

// Reads a recording; on failure returns false and sets a one-line error.
bool read_frames(const std::string& path, std::vector<Frame>& out, std::string& error);

}  // namespace peer
