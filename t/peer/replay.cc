// Reading recorded console streams; see replay.h.
#include "replay.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace peer {

namespace {

uint64_t be(const unsigned char* p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

}  // namespace

bool read_frames(const std::string& path, std::vector<Frame>& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open '" + path + "': " + std::strerror(errno);
        return false;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out.clear();
    size_t pos = 0;
    while (pos < data.size()) {
        if (data.size() - pos < 12) {
            error = "truncated frame header in '" + path + "'";
            return false;
        }
        auto* p = reinterpret_cast<const unsigned char*>(data.data() + pos);
        uint64_t at = be(p, 8);
        uint64_t len = be(p + 8, 4);
        pos += 12;
        if (data.size() - pos < len) {
            error = "truncated frame in '" + path + "'";
            return false;
        }
        out.push_back({static_cast<int64_t>(at), data.substr(pos, len)});
        pos += len;
    }
    return true;
}

}  // namespace peer
