// libFuzzer target over a whole replay: the input is a recording file (ours
// or console-subscriber's JSON lines), opened through
// session::RecordingSource as `tokio-console replay` opens it, played to
// its end into a model, then sought to a few points the input chooses
// (from its last bytes), stepped, and played to the end again.  Nothing in
// it may crash, leak, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/model.h"
#include "session/recording_source.h"
#include "session/session.h"

namespace {

// Gives the model what a seek, a step or play_to gives, as the console's
// loop does; bounded so that a hostile file cannot hold a run forever.
void drain(session::RecordingSource& src, model::Model& m) {
    session::Event ev;
    for (int rounds = 0; !src.idle() && rounds < 10000; rounds++) {
        src.process(false);
        while (src.next_event(ev)) {
            session::apply_event(m, ev, src.clock_ns().value_or(0), true);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string err;
    auto src = session::RecordingSource::open_memory(bytes, "fuzz", err);
    if (!src) return 0;
    model::Model m;
    src->play_to(src->length_ns());
    drain(*src, m);
    // Seek points: fractions of the length, from the input's last bytes.
    uint64_t len = src->length_ns();
    for (size_t i = 0; i < 3 && i < size; i++) {
        uint64_t t = len / 256 * data[size - 1 - i];
        src->seek(t);
        drain(*src, m);
        src->step();
        drain(*src, m);
    }
    src->seek(len + 1);
    drain(*src, m);
    src->seek(0);
    src->play_to(len);
    drain(*src, m);
    (void)src->warning();
    (void)src->drops();
    return 0;
}
