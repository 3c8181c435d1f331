// Time on the wire: protobuf Timestamps and Durations as nanoseconds.
// A timestamp of 0 means "not given".
#pragma once

#include <cstdint>

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include "proto/time_values.h"

namespace model {

using Nanos = int64_t;  // since the Unix epoch, or a span of time

inline Nanos from_proto(const google::protobuf::Timestamp& t) {
    return proto_time::to_nanos(t);
}

inline Nanos from_proto(const google::protobuf::Duration& d) {
    return proto_time::to_nanos(d);
}

// b - a, never negative.
inline Nanos since(Nanos later, Nanos earlier) {
    return later > earlier ? later - earlier : 0;
}

}  // namespace model
