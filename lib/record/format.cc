// Names and numbers for messages about recordings.
#include "record/format.h"

#include <cstdio>

namespace record {

const char* kind_name(Kind k)
{
    switch (k) {
    case Kind::Update: return "update";
    case Kind::State: return "state";
    case Kind::TaskDetails: return "task details";
    case Kind::Connected: return "connected";
    case Kind::Disconnected: return "disconnected";
    case Kind::Keyframe: return "keyframe";
    }
    return "unknown";
}

std::string human_bytes(uint64_t n)
{
    static const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (n < 1024)
        return std::to_string(n) + " B";
    double v = static_cast<double>(n) / 1024;
    int u = 0;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

std::string human_seconds(uint64_t ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ns) / 1e9);
    return buf;
}

}  // namespace record
