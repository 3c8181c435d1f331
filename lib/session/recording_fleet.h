// A recording of several applications (--record with several targets)
// played back as a fleet: one member per recorded application, each fed
// only its own application's events and showing its own link, all of
// them on the recording's one timeline.  Their playback is one object:
// a play, a pause, a speed or a seek through any member acts on all.
//
// The recording is read once, in order; a member that asks for its next
// event takes the events due now and queues the other applications' for
// their members, which take them in their turn of the same loop.  A seek
// drops what waits in the queues and gives every member a Reset.
//
//   auto rec = session::RecordingSource::open(path, err);
//   session::add_recording(fleet, std::move(rec), path);
//   // fleet[i].session->playback() is the same for every i
#pragma once

#include <memory>
#include <string>

#include "session/fleet.h"
#include "session/recording_source.h"

namespace session {

// Whether the recording holds named applications (a recording of a
// fleet), rather than the one unnamed application of old.
bool records_apps(const RecordingSource& recording);

// Adds the recording to `fleet`: as its one member named `path` when it
// holds one unnamed application (exactly as before), else one member per
// application, named as recorded.
void add_recording(Fleet& fleet, std::unique_ptr<RecordingSource> recording, const std::string& path);

}  // namespace session
