#include "tui/replay_controls.h"

namespace tui {

bool play(session::Playback& src, const Action& a) {
    switch (a.kind) {
    case Action::PlayToggle: src.play(!src.playing()); return true;
    case Action::Faster: src.set_speed(src.speed() + 1); return true;
    case Action::Slower: src.set_speed(src.speed() - 1); return true;
    case Action::Step: src.step(); return true;
    case Action::Seek: {
        // From where playback stands, not before the start.
        uint64_t pos = src.position_ns();
        uint64_t back = a.offset_ns < 0 ? static_cast<uint64_t>(-a.offset_ns) : 0;
        src.seek(a.offset_ns < 0 ? (pos > back ? pos - back : 0) : pos + static_cast<uint64_t>(a.offset_ns));
        return true;
    }
    case Action::SeekStart: src.seek(0); return true;
    case Action::SeekEnd: src.seek(src.length_ns()); return true;
    default: return false;
    }
}

Timeline replay_timeline(const session::Playback& src) {
    Timeline t;
    if (src.at_end())
        t.state = "END";
    else if (src.playing())
        t.state = "PLAYING " + src.speed_text();
    else
        t.state = "PAUSED (" + src.speed_text() + ")";
    t.position_ns = src.position_ns();
    t.length_ns = src.length_ns();
    t.drops_ns = src.drops();
    t.note = src.warning();
    return t;
}

std::string replay_details_note(uint64_t task, bool have_details) {
    if (!task || have_details) return "";
    return "no details recorded for this task: it was not watched while recording";
}

}  // namespace tui
