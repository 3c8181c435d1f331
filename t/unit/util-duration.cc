// The one duration grammar: what the formatter writes, the parser reads
// back (at the formatter's precision), every spelling humantime takes
// reads as it should, and bad text fails with a line that quotes it.
#include <cstdint>
#include <string>

#include "t/unit/tap.h"
#include "util/duration.h"

using util::format_duration;

namespace {

constexpr int64_t kUs = 1000, kMs = 1000 * kUs, kS = 1000 * kMs, kMin = 60 * kS, kH = 60 * kMin, kD = 24 * kH;

// The value of `text`, or -1 when it does not parse.
int64_t parse(const std::string& text) {
    uint64_t ns = 0;
    std::string error;
    if (!util::parse_duration(text, ns, error)) return -1;
    return static_cast<int64_t>(ns);
}

// The error for `text`, or "" when it parses.
std::string error_of(const std::string& text) {
    uint64_t ns = 0;
    std::string error;
    return util::parse_duration(text, ns, error) ? "" : error;
}

struct Shown {
    int64_t ns;
    int precision;
    const char* text;  // UTF-8; its ASCII form has "us" for "µs"
};

// Values the screen shows exactly: format gives the text, parse the value.
const Shown kExact[] = {
    {0, 0, "0ns"},
    {12, 2, "12ns"},
    {450 * kUs, 0, "450\xc2\xb5s"},
    {150 * kUs, 2, "150.00\xc2\xb5s"},
    {3250 * kUs, 2, "3.25ms"},
    {2500 * kMs, 1, "2.5s"},
    {35'380 * kMs, 2, "35.38s"},
    {59 * kS, 0, "59s"},
    {65 * kS, 0, "1m05s"},
    {12 * kMin + 30 * kS, 2, "12m30s"},
    {2 * kH + 3 * kMin, 0, "2h03m"},
    {kD + 4 * kH, 0, "1d04h"},
    {120 * kD, 0, "120d"},
};

// Values it rounds or truncates: the text, and what that reads back as.
struct Rounded {
    int64_t ns;
    int precision;
    const char* text;
    int64_t back;
};
const Rounded kRounded[] = {
    {1'234'567, 2, "1.23ms", 1'230'000},
    {1'236'000, 2, "1.24ms", 1'240'000},
    {1'600, 0, "2us", 2'000},
    {59'999 * kMs, 2, "60.00s", 60 * kS},
    {65 * kS + 700 * kMs, 2, "1m05s", 65 * kS},
    {2 * kH + 3 * kMin + 59 * kS, 0, "2h03m", 2 * kH + 3 * kMin},
    {kD + 4 * kH + 59 * kMin, 0, "1d04h", kD + 4 * kH},
    {123 * kD + 23 * kH, 0, "123d", 123 * kD},
};

std::string ascii_of(std::string s) {
    size_t at = s.find("\xc2\xb5");
    if (at != std::string::npos) s.replace(at, 2, "u");
    return s;
}

void round_trips() {
    for (const Shown& v : kExact) {
        std::string text = format_duration(v.ns, v.precision, false);
        tap::check_eq(text, std::string(v.text), "formats " + std::string(v.text));
        tap::check_eq(parse(text), v.ns, std::string(v.text) + " reads back");
        std::string ascii = format_duration(v.ns, v.precision, true);
        tap::check_eq(ascii, ascii_of(v.text), "ASCII " + ascii);
        tap::check_eq(parse(ascii), v.ns, ascii + " reads back");
    }
    for (const Rounded& v : kRounded) {
        std::string text = format_duration(v.ns, v.precision, true);
        tap::check_eq(text, std::string(v.text), std::to_string(v.ns) + "ns shows as " + v.text);
        tap::check_eq(parse(text), v.back, std::string(v.text) + " reads back as shown");
    }
}

// The exact form gives every value back, and humantime's integers only.
void exact() {
    const int64_t values[] = {0,  1,           999,           1500 * kUs,   6 * kS,       kS + 500 * kMs, 65 * kS,
                              kH, kD + 5 * kS, 3 * kH + 1001, 120 * kD + 1, 439'322 * kS, INT64_MAX};
    for (int64_t v : values) {
        std::string text = format_duration(v, util::kExactDuration, true);
        tap::check_eq(parse(text), v, "exact " + text + " reads back");
        tap::check(text.find('.') == std::string::npos, "exact " + text + " has no decimals");
    }
    tap::check_eq(format_duration(6 * kS, util::kExactDuration, true), std::string("6s"), "exact 6s");
    tap::check_eq(format_duration(kS + 500 * kMs, util::kExactDuration, true), std::string("1s500ms"), "exact 1s500ms");
    tap::check_eq(format_duration(kD + 5 * kS, util::kExactDuration, true), std::string("1d00h00m05s"),
                  "exact form pads as the screen does");
    tap::check_eq(format_duration(2 * kMin, util::kExactDuration, true), std::string("2m00s"),
                  "exact form keeps the screen's pair");
    util::DurationUnit unit;
    format_duration(35'384'210'000, 2, false, &unit);
    tap::check(unit == util::DurationUnit::S, "35.38s is coloured as seconds");
    tap::check_eq(format_duration(-5, 2, true), std::string("0ns"), "a negative duration shows as 0ns");
    tap::check_eq(util::format_seconds(0), std::string("0s"), "whole seconds: 0s");
    tap::check_eq(util::format_seconds(750 * kMs), std::string("0s"), "whole seconds: under one");
    tap::check_eq(util::format_seconds(45 * kS + 900 * kMs), std::string("45s"), "whole seconds: truncated");
    tap::check_eq(util::format_seconds(12 * kMin + 30 * kS), std::string("12m30s"), "whole seconds: minutes");
}

struct Spelling {
    const char* text;
    int64_t ns;
};
const Spelling kSpellings[] = {
    {"5s", 5 * kS},
    {"1h 30m", 90 * kMin},
    {"1h30m", 90 * kMin},
    {"100ms", 100 * kMs},
    {"2days", 2 * kD},
    {"1min", kMin},
    {"3 hours", 3 * kH},
    {"  20 min 17 nsec ", 20 * kMin + 17},
    {"5days 2min 2s", 5 * kD + 122 * kS},
    {"150us", 150 * kUs},
    {"150\xc2\xb5s", 150 * kUs},
    {"150\xce\xbcs", 150 * kUs},
    {"2.5s", 2500 * kMs},
    {"1.5h", 90 * kMin},
    {"0ns", 0},
    {"0", 0},
    {"0.0", 0},
    {"1m05s", 65 * kS},
    {"1d04h", kD + 4 * kH},
    {"12m30s", 750 * kS},
    {"1nsec 1usec 1msec", 1'001'001},
    {"1nanos 1micros 1millis", 1'001'001},
    {"1second 1sec 1secs 1seconds", 4 * kS},
    {"1minute 2minutes 1min 1mins 1m", 6 * kMin},
    {"1hour 1hr 1hrs 1h 2hours", 6 * kH},
    {"1day 2days 1d", 4 * kD},
    {"1w 1week 2weeks", 28 * kD},
    {"1M", 2'630'016 * kS},
    {"1month 1months", 2 * 2'630'016 * kS},
    {"1y 1year 1years", 3 * 31'557'600 * kS},
    {"1.0000000019s", kS + 1},
};

void spellings() {
    for (const Spelling& s : kSpellings) tap::check_eq(parse(s.text), s.ns, std::string("reads '") + s.text + "'");
}

struct Bad {
    const char* text;
    const char* error;
};
const Bad kBad[] = {
    {"", "empty duration"},
    {"  ", "empty duration"},
    {"5", "invalid duration '5': a unit is missing, as in 10ms or 1m05s"},
    {"5x", "invalid duration '5x': unknown unit 'x' (ns, us, ms, s, m, h, d, w, M, y)"},
    {"5 MS", "invalid duration '5 MS': unknown unit 'MS' (ns, us, ms, s, m, h, d, w, M, y)"},
    {"s", "invalid duration 's': expected a number at 's'"},
    {"-5s", "invalid duration '-5s': expected a number at '-5s'"},
    {"1s 2", "invalid duration '1s 2': a unit is missing, as in 10ms or 1m05s"},
    {"0 5s", "invalid duration '0 5s': expected a unit at '5s'"},
    {"1.s", "invalid duration '1.s': expected digits after '.'"},
    {".5s", "invalid duration '.5s': expected a number at '.5s'"},
    {"10%", "invalid duration '10%': expected a unit at '%'"},
    {"1e3ms", "invalid duration '1e3ms': unknown unit 'e' (ns, us, ms, s, m, h, d, w, M, y)"},
    {"300y", "invalid duration '300y': too long"},
    {"99999999999999999999s", "invalid duration '99999999999999999999s': too long"},
};

void bad_text() {
    for (const Bad& b : kBad)
        tap::check_eq(error_of(b.text), std::string(b.error), std::string("rejects '") + b.text + "'");
    tap::check(parse("292y") > 0, "292 years fit");
}

}  // namespace

int main() {
    round_trips();
    exact();
    spellings();
    bad_text();
    return tap::done();
}
