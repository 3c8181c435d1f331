// The model's whole state as one full Update, as a recording's keyframe
// holds it: applied to an empty model it gives back the same tasks (with
// their names, fields, kinds, locations and stats), resources and async
// ops.  What the model keeps only in resolved form goes back resolved:
// field names as strings, locations as one formatted string.  Every
// metadata goes back under its own id, so that later updates naming it
// still resolve; a task names one with its target.  Of the poll ops, the
// latest of each task and resource goes back (not their counts or times).
// Dropped-event counts and histories are not part of it; they refill from
// the updates that follow.  The display numbers of resources and async ops are the
// console's own counters: rebuilt from a snapshot they keep their order
// but start again from 1.
#pragma once

#include "instrument.pb.h"
#include "model/model.h"

namespace model {

rs::tokio::console::instrument::Update snapshot(const Model& m);

}  // namespace model
