// Time helpers for the model tests: server times near a fixed base and the
// protobuf Timestamp and Duration forms of them.
#pragma once

#include <cstdint>

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include "model/time.h"

namespace model_test {

inline constexpr model::Nanos kSec = 1'000'000'000;
inline constexpr model::Nanos kMs = 1'000'000;
inline constexpr model::Nanos kBase = 1'700'000'000 * kSec;

inline void ts(google::protobuf::Timestamp* t, model::Nanos ns) {
    t->set_seconds(ns / kSec);
    t->set_nanos(static_cast<int32_t>(ns % kSec));
}

inline void dur(google::protobuf::Duration* d, model::Nanos ns) {
    d->set_seconds(ns / kSec);
    d->set_nanos(static_cast<int32_t>(ns % kSec));
}

}  // namespace model_test
