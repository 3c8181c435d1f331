// Value parsers: humantime durations, sizes, palettes, lints, targets and
// the --log filter.
#include <cstdint>
#include <string>

#include "config/settings.h"
#include "config/values.h"
#include "t/unit/tap.h"
#include "util/log.h"

using namespace config;

static uint64_t dur(const std::string& text) {
    uint64_t ns = 0;
    std::string error;
    if (!parse_duration(text, ns, error)) return UINT64_MAX;
    return ns;
}

static bool dur_fails(const std::string& text, const std::string& part) {
    uint64_t ns;
    std::string error;
    bool ok = parse_duration(text, ns, error);
    if (!ok && error.find(part) == std::string::npos) tap::diag("error was: " + error);
    return !ok && error.find(part) != std::string::npos;
}

static uint64_t size(const std::string& text) {
    uint64_t n = 0;
    std::string error;
    if (!parse_size(text, n, error)) return 0;
    return n;
}

static bool target_ok(const std::string& t) {
    std::string error;
    return check_target(t, error);
}

// One second in nanoseconds.
static const uint64_t s = 1'000'000'000ull;

static void test_durations() {
    tap::check_eq(dur("6s"), 6 * s, "6s");
    tap::check_eq(dur("5days 2min 2s"), (5 * 86400 + 122) * s, "5days 2min 2s");
    tap::check_eq(dur("1h30m"), 5400 * s, "spans without spaces");
    tap::check_eq(dur("2 hours"), 7200 * s, "space between number and unit");
    tap::check_eq(dur("10ms"), 10'000'000ull, "ms");
    tap::check_eq(dur("3us") + dur("4ns"), 3004ull, "us and ns");
    tap::check_eq(dur("1nsec 1usec 1msec"), 1'001'001ull, "nsec usec msec");
    tap::check_eq(dur("1second 1sec"), 2 * s, "second, sec");
    tap::check_eq(dur("1minute 2minutes 1min 1m"), 300 * s, "minute forms");
    tap::check_eq(dur("1hour 1hr 1h 2hours"), 5 * 3600 * s, "hour forms");
    tap::check_eq(dur("1day 2days 1d"), 4 * 86400 * s, "day forms");
    tap::check_eq(dur("1w 1week 1weeks"), 21 * 86400 * s, "week forms");
    tap::check_eq(dur("1M"), 2'630'016 * s, "M is a month of 30.44 days");
    tap::check_eq(dur("1month 1months"), 2 * 2'630'016 * s, "month forms");
    tap::check_eq(dur("1y"), 31'557'600 * s, "y is 365.25 days");
    tap::check_eq(dur("1year 1years"), 2 * 31'557'600 * s, "year forms");
    tap::check_eq(dur("1.5s"), 1'500'000'000ull, "a fraction, as Rust prints durations");
    tap::check(dur_fails("", "empty"), "empty duration is an error");
    tap::check(dur_fails("5", "unit"), "a number alone needs a unit");
    tap::check(dur_fails("5x", "unknown unit 'x'"), "unknown unit is named");
    tap::check(dur_fails("s", "expected a number"), "a unit alone is an error");
    tap::check(dur_fails("-5s", "expected a number"), "negative durations are errors");
    tap::check(dur_fails("99999999999y", "too long"), "overflow is an error");
}

static void test_retention_and_format() {
    std::optional<uint64_t> r = 1;
    std::string error;
    tap::check(parse_retention("none", r, error) && !r, "retention none");
    tap::check(parse_retention("NONE", r, error) && !r, "retention NONE");
    tap::check(parse_retention("1m", r, error) && r && *r == 60 * s, "retention 1m");

    for (uint64_t v : std::initializer_list<uint64_t>{0, 1, 6 * s, 439'322 * s, 1'500'000'000ull, 86400 * s + 1,
                                                      10'000'000ull, 3'600'000'001'001ull})
        tap::check_eq(dur(format_duration(v)), v, "format_duration reads back: " + format_duration(v));
    tap::check_eq(format_duration(6 * s), std::string("6s"), "6s prints as 6s");
    tap::check_eq(format_duration((5 * 86400 + 122) * s), std::string("5days 2m 2s"), "days, minutes and seconds");
}

static void test_sizes() {
    tap::check_eq(size("4MiB"), 4ull << 20, "4MiB");
    tap::check_eq(size("100MB"), 100'000'000ull, "100MB");
    tap::check_eq(size("1GiB"), 1ull << 30, "1GiB");
    tap::check_eq(size("65536"), 65536ull, "plain bytes");
    tap::check_eq(size("2k"), 2048ull, "k");
    tap::check_eq(size("10 kb"), 10'000ull, "kb with a space");
    tap::check_eq(size("12B"), 12ull, "B");
    tap::check_eq(size("0"), 0ull, "zero is refused");
    tap::check_eq(size("4XB"), 0ull, "unknown unit is refused");
    tap::check_eq(size("MiB"), 0ull, "a unit alone is refused");
    tap::check_eq(size("99999999999GiB"), 0ull, "overflow is refused");
    for (uint64_t v :
         std::initializer_list<uint64_t>{1ull << 30, 4ull << 20, 100'000'000ull, 1024ull, 1000ull, 12345ull})
        tap::check_eq(size(format_size(v)), v, "format_size reads back: " + format_size(v));
    tap::check_eq(format_size(1ull << 30), std::string("1GiB"), "1GiB prints as 1GiB");
}

static void test_palettes() {
    std::string error;
    Palette p;
    tap::check(parse_palette("8", p, error) && p == Palette::Ansi8, "palette 8");
    tap::check(parse_palette("16", p, error) && p == Palette::Ansi16, "palette 16");
    tap::check(parse_palette("256", p, error) && p == Palette::Ansi256, "palette 256");
    tap::check(parse_palette("all", p, error) && p == Palette::All, "palette all");
    tap::check(parse_palette("off", p, error) && p == Palette::Off, "palette off");
    tap::check(!parse_palette("9", p, error) && error.find("'9'") != std::string::npos,
               "palette 9 is refused and quoted");
    bool b;
    tap::check(parse_colorterm("24bit", true, b, error) && b, "colorterm 24bit");
    tap::check(parse_colorterm("TrueColor", true, b, error) && b, "colorterm truecolor, any case");
    tap::check(!parse_colorterm("yes", true, b, error), "colorterm yes refused on the command line");
    tap::check(parse_colorterm("yes", false, b, error) && !b, "COLORTERM=yes means no truecolor");
}

static void test_lints() {
    std::string error;
    std::vector<std::string> lints;
    bool all;
    tap::check(parse_lint_list("self-wakes,lost-waker", false, lints, all, error) && lints.size() == 2,
               "lint list with a comma");
    tap::check(!parse_lint_list("self-wakes,nope", false, lints, all, error) && error == "unknown lint 'nope'",
               "unknown lint is named");
    tap::check(!parse_lint_list("all", false, lints, all, error), "all is not a lint for --warn");
    tap::check(parse_lint_list("all", true, lints, all, error) && all, "all for --allow");
    tap::check(!parse_lint_list("all,self-wakes", true, lints, all, error), "all mixed with names");
    tap::check(!parse_lint_list("self-wakes,", false, lints, all, error), "empty name refused");
    lints = {"long-poll", "large-future", "self-wakes", "large-future"};
    normalize_lints(lints);
    tap::check(lints == std::vector<std::string>{"self-wakes", "large-future", "long-poll"},
               "lints sort into the known order without repeats");
    Settings st;
    st.allow_warnings = {"lost-waker"};
    tap::check_eq(active_lints(st).size(), (size_t)4, "allowed lints are not active");
    st.allow_all = true;
    tap::check(active_lints(st).empty(), "allow all leaves nothing active");
}

static void test_targets() {
    tap::check(target_ok("http://127.0.0.1:6669"), "http target");
    tap::check(target_ok("http://127.0.0.1:6669/"), "http target with a slash");
    tap::check(target_ok("https://example.com"), "https without a port");
    tap::check(target_ok("http://[::1]:6669"), "IPv6 literal");
    tap::check(target_ok("file://localhost/tmp/app.sock"), "file target");
    tap::check(target_ok("file:///tmp/app.sock"), "file target without host");
    tap::check(target_ok("vsock://2:6669"), "vsock target");
    tap::check(!target_ok("127.0.0.1:6669"), "no scheme is refused");
    tap::check(!target_ok("ftp://host:1"), "unknown scheme is refused");
    tap::check(!target_ok("http://host:99999"), "port out of range");
    tap::check(!target_ok("http://host:x"), "port not a number");
    tap::check(!target_ok("http://:6669"), "no host");
    tap::check(!target_ok("file://"), "file without a path");
    tap::check(!target_ok("vsock://x:1"), "vsock cid not a number");
}

static void test_log_filter() {
    std::string error;
    util::LogFilter f;
    tap::check(util::parse_log_filter("info", f, error) && f.fallback == util::LogLevel::Info, "log filter: a level");
    tap::check(util::parse_log_filter("warn,tokio_console::wire=trace,h2=off", f, error) &&
                   f.level_for("tokio_console::wire::conn") == util::LogLevel::Trace &&
                   f.level_for("tokio_console") == util::LogLevel::Warn && f.level_for("h2") == util::LogLevel::Off,
               "log filter: targets, longest prefix wins");
    tap::check_eq(f.to_string(), std::string("warn,tokio_console::wire=trace,h2=off"), "log filter prints back");
    tap::check(util::parse_log_filter("DEBUG", f, error) && f.fallback == util::LogLevel::Debug,
               "log level in capitals");
    tap::check(util::parse_log_filter("off", f, error) && f.all_off(), "off is all off");
    tap::check(util::parse_log_filter("wire", f, error) && f.level_for("wire") == util::LogLevel::Trace,
               "a bare target enables everything for it");
    tap::check(!util::parse_log_filter("wire=loud", f, error) && error.find("'loud'") != std::string::npos,
               "bad level is named");
    tap::check(!util::parse_log_filter("a b=info", f, error), "bad target refused");
}

int main() {
    test_durations();
    test_retention_and_format();
    test_sizes();
    test_palettes();
    test_lints();
    test_targets();
    test_log_filter();
    return tap::done();
}
