// The console's effective settings: defaults, then console.toml files, then
// the command line.  Plain data; every layer above reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace config {

enum class Palette { Off, Ansi8, Ansi16, Ansi256, All };

// `tokio-console dump`: what to print, how, and when to stop.  Given on
// the command line only.
struct DumpSettings {
    enum class View { Tasks, Resources, AsyncOps, Warnings };
    enum class Format { Table, Json, Jsonl, Csv };
    View view = View::Tasks;
    Format format = Format::Table;
    std::string filter;  // the model's filter language; empty: every row
    std::string sort;    // a column name; empty: by id
    bool descending = false;
    uint64_t limit = 0;    // rows per snapshot; 0: all
    uint64_t wait_ns = 0;  // after the first full update
    uint64_t connect_timeout_ns = 10'000'000'000ull;
    bool watch = false;
    uint64_t interval_ns = 1'000'000'000ull;
    uint64_t count = 0;                // snapshots with --watch; 0: until stopped
    std::vector<std::string> fail_on;  // lint names; every lint for `any`
    std::string from;                  // a recording instead of a live target
    std::optional<uint64_t> at_ns;     // where in the recording to stop
};

// `tokio-console exporter`: where to listen and what to export.  Given on
// the command line only, but for the targets, which console.toml may
// list too (`targets`).
struct ExporterSettings {
    std::string listen = "127.0.0.1:9669";
    uint64_t max_locations = 500;  // per target; the rest are "other"
    bool per_task = false;
    uint64_t max_tasks = 100;      // with per_task, per target
    uint64_t watch_details = 0;    // the N busiest tasks' details, per target
    std::string tls_cert, tls_key;  // the HTTP server's; empty: plain HTTP
};

struct Settings {
    std::string target = "http://127.0.0.1:6669";
    bool target_given = false;  // by the command line or a file, not the default

    // Logging (upstream --log / --log-dir).
    std::string log_filter = "off";
    std::string log_dir = "/tmp/tokio-console/logs";

    // Lints: names as upstream spells them ("self-wakes", ...).
    std::vector<std::string> warnings = {"self-wakes", "lost-waker", "never-yielded", "auto-boxed-future",
                                         "large-future"};
    std::vector<std::string> allow_warnings;
    // `--allow all`: allow_warnings then also lists every known lint.
    bool allow_all = false;

    // Lint thresholds (beyond upstream).
    uint32_t self_wakes_percent = 50;
    uint64_t large_future_bytes = 1024;
    uint64_t never_yielded_after_ns = 1'000'000'000ull;
    uint64_t long_poll_ns = 10'000'000ull;  // the `long-poll` lint
    // A task idle this long on a resource (not a timer) counts as blocked.
    uint64_t blocked_after_ns = 1'000'000'000ull;

    // Retention of completed tasks, in nanoseconds; nullopt keeps them forever.
    std::optional<uint64_t> retain_for_ns = 6'000'000'000ull;

    // The task list's filter at start (the filter language of
    // lib/model/filter.h; `?` first: a search); empty for none.
    std::string filter;
    // How the task list groups its tasks at start (`T` in the list):
    // none, app, location, name, kind, target or parent.
    std::string group_by = "none";

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

    // Targets with optional NAME= prefixes (config/targets.h): the
    // command line's when it gives several or a named one (the
    // exporter's arguments), else console.toml `targets`.  Empty: the one
    // `target`.  config::targets_of() reads them with the targets file.
    std::vector<std::string> targets;
    std::string targets_file;  // --targets-file: more of them, read again on SIGHUP; empty: none

    DumpSettings dump;
    ExporterSettings exporter;
};

}  // namespace config
