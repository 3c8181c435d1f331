// libFuzzer target over a whole replay: the input is a recording file (ours,
// of one application or several, or console-subscriber's JSON lines),
// opened through session::RecordingSource and made a fleet as `tokio-console
// replay` does (session::add_recording), played to its end into the
// members' models, then sought to a few points the input chooses (from its
// last bytes), stepped, and played to the end again.  Nothing in it may
// crash, leak, hang or read out of bounds.
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <string>

#include "session/fleet.h"
#include "session/recording_fleet.h"
#include "session/recording_source.h"
#include "session/session.h"

namespace {

// Gives the members what a seek, a step or play_to gives, as the console's
// loop does; bounded so that a hostile file cannot hold a run forever.
void drain(session::Fleet& fleet, session::Playback& pb) {
    for (int rounds = 0; !pb.idle() && rounds < 10000; rounds++) fleet.pump(nullptr);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string err;
    auto src = session::RecordingSource::open_memory(bytes, "fuzz", err);
    if (!src) return 0;
    session::Fleet fleet(session::SessionOptions{}, nullptr);
    session::add_recording(fleet, std::move(src), "fuzz");
    session::Playback& pb = *fleet[0].session->playback();
    pb.play_to(pb.length_ns());
    drain(fleet, pb);
    // Seek points: fractions of the length, from the input's last bytes.
    uint64_t len = pb.length_ns();
    for (size_t i = 0; i < 3 && i < size; i++) {
        uint64_t t = len / 256 * data[size - 1 - i];
        pb.seek(t);
        drain(fleet, pb);
        pb.step();
        drain(fleet, pb);
    }
    pb.seek(len + 1);
    drain(fleet, pb);
    pb.seek(0);
    pb.play_to(len);
    drain(fleet, pb);
    // Each member's status names it (the file's name, or its application's).
    for (size_t i = 0; i < fleet.size(); i++)
        if (fleet[i].session->status().name.empty()) abort();
    (void)pb.warning();
    (void)pb.drops();
    return 0;
}
