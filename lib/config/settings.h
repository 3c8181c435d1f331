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

    // Retention of completed tasks, in nanoseconds; nullopt keeps them forever.
    std::optional<uint64_t> retain_for_ns = 6'000'000'000ull;

    // Terminal.
    std::string lang;  // empty: from the environment
    bool ascii_only = false;
    bool colors_enabled = true;
    bool truecolor = false;
    Palette palette = Palette::All;
    bool duration_colors = true;
    bool terminated_colors = true;

    // Wire (beyond upstream).
    uint64_t max_message_size = 1ull << 30;
    std::string tls_ca, tls_cert, tls_key;
    bool tls_insecure = false;
};

}  // namespace config
