// The model's whole state as one full Update, as a recording's keyframe
// holds it: applied to an empty model it gives back the same tasks (with
// their names, fields, kinds, locations and stats), resources and async
// ops.  What the model keeps only in resolved form goes back resolved:
// field names as strings, locations as one formatted string, one metadata
// per target.  Poll ops, dropped-event counts and histories are not part
// of it; they refill from the updates that follow.
#pragma once

#include "instrument.pb.h"
#include "model/model.h"

namespace model {

rs::tokio::console::instrument::Update snapshot(const Model& m);

}  // namespace model
