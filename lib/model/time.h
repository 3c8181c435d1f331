// Time on the wire: protobuf Timestamps and Durations as nanoseconds.
// A timestamp of 0 means "not given".
#pragma once

#include <cstdint>

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

namespace model {

using Nanos = int64_t;  // since the Unix epoch, or a span of time

inline Nanos from_proto(const google::protobuf::Timestamp& t) {
    // Clamp so that hostile values cannot overflow.
    int64_t s = t.seconds();
    if (s < 0) return 0;
    if (s > 9'000'000'000) s = 9'000'000'000;
    return s * 1'000'000'000 + (t.nanos() > 0 ? t.nanos() % 1'000'000'000 : 0);
}

inline Nanos from_proto(const google::protobuf::Duration& d) {
    int64_t s = d.seconds();
    if (s < 0) return 0;
    if (s > 9'000'000'000) s = 9'000'000'000;
    return s * 1'000'000'000 + (d.nanos() > 0 ? d.nanos() % 1'000'000'000 : 0);
}

// b - a, never negative.
inline Nanos since(Nanos later, Nanos earlier) {
    return later > earlier ? later - earlier : 0;
}

}  // namespace model
