// The console's own diagnostics: timestamped lines in a new file under the
// log directory, never on the terminal.  Off until log_init() succeeds
// with a filter that enables something; every call is cheap when off and
// safe from any thread.
//
//   util::log_info("connected to '%s'", target.c_str());
//   util::log_at(util::LogLevel::Debug, "tokio_console::wire", "sent %zu bytes", n);
//
// The filter has the syntax of upstream's --log (RUST_LOG style): a comma
// separated list of directives, each a level ("info"), a target ("wire"),
// or "target=level"; a target matches itself and its "::" children, the
// longest match wins, and a bare level applies to everything else.
#pragma once

#include <string>
#include <vector>

namespace util {

enum class LogLevel { Off = 0, Error, Warn, Info, Debug, Trace };

// One parsed --log filter.  `fallback` applies to targets no directive names.
struct LogFilter {
    struct Directive {
        std::string target;
        LogLevel level;
    };
    LogLevel fallback = LogLevel::Off;
    std::vector<Directive> directives;

    LogLevel level_for(const std::string& target) const;
    bool all_off() const;
    // Canonical text: the fallback level first, then target=level pairs.
    std::string to_string() const;
};

// Parses `text`; on failure returns false and sets `error` to a one-line
// reason naming the bad directive.
bool parse_log_filter(const std::string& text, LogFilter& out, std::string& error);
// Parses one level name ("warn", "WARN", "2", ...).
bool parse_log_level(const std::string& text, LogLevel& out);
const char* log_level_name(LogLevel level);

// Starts logging: creates `dir` if needed and a new file in it named after
// the current time.  With a filter that is all off nothing is created.
// Returns false with `error` set when the directory or file cannot be made.
bool log_init(const LogFilter& filter, const std::string& dir, std::string& error);
// Path of the open log file, empty when logging is off.
std::string log_path();
// Flushes and closes; later calls log nothing.
void log_close();

// The target used by the log_<level> shortcuts.
inline constexpr const char* kDefaultLogTarget = "tokio_console";

bool log_enabled(LogLevel level, const char* target = kDefaultLogTarget);
void log_at(LogLevel level, const char* target, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
void log_error(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log_trace(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace util
