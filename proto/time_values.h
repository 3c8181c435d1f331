// Nanoseconds to and from the protocol's google.protobuf Timestamp and
// Duration: one place for the split into seconds and nanos, for everything
// that builds Updates (the model's snapshot, the recording readers) and
// everything that reads them.
#pragma once

#include <cstdint>

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

namespace proto_time {

inline void set_timestamp(int64_t ns, google::protobuf::Timestamp* out) {
    out->set_seconds(ns / 1'000'000'000);
    out->set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
}

inline void set_duration(int64_t ns, google::protobuf::Duration* out) {
    out->set_seconds(ns / 1'000'000'000);
    out->set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
}

// Nanoseconds since the epoch, or of a span; 0 for a negative time.
// Clamped so that hostile values cannot overflow.
template <typename SecondsAndNanos>  // Timestamp or Duration: the same two fields
int64_t to_nanos(const SecondsAndNanos& t) {
    int64_t s = t.seconds();
    if (s < 0) return 0;
    if (s > 9'000'000'000) s = 9'000'000'000;
    return s * 1'000'000'000 + (t.nanos() > 0 ? t.nanos() % 1'000'000'000 : 0);
}

}  // namespace proto_time
