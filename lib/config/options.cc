// The options table: every setting of the console in one row each.
#include "config/options.h"

#include <string>

#include "config/option_setters.h"

namespace config {

namespace {

using namespace setters;

// Rows in --help order.  The help paragraphs are broken at 80 columns
// with their indentation.
// Laid out by hand, a row for each pair (clang-format would pack them).
// clang-format off
const Option kOptions[] = {
    {nullptr, 0, Arg::One, Complete::None, "[TARGET_ADDR]...",
         "Where the application serves the console API: http://HOST:PORT,\n"
         "https://HOST:PORT, file://localhost/PATH/TO/SOCKET (a Unix domain\n"
         "socket) or vsock://CID:PORT.  Several watch several applications at\n"
         "once, each [NAME=]ADDRESS: the name (default host:port or the\n"
         "socket's file name) is the app of its rows.  console.toml: targets.\n"
         "[default: http://127.0.0.1:6669]\n",
     nullptr, nullptr,
     "default_target_addr", nullptr,
     &cli_target, nullptr,
     &toml_target, &write_target},
    {"targets-file", 0, Arg::One, Complete::File, "<FILE>",
         "More targets, one [NAME=]ADDRESS a line, `#` for comments; read\n"
         "again on SIGHUP: new targets join, removed ones leave (a bad file\n"
         "then is a notice, and the old list stays).  A regular file of at\n"
         "most 1 MiB; at most 1000 targets in all.\n",
     "file listing targets", nullptr, nullptr, nullptr,
     &cli_targets_file, nullptr, nullptr, nullptr},
    {"log", 0, Arg::One, Complete::Level, "<FILTER>",
         "What to write to the console's own log file: a level (error, warn,\n"
         "info, debug, trace) or `off`, optionally followed by target=level\n"
         "pairs, e.g. `info,tokio_console::wire=trace`.  Nothing is logged\n"
         "when it is off.  [env: RUST_LOG]  [default: off]\n",
     "log filter for the console log file", "RUST_LOG",
     "log", nullptr,
     &cli_log, &env_log,
     &toml_log, &write_quoted<&Settings::log_filter>},
    {"warn", 'W', Arg::Many, Complete::Lints, "<LINTS>...",
         "Lints to check tasks against, separated by commas or given\n"
         "several times: self-wakes, lost-waker, never-yielded,\n"
         "auto-boxed-future, large-future, long-poll.\n"
         "[default: self-wakes,lost-waker,never-yielded,auto-boxed-future,large-future]\n",
     "lints to enable", nullptr,
     "warnings", nullptr,
     &cli_warn, nullptr,
     &toml_warnings, &write_warnings},
    {"allow", 'A', Arg::Many, Complete::LintsOrAll, "<LINTS>...",
         "Lints to silence, in the same form as --warn, or `all` to silence\n"
         "every lint.\n",
     "lints to allow, or all", nullptr,
     "allow_warnings", "allow_warnings.Explicit",
     &cli_allow, nullptr,
     &toml_allow, &write_allow},
    {"log-dir", 0, Arg::One, Complete::Dir, "<DIR>",
         "Directory that receives a new log file each run.\n"
         "[default: /tmp/tokio-console/logs]\n",
     "directory for log files", nullptr,
     "log_directory", nullptr,
     &cli_log_dir, nullptr,
     &toml_log_dir, &write_quoted<&Settings::log_dir>},
    {"lang", 0, Arg::One, Complete::Any, "<LANG>",
         "Locale that decides whether the display uses UTF-8 glyphs.\n"
         "[env: LANG]\n",
     "locale that decides UTF-8 drawing", "LANG",
     "charset.lang", nullptr,
     &cli_string<&Layer::lang>, &env_lang,
     &toml_string<&Layer::lang>, &write_lang},
    {"ascii-only", 0, Arg::One, Complete::Bool, "<true|false>",
         "Draw with ASCII characters only.\n",
     "draw with ASCII only", nullptr,
     "charset.ascii_only", nullptr,
     &cli_bool<&Layer::ascii_only, false>, nullptr,
     &toml_bool<&Layer::ascii_only>, &write_bool<&Settings::ascii_only>},
    {"no-colors", 0, Arg::None, Complete::None, "",
         "Turn every colour off.\n",
     "turn colours off", nullptr,
     "colors.enabled", nullptr,
     &cli_switch<&Layer::colors_enabled, false>, nullptr,
     &toml_bool<&Layer::colors_enabled>, &write_bool<&Settings::colors_enabled>},
    {"colorterm", 0, Arg::One, Complete::Colorterm, "<24bit|truecolor>",
         "Take the terminal to support 24-bit colour, whatever COLORTERM\n"
         "says.  [env: COLORTERM]\n",
     "take the terminal as 24-bit colour", "COLORTERM",
     "colors.truecolor", nullptr,
     &cli_colorterm, &env_colorterm,
     &toml_bool<&Layer::truecolor>, &write_bool<&Settings::truecolor>},
    {"palette", 0, Arg::One, Complete::Palette, "<8|16|256|all|off>",
         "Colour palette to draw with; `all` is 24-bit colour.  Without it\n"
         "the palette follows COLORTERM and the terminal's colour count.\n",
     "colour palette", nullptr,
     "colors.palette", nullptr,
     &cli_palette, nullptr,
     &toml_palette, &write_palette},
    {"no-duration-colors", 0, Arg::One, Complete::Bool, "<true|false>",
         "With `true`, durations are drawn without per-unit colours.\n",
     "no per-unit colours for durations", nullptr,
     "colors.enable.durations", nullptr,
     &cli_bool<&Layer::duration_colors, true>, nullptr,
     &toml_bool<&Layer::duration_colors>, &write_bool<&Settings::duration_colors>},
    {"no-terminated-colors", 0, Arg::One, Complete::Bool, "<true|false>",
         "With `true`, finished tasks are drawn without their own colour.\n",
     "no colour for finished tasks", nullptr,
     "colors.enable.terminated", nullptr,
     &cli_bool<&Layer::terminated_colors, true>, nullptr,
     &toml_bool<&Layer::terminated_colors>, &write_bool<&Settings::terminated_colors>},
    {"retain-for", 0, Arg::One, Complete::Any, "<DURATION|none>",
         "How long completed tasks and dropped resources stay on screen: a\n"
         "duration such as `30s`, `1d04h` or `5days 2min 2s` (DURATIONS in\n"
         "tokio-console(1)), or `none` to keep them until the console\n"
         "exits.  [default: 6s]\n",
     "how long finished tasks stay, or none", nullptr,
     "retention", nullptr,
     &cli_retain_for, nullptr,
     &toml_retention, &write_retention},
    {"filter", 0, Arg::One, Complete::Any, "<EXPR>",
         "Show only the tasks that match EXPR at start, as if typed after `/`\n"
         "in the task list: `state:idle busy>10ms`, `!state:done name~^conn`,\n"
         "`warn:any`.  The language is in tokio-console(1) under FILTERS.  A\n"
         "line that starts with `?` searches instead.  For `dump`: only the\n"
         "rows of its view that match.\n",
     "filter for the task list", nullptr,
     "filter", nullptr,
     &cli_dump_filter, nullptr,
     &toml_string<&Layer::filter>, &write_quoted<&Settings::filter>},
    {"group-by", 0, Arg::One, Complete::GroupBy, "<none|app|location|name|kind|target|parent>",
         "How the task list groups its tasks at start: one row per spawn\n"
         "location, name, kind or target, with the group's counts and sums,\n"
         "or `parent` for the tree the tasks' parents make; `app`, with\n"
         "several targets, a row per application (with one: none).  `T` in\n"
         "the list moves on to the next.  [default: none]\n",
     "grouping of the task list", nullptr,
     "group_by", nullptr,
     &cli_group_by, nullptr,
     &toml_group_by, &write_quoted<&Settings::group_by>},
    {"max-message-size", 0, Arg::One, Complete::Any, "<SIZE>",
         "Largest gRPC message accepted from the application, in bytes or\n"
         "with a unit: 4MiB, 100MB, 1GiB.  [default: 1GiB]\n",
     "largest gRPC message accepted", nullptr,
     "max_message_size", nullptr,
     &cli_message_size, nullptr,
     &toml_size<&Layer::max_message_size>, &write_size},
    {"tls-ca", 0, Arg::One, Complete::File, "<FILE>",
         "PEM certificates to verify an https:// target with, instead of\n"
         "the system's trusted ones.\n",
     "CA certificates for https targets", nullptr,
     "tls.ca", nullptr,
     &cli_file<&Layer::tls_ca>, nullptr,
     &toml_string<&Layer::tls_ca>, &write_file<&Settings::tls_ca>},
    {"tls-cert", 0, Arg::One, Complete::File, "<FILE>",
         "PEM client certificate to present to an https:// target.\n",
     "client certificate", nullptr,
     "tls.cert", nullptr,
     &cli_file<&Layer::tls_cert>, nullptr,
     &toml_string<&Layer::tls_cert>, &write_file<&Settings::tls_cert>},
    {"tls-key", 0, Arg::One, Complete::File, "<FILE>",
         "PEM private key of --tls-cert.\n",
     "client private key", nullptr,
     "tls.key", nullptr,
     &cli_file<&Layer::tls_key>, nullptr,
     &toml_string<&Layer::tls_key>, &write_file<&Settings::tls_key>},
    {"tls-insecure", 0, Arg::None, Complete::None, "",
         "Connect to an https:// target without verifying its certificate.\n",
     "skip certificate verification", nullptr,
     "tls.insecure", nullptr,
     &cli_switch<&Layer::tls_insecure, true>, nullptr,
     &toml_bool<&Layer::tls_insecure>, &write_bool<&Settings::tls_insecure>},
    {"record", 0, Arg::One, Complete::File, "<FILE>",
         "Record the live session to FILE: every update, state change, task\n"
         "details message and connection event, with its arrival time, for\n"
         "`tokio-console replay FILE` (format: tokio-console-record(5)); with\n"
         "several targets, every one of them into the one file.\n",
     "record the session to a file", nullptr,
     "record", nullptr,
     &cli_file<&Layer::record>, nullptr,
     &toml_string<&Layer::record>, &write_file<&Settings::record>},
    {"start", 0, Arg::One, Complete::Any, "<DURATION>",
         "With `replay`: where playback starts, from the start of the\n"
         "recording, e.g. `12m30s` as the timeline shows it.  [default: 0s]\n",
     "replay: where playback starts", nullptr,
     nullptr, nullptr,
     &cli_duration<&Layer::start_ns>, nullptr,
     nullptr, nullptr},
    {"self-wakes-percent", 0, Arg::One, Complete::Any, "<N>",
         "The self-wakes lint fires when a task wakes itself in more than\n"
         "N percent of its wakeups.  [default: 50]\n",
     "self-wakes lint threshold in percent", nullptr,
     "lints.self_wakes_percent", nullptr,
     &cli_percent, nullptr,
     &toml_percent, &write_integer<&Settings::self_wakes_percent>},
    {"large-future-bytes", 0, Arg::One, Complete::Any, "<N>",
         "The large-future lint fires for futures of N bytes or more.\n"
         "[default: 1024]\n",
     "large-future lint threshold in bytes", nullptr,
     "lints.large_future_bytes", nullptr,
     &cli_future_bytes, nullptr,
     &toml_size<&Layer::large_future_bytes>, &write_integer<&Settings::large_future_bytes>},
    {"never-yielded-after", 0, Arg::One, Complete::Any, "<DURATION>",
         "The never-yielded lint fires for a task busy this long in one\n"
         "poll without ever yielding.  [default: 1s]\n",
     "never-yielded lint threshold", nullptr,
     "lints.never_yielded_after", nullptr,
     &cli_duration<&Layer::never_yielded_after_ns>, nullptr,
     &toml_duration<&Layer::never_yielded_after_ns>, &write_duration<&Settings::never_yielded_after_ns>},
    {"long-poll", 0, Arg::One, Complete::Any, "<DURATION>",
         "The long-poll lint fires for a task whose p99 poll time (from\n"
         "its details, while its view is open) is over this.  [default: 10ms]\n",
     "long-poll lint threshold", nullptr,
     "lints.long_poll", nullptr,
     &cli_duration<&Layer::long_poll_ns>, nullptr,
     &toml_duration<&Layer::long_poll_ns>, &write_duration<&Settings::long_poll_ns>},
    {"blocked-after", 0, Arg::One, Complete::Any, "<DURATION>",
         "A task idle this long on a resource other than a timer (its latest\n"
         "poll of a lock, semaphore or channel pending) is marked blocked in\n"
         "the task list, and counts toward the line that names a resource\n"
         "two or more tasks are blocked on.  [default: 1s]\n",
     "when an idle task counts as blocked", nullptr,
     "blocked_after", nullptr,
     &cli_duration<&Layer::blocked_after_ns>, nullptr,
     &toml_duration<&Layer::blocked_after_ns>, &write_duration<&Settings::blocked_after_ns>},
    // `tokio-console dump` only.
    {"view", 0, Arg::One, Complete::Any, "<tasks|resources|async-ops|warnings>",
         "What to print: the tasks, the resources, every async op, or one row\n"
         "per lint that fires on a task.  [default: tasks]\n",
     "what to print", nullptr, nullptr, nullptr,
     &cli_dump_view, nullptr, nullptr, nullptr, "dump"},
    {"format", 0, Arg::One, Complete::Any, "<table|json|jsonl|csv>",
         "How to print it: a table with the console's columns (as wide as\n"
         "$COLUMNS, else 120), one JSON document per snapshot, one JSON\n"
         "object per row, or CSV with a header line.  [default: table]\n",
     "output format", nullptr, nullptr, nullptr,
     &cli_dump_format, nullptr, nullptr, nullptr, "dump"},
    {"sort", 0, Arg::One, Complete::Fields, "<FIELD[:asc|desc]>",
         "The field to sort by, as the JSON and CSV keys name it (id, name,\n"
         "total_ns, busy_ns, polls, ...); ties go by ID.  [default: id:asc]\n",
     "sort field and order", nullptr, nullptr, nullptr,
     &cli_dump_sort, nullptr, nullptr, nullptr, "dump"},
    {"limit", 0, Arg::One, Complete::Any, "<N>",
         "At most N rows per snapshot.\n",
     "rows per snapshot", nullptr, nullptr, nullptr,
     &cli_dump_limit, nullptr, nullptr, nullptr, "dump"},
    {"wait", 0, Arg::One, Complete::Any, "<DURATION>",
         "After the first full update, keep listening this much longer\n"
         "before printing.  [default: 0s]\n",
     "listen longer before printing", nullptr, nullptr, nullptr,
     &cli_dump_wait, nullptr, nullptr, nullptr, "dump"},
    {"connect-timeout", 0, Arg::One, Complete::Any, "<DURATION>",
         "Give up (exit status 3) when no update has come from the target\n"
         "within this.  [default: 10s]\n",
     "how long to try to connect", nullptr, nullptr, nullptr,
     &cli_dump_connect_timeout, nullptr, nullptr, nullptr, "dump"},
    {"watch", 0, Arg::None, Complete::None, "",
         "Print a snapshot every --interval until --count snapshots or a\n"
         "signal.\n",
     "print a snapshot every interval", nullptr, nullptr, nullptr,
     &cli_dump_watch, nullptr, nullptr, nullptr, "dump"},
    {"interval", 0, Arg::One, Complete::Any, "<DURATION>",
         "Time between snapshots with --watch.  [default: 1s]\n",
     "time between snapshots", nullptr, nullptr, nullptr,
     &cli_dump_interval, nullptr, nullptr, nullptr, "dump"},
    {"count", 0, Arg::One, Complete::Any, "<N>",
         "Stop after N snapshots with --watch.\n",
     "number of snapshots", nullptr, nullptr, nullptr,
     &cli_dump_count, nullptr, nullptr, nullptr, "dump"},
    {"fail-on", 0, Arg::One, Complete::FailOn, "<LINTS>",
         "Exit with status 1 when one of these lints fires, during the run,\n"
         "on a task that --filter keeps at the time, and name those tasks\n"
         "on standard error: lint names separated by commas, or `any`.  The\n"
         "lints named are checked even when --warn leaves them out.\n"
         "long-poll is refused: it needs each task's poll times, which\n"
         "dump does not watch; `any` is every other lint.\n",
     "fail when these lints fire", nullptr, nullptr, nullptr,
     &cli_dump_fail_on, nullptr, nullptr, nullptr, "dump"},
    {"from", 0, Arg::One, Complete::File, "<FILE>",
         "Read a recording instead of a live target.\n",
     "read a recording", nullptr, nullptr, nullptr,
     &cli_dump_from, nullptr, nullptr, nullptr, "dump"},
    {"at", 0, Arg::One, Complete::Any, "<DURATION>",
         "With --from: play the recording up to this far into it, then\n"
         "print.  [default: its end]\n",
     "where in the recording to print", nullptr, nullptr, nullptr,
     &cli_dump_at, nullptr, nullptr, nullptr, "dump"},
    // `tokio-console exporter` only.
    {nullptr, 0, Arg::Many, Complete::None, "[TARGET]...",
         "The applications to export, each [NAME=]ADDRESS: an address as\n"
         "TARGET_ADDR takes it, with an optional name for the `app` label.\n"
         "The name defaults to host:port, the socket file's name or\n"
         "vsock-CID:PORT.  console.toml: targets = [\"api=http://10.0.0.5:6669\"].\n"
         "[default: the console's target, http://127.0.0.1:6669]\n",
     "applications to export", nullptr,
     "targets", nullptr,
     nullptr, nullptr,
     &toml_targets, &write_targets, "exporter"},
    {"listen", 0, Arg::One, Complete::Any, "<ADDR:PORT>",
         "Where to serve /metrics: an IPv4 address or a bracketed IPv6 one\n"
         "and a port.  Only loopback unless given.  [default: 127.0.0.1:9669]\n",
     "address to serve metrics on", nullptr, nullptr, nullptr,
     &cli_exporter_listen, nullptr, nullptr, nullptr, "exporter"},
    {"max-locations", 0, Arg::One, Complete::Any, "<N>",
         "At most N spawn locations per target get series of their own; the\n"
         "tasks of the others are counted under location=\"other\".\n"
         "[default: 500]\n",
     "locations per target", nullptr, nullptr, nullptr,
     &cli_exporter_max_locations, nullptr, nullptr, nullptr, "exporter"},
    {"per-task", 0, Arg::None, Complete::None, "",
         "Also export per-task series (task id, name, location) for the\n"
         "--max-tasks busiest tasks of each target.\n",
     "add per-task series", nullptr, nullptr, nullptr,
     &cli_exporter_per_task, nullptr, nullptr, nullptr, "exporter"},
    {"max-tasks", 0, Arg::One, Complete::Any, "<N>",
         "With --per-task: how many tasks per target.  [default: 100]\n",
     "tasks with per-task series", nullptr, nullptr, nullptr,
     &cli_exporter_max_tasks, nullptr, nullptr, nullptr, "exporter"},
    {"watch-details", 0, Arg::One, Complete::Any, "<N>",
         "Watch the details of the N busiest tasks of each target, at once,\n"
         "for the poll-time and scheduled-time histograms and the long-poll\n"
         "lint.  [default: 0]\n",
     "tasks whose poll times are exported", nullptr, nullptr, nullptr,
     &cli_exporter_watch_details, nullptr, nullptr, nullptr, "exporter"},
    {"help", 'h', Arg::None, Complete::None, "",
         "Print this help.\n",
     "print help", nullptr,
     nullptr, nullptr,
     nullptr, nullptr,
     nullptr, nullptr},
    {"version", 'V', Arg::None, Complete::None, "",
         "Print the version.\n",
     "print the version", nullptr,
     nullptr, nullptr,
     nullptr, nullptr,
     nullptr, nullptr},
};
// clang-format on

const char* const kSections[] = {"", "charset", "colors", "colors.enable", "lints", "tls"};

// `name` is `key` or a table that holds it ("colors" holds "colors.enable.durations").
bool holds(const std::string& name, const char* key) {
    std::string k = key;
    return k.size() > name.size() && k.compare(0, name.size(), name) == 0 && k[name.size()] == '.';
}

}  // namespace

std::span<const Option> options() {
    return kOptions;
}

bool exporter_takes(const Option& o) {
    static const char* const shared[] = {"log", "log-dir", "warn", "allow", "retain-for", "self-wakes-percent",
                                         "large-future-bytes", "never-yielded-after", "long-poll", "blocked-after",
                                         "max-message-size", "tls-ca", "targets-file", "tls-cert", "tls-key", "tls-insecure",
                                         "help", "version"};
    if (o.command) return std::string(o.command) == "exporter";
    if (!o.name) return false;
    for (const char* name : shared)
        if (std::string(name) == o.name) return true;
    return false;
}

const Option* option_for_key(const std::string& key) {
    for (const auto& o : kOptions)
        if ((o.toml_key && key == o.toml_key) || (o.toml_alias && key == o.toml_alias)) return &o;
    return nullptr;
}

bool known_table(const std::string& name) {
    for (const auto& o : kOptions)
        if ((o.toml_key && holds(name, o.toml_key)) || (o.toml_alias && holds(name, o.toml_alias))) return true;
    return false;
}

std::span<const char* const> toml_sections() {
    return kSections;
}

}  // namespace config
