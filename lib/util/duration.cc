// Durations as text: the formatter and the parser of one grammar.
#include "util/duration.h"

#include <cstdio>

namespace util {

namespace {

constexpr uint64_t kUs = 1000;
constexpr uint64_t kMs = 1000 * kUs;
constexpr uint64_t kSec = 1000 * kMs;
constexpr uint64_t kMin = 60 * kSec;
constexpr uint64_t kHour = 60 * kMin;
constexpr uint64_t kDay = 24 * kHour;

const char kMicro[] = "\xc2\xb5";  // µ, MICRO SIGN, as the screen prints it

struct Unit {
    std::string_view name;
    uint64_t ns;
};

// humantime's spellings, a few long forms it lacks, and both micro signs.
const Unit kUnits[] = {
    {"ns", 1},
    {"nsec", 1},
    {"nanos", 1},
    {"nanosecond", 1},
    {"nanoseconds", 1},
    {"us", kUs},
    {"\xc2\xb5s", kUs},  // µs, MICRO SIGN
    {"\xce\xbcs", kUs},  // μs, GREEK SMALL LETTER MU
    {"usec", kUs},
    {"micros", kUs},
    {"microsecond", kUs},
    {"microseconds", kUs},
    {"ms", kMs},
    {"msec", kMs},
    {"millis", kMs},
    {"millisecond", kMs},
    {"milliseconds", kMs},
    {"s", kSec},
    {"sec", kSec},
    {"secs", kSec},
    {"second", kSec},
    {"seconds", kSec},
    {"m", kMin},
    {"min", kMin},
    {"mins", kMin},
    {"minute", kMin},
    {"minutes", kMin},
    {"h", kHour},
    {"hr", kHour},
    {"hrs", kHour},
    {"hour", kHour},
    {"hours", kHour},
    {"d", kDay},
    {"day", kDay},
    {"days", kDay},
    {"w", 7 * kDay},
    {"week", 7 * kDay},
    {"weeks", 7 * kDay},
    {"M", 2'630'016 * kSec},  // 30.44 days, as humantime
    {"month", 2'630'016 * kSec},
    {"months", 2'630'016 * kSec},
    {"y", 31'557'600 * kSec},  // 365.25 days
    {"year", 31'557'600 * kSec},
    {"years", 31'557'600 * kSec},
};

// Below a minute: the largest unit that keeps the number at least 1.
std::string short_form(int64_t ns, int precision, bool ascii, DurationUnit& u) {
    struct Scale {
        uint64_t ns;
        const char* name;
        DurationUnit unit;
    };
    static const Scale scales[] = {
        {kSec, "s", DurationUnit::S}, {kMs, "ms", DurationUnit::Ms}, {kUs, "us", DurationUnit::Us}};
    Scale scale{1, "ns", DurationUnit::Ns};
    for (const Scale& s : scales)
        if (static_cast<uint64_t>(ns) >= s.ns) {
            scale = s;
            break;
        }
    if (scale.ns == 1) precision = 0;
    u = scale.unit;
    std::string name = u == DurationUnit::Us && !ascii ? std::string(kMicro) + "s" : scale.name;
    char buf[48];
    snprintf(buf, sizeof buf, "%.*f", precision < 0 ? 0 : precision, static_cast<double>(ns) / scale.ns);
    return buf + name;
}

// A minute or more: the two largest parts, truncated.
std::string long_form(uint64_t s, DurationUnit& u) {
    char buf[48];
    auto ull = [](uint64_t x) { return static_cast<unsigned long long>(x); };
    u = s >= 86400 ? DurationUnit::D : s >= 3600 ? DurationUnit::H : DurationUnit::Min;
    if (s >= 100 * 86400)
        snprintf(buf, sizeof buf, "%llud", ull(s / 86400));
    else if (s >= 86400)
        snprintf(buf, sizeof buf, "%llud%02lluh", ull(s / 86400), ull(s / 3600 % 24));
    else if (s >= 3600)
        snprintf(buf, sizeof buf, "%lluh%02llum", ull(s / 3600), ull(s / 60 % 60));
    else
        snprintf(buf, sizeof buf, "%llum%02llus", ull(s / 60), ull(s % 60));
    return buf;
}

// kExactDuration: d, h, m, s as the screen pairs them (zero-padded, at
// least two from a minute on), then the nonzero parts below a second.
std::string exact_form(uint64_t ns, bool ascii, DurationUnit& u) {
    static const uint64_t sizes[] = {kDay, kHour, kMin, kSec, kMs, kUs, 1};
    const std::string names[] = {"d", "h", "m", "s", "ms", ascii ? "us" : std::string(kMicro) + "s", "ns"};
    static const DurationUnit units[] = {DurationUnit::D,  DurationUnit::H,  DurationUnit::Min, DurationUnit::S,
                                         DurationUnit::Ms, DurationUnit::Us, DurationUnit::Ns};
    uint64_t part[7];
    int first = -1, last = 6;
    for (int k = 0; k < 7; k++) {
        part[k] = ns / sizes[k];
        ns %= sizes[k];
        if (part[k] && first < 0) first = k;
        if (part[k]) last = k;
    }
    if (first < 0) first = 6;  // zero: "0ns"
    if (first <= 2 && last < first + 1) last = first + 1;
    u = units[first];
    std::string out;
    char buf[32];
    for (int k = first; k <= last; k++) {
        if (k > 3 && k > first && !part[k]) continue;
        snprintf(buf, sizeof buf, "%0*llu", k > first && k <= 3 ? 2 : 1, static_cast<unsigned long long>(part[k]));
        out += buf + names[k];
    }
    return out;
}

}  // namespace

std::string format_duration(int64_t ns, int precision, bool ascii, DurationUnit* unit) {
    if (ns < 0) ns = 0;
    DurationUnit u;
    std::string text;
    if (precision == kExactDuration)
        text = exact_form(static_cast<uint64_t>(ns), ascii, u);
    else if (static_cast<uint64_t>(ns) >= kMin)
        text = long_form(static_cast<uint64_t>(ns) / kSec, u);
    else
        text = short_form(ns, precision, ascii, u);
    if (unit) *unit = u;
    return text;
}

std::string format_seconds(int64_t ns) {
    if (ns < static_cast<int64_t>(kSec)) return "0s";
    return format_duration(ns / static_cast<int64_t>(kSec) * static_cast<int64_t>(kSec), 0, true);
}

namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The text being read and where the reading stands.
struct Cursor {
    std::string_view s;
    size_t i = 0;

    bool done() const { return i >= s.size(); }
    std::string_view rest() const { return s.substr(i); }
    void skip_space() {
        while (!done() && space(s[i])) i++;
    }
    std::string_view digits() {
        size_t from = i;
        while (!done() && digit(s[i])) i++;
        return s.substr(from, i - from);
    }
    // Letters, and the two-byte micro signs.
    std::string_view unit() {
        size_t from = i;
        while (!done()) {
            char c = s[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                i++;
            else if (rest().starts_with("\xc2\xb5") || rest().starts_with("\xce\xbc"))
                i += 2;
            else
                break;
        }
        return s.substr(from, i - from);
    }
};

bool fail(std::string& why, std::string text) {
    why = std::move(text);
    return false;
}

const Unit* find_unit(std::string_view name) {
    for (const Unit& u : kUnits)
        if (u.name == name) return &u;
    return nullptr;
}

// total += whole.frac units, the fraction truncated to the nanosecond.
bool add_span(uint64_t& total, std::string_view whole, std::string_view frac, uint64_t unit) {
    uint64_t n = 0, p;
    for (char c : whole)
        if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, uint64_t(c - '0'), &n)) return false;
    if (__builtin_mul_overflow(n, unit, &p) || __builtin_add_overflow(total, p, &total)) return false;
    uint64_t scale = unit;
    for (char c : frac) {
        scale /= 10;
        if (__builtin_add_overflow(total, uint64_t(c - '0') * scale, &total)) return false;
    }
    return true;
}

// One span at c: NUMBER [space] UNIT.  `only` when it is the whole text,
// where a bare 0 needs no unit.
bool span(Cursor& c, uint64_t& total, bool& only, std::string& why) {
    std::string_view rest = c.rest(), whole = c.digits(), frac;
    if (whole.empty()) return fail(why, "expected a number at '" + std::string(rest) + "'");
    if (!c.done() && c.s[c.i] == '.') {
        c.i++;
        frac = c.digits();
        if (frac.empty()) return fail(why, "expected digits after '.'");
    }
    c.skip_space();
    std::string_view name = c.unit();
    if (name.empty()) {
        bool zero = whole.find_first_not_of('0') == std::string_view::npos &&
                    frac.find_first_not_of('0') == std::string_view::npos;
        if (only && zero && c.done()) return true;
        if (c.done()) return fail(why, "a unit is missing, as in 10ms or 1m05s");
        return fail(why, "expected a unit at '" + std::string(c.rest()) + "'");
    }
    only = false;
    const Unit* u = find_unit(name);
    if (!u) return fail(why, "unknown unit '" + std::string(name) + "' (ns, us, ms, s, m, h, d, w, M, y)");
    if (!add_span(total, whole, frac, u->ns)) return fail(why, "too long");
    return true;
}

}  // namespace

bool parse_duration(std::string_view text, uint64_t& ns, std::string& error) {
    Cursor c{text};
    c.skip_space();
    if (c.done()) return fail(error, "empty duration");
    uint64_t total = 0;
    bool only = true;
    std::string why;
    while (!c.done() && why.empty())
        if (span(c, total, only, why)) c.skip_space();
    if (why.empty() && total > static_cast<uint64_t>(INT64_MAX)) why = "too long";
    if (!why.empty()) return fail(error, "invalid duration '" + std::string(text) + "': " + why);
    ns = total;
    return true;
}

}  // namespace util
