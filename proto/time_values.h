// Nanoseconds into the protocol's google.protobuf Timestamp and Duration:
// one place for the split into seconds and nanos, for everything that
// builds Updates (the model's snapshot, the recording readers).
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

}  // namespace proto_time
