// Value parsers: retention, sizes, palettes, lints, targets and
// the --log filter.
#include <cstdint>
#include <string>

#include "config/settings.h"
#include "config/values.h"
#include "t/unit/tap.h"
#include "util/log.h"

using namespace config;

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

// Durations themselves are util/duration.h's (t/unit/util-duration).
static void test_retention() {
    std::optional<uint64_t> r = 1;
    std::string error;
    tap::check(parse_retention("none", r, error) && !r, "retention none");
    tap::check(parse_retention("NONE", r, error) && !r, "retention NONE");
    tap::check(parse_retention("1m", r, error) && r && *r == 60 * s, "retention 1m");
    tap::check(parse_retention("1d04h", r, error) && r && *r == 28 * 3600 * s, "retention as the screen prints it");
    tap::check(!parse_retention("soon", r, error) && error == "invalid duration 'soon': expected a number at 'soon'",
               "a bad retention names the text");
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
    test_retention();
    test_sizes();
    test_palettes();
    test_lints();
    test_targets();
    test_log_filter();
    return tap::done();
}
