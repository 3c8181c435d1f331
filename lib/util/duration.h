// Durations as text: the one grammar the program prints and reads back.
//
// The formatter writes 12ns, 450µs (450us in ASCII), 3.25ms or 35.38s
// below a minute, then two parts: 1m05s, 2h03m, 1d04h, and 120d from
// 100 days on.  The parser reads all of that, and humantime's spans as
// upstream's console.toml and flags take them: 5s, 1h 30m, 100ms, 2days,
// 1min, 3 hours.  Spans add up; spaces between them or before a unit are
// allowed, a number may have decimals (2.5s, 1.5h), and 0 needs no unit.
// Units are case-sensitive as in humantime: m is a minute, M a month
// (30.44 days), y a year (365.25 days).  A count's M (a million, in the
// filter) is not a duration and is not read here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace util {

// The units format_duration chooses, smallest first.
enum class DurationUnit { Ns, Us, Ms, S, Min, H, D };

// As `precision`: every part down to the nanosecond, in whole numbers, so
// that parsing gives the value back and humantime reads it too:
// 1s500ms, 1m05s, 1d00h00m05s.  For configuration written back.
constexpr int kExactDuration = -1;

// `ns` as the tables, the details and the sentences show it; `precision`
// is the decimals below a minute (none for nanoseconds).  Negative
// durations print as 0ns.  `unit`, when given, is set to the largest unit
// written, for colouring.
std::string format_duration(int64_t ns, int precision, bool ascii, DurationUnit* unit = nullptr);

// Whole seconds, for clocks and ages: 0s, 45s, 12m30s, 2h03m.
std::string format_seconds(int64_t ns);

// Reads `text` into `ns` (at most INT64_MAX).  On failure returns false
// with `error` a one-line reason that quotes the text.
bool parse_duration(std::string_view text, uint64_t& ns, std::string& error);

}  // namespace util
