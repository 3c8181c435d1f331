#include "program/replay_controls.h"

#include <algorithm>

namespace program {

namespace {

constexpr uint64_t kSec = 1'000'000'000;

uint64_t back(uint64_t pos, uint64_t by) {
    return pos > by ? pos - by : 0;
}

}  // namespace

bool replay_key(session::Playback& src, int key) {
    uint64_t pos = src.position_ns();
    switch (key) {
    case ' ': src.play(!src.playing()); return true;
    case '+':
    case '=': src.set_speed(src.speed() + 1); return true;
    case '-':
    case '_': src.set_speed(src.speed() - 1); return true;
    case '.': src.step(); return true;
    case '[': src.seek(back(pos, 10 * kSec)); return true;
    case ']': src.seek(pos + 10 * kSec); return true;
    case '{': src.seek(back(pos, 60 * kSec)); return true;
    case '}': src.seek(pos + 60 * kSec); return true;
    case '0': src.seek(0); return true;
    case '$': src.seek(src.length_ns()); return true;
    }
    return false;
}

tui::Timeline replay_timeline(const session::Playback& src) {
    tui::Timeline t;
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

}  // namespace program
