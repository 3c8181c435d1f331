// The console's effective settings: defaults, then console.toml files, then
// the command line.  Plain data; every layer above reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace config {

enum class Palette { Off, Ansi8, Ansi16, Ansi256, All };

struct Settings {
    std::string target = "http://127.0.0.1:6669";

    // Logging (upstream --log / --log-dir).
    std::string log_filter = "off";
    std::string log_dir = "/tmp/tokio-console/logs";

    // Lints: names as upstream spells them ("self-wakes", ...).
    std::vector<std::string> warnings = {"self-wakes", "lost-waker", "never-yielded",
                                         "auto-boxed-future", "large-future"};
    std::vector<std::string> allow_warnings;
    // `--allow all`: allow_warnings then also lists every known lint.
    bool allow_all = false;

    // Lint thresholds (beyond upstream).
    uint32_t self_wakes_percent = 50;
    uint64_t large_future_bytes = 1024;
    uint64_t never_yielded_after_ns = 1'000'000'000ull;
    uint64_t long_poll_ns = 10'000'000ull;  // the `long-poll` lint

    // Retention of completed tasks, in nanoseconds; nullopt keeps them forever.
    std::optional<uint64_t> retain_for_ns = 6'000'000'000ull;

    // Terminal.
    std::string lang;  // --lang, $LANG or config; empty when none of them
    bool ascii_only = false;
    bool colors_enabled = true;
    bool truecolor = false;
    Palette palette = Palette::All;
    // False: no --palette or config `palette`; pick from the terminal
    // (truecolor gives All, else the terminal's colour count).
    bool palette_explicit = false;
    bool duration_colors = true;
    bool terminated_colors = true;

    // Wire (beyond upstream).
    uint64_t max_message_size = 1ull << 30;
    std::string tls_ca, tls_cert, tls_key;
    bool tls_insecure = false;

    // Record and replay.
    std::string record;     // --record: the file the live session goes to; empty: none
    uint64_t start_ns = 0;  // replay --start: where playback starts
};

}  // namespace config
