// console.toml: upstream's example, gen-config round trips, the TOML that
// upstream and people write, and errors with their line numbers.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "config/config_file.h"
#include "config/layer.h"
#include "config/settings.h"
#include "t/unit/config-describe.h"
#include "t/unit/fixtures.h"
#include "t/unit/tap.h"

using namespace config;

static bool read_text(const std::string& text, Settings& out, ConfigError& error) {
    Layer l;
    if (!read_config_text(text, l, error)) return false;
    out = merge_layers({l}, Layer());
    return true;
}

static Settings from_text(const std::string& text) {
    Settings s;
    ConfigError error;
    if (!read_text(text, s, error)) tap::diag("unexpected error: " + error.to_string());
    return s;
}

// Expects an error on `line` whose message contains `part`.
static void expect_error(const std::string& text, int line, const std::string& part, const std::string& title) {
    Layer l;
    l.log_dir = "untouched";
    ConfigError error;
    bool ok = read_config_text(text, l, error);
    bool good = !ok && error.line == line && error.message.find(part) != std::string::npos && l.log_dir &&
                *l.log_dir == "untouched" && !l.target;
    if (!tap::check(good, title)) tap::diag("got line " + std::to_string(error.line) + ": " + error.message);
}

static void round_trip(const Settings& s, const std::string& title) {
    std::string text = write_config(s);
    Settings back;
    ConfigError error;
    if (!read_text(text, back, error)) {
        tap::check(false, title);
        tap::diag(error.to_string());
        tap::diag(text);
        return;
    }
    tap::check_eq(describe(back), describe(s), title);
}

// toml++ bounds nested values; we bound dotted keys.  Either way an
// absurd file is an error with a line, not a stack overflow.
static void deep_nesting() {
    std::string arrays = "warnings = " + std::string(20000, '[') + std::string(20000, ']') + "\n";
    expect_error(arrays, 1, "nested value depth", "20,000 nested arrays are an error");
    std::string tables = "colors = ";
    for (int i = 0; i < 20000; i++) tables += "{a=";
    tables += "1" + std::string(20000, '}') + "\n";
    expect_error(tables, 1, "nested value depth", "20,000 nested inline tables are an error");
    std::string dotted;
    for (int i = 0; i < 500000; i++) dotted += "a.";
    expect_error("log = \"info\"\n" + dotted + "a = 1\n", 2, "nest too deep", "a key of 500,000 parts is an error");
    expect_error("\n[" + dotted + "a]\n", 2, "nest too deep", "a header of 500,000 parts is an error");
    std::string ok_dots(200, '.');
    tap::check_eq(from_text("log_directory = \"/" + ok_dots + "\"\n").log_dir, "/" + ok_dots,
                  "200 dots in one line are fine");
}

// Upstream's own gen-config output.
static void upstream_example() {
    if (!fixture::have_fixtures("upstream")) return;
    std::ifstream in(fixture::shared_dir() / "fixtures/upstream/console.example.toml");
    std::stringstream example;
    example << in.rdbuf();
    tap::check(!example.str().empty(), "the upstream example is there");
    Settings want;
    want.lang = "en_US.UTF-8";
    want.truecolor = true;
    want.palette = Palette::All;
    want.palette_explicit = true;
    tap::check_eq(describe(from_text(example.str())), describe(want), "upstream's example gives upstream's defaults");
    round_trip(from_text(example.str()), "the example round trips");
}

static void test_round_trips() {
    round_trip(Settings(), "defaults round trip");
    Settings s;
    s.target = "https://app.example.com:7000";
    s.log_filter = "info,tokio_console::wire=trace";
    s.log_dir = "/var/tmp/logs dir \"quoted\"";
    s.warnings = {"self-wakes", "long-poll"};
    s.allow_warnings = {"lost-waker"};
    s.retain_for_ns.reset();
    s.lang = "de_DE.UTF-8";
    s.ascii_only = true;
    s.colors_enabled = false;
    s.truecolor = true;
    s.palette = Palette::Ansi16;
    s.palette_explicit = true;
    s.duration_colors = false;
    s.terminated_colors = false;
    s.self_wakes_percent = 75;
    s.large_future_bytes = 4096;
    s.never_yielded_after_ns = 2'500'000'000ull;
    s.long_poll_ns = 25'000'000ull;
    s.blocked_after_ns = 30'000'000'000ull;
    s.max_message_size = 4ull << 20;
    s.tls_ca = "/etc/ca.pem";
    s.tls_cert = "/etc/c.pem";
    s.tls_key = "/etc/k.pem";
    s.tls_insecure = true;
    round_trip(s, "every field changed round trips");
    Settings all;
    all.allow_all = true;
    all.allow_warnings = {"self-wakes",        "lost-waker",   "never-yielded",
                          "auto-boxed-future", "large-future", "long-poll"};
    all.target = "file://localhost/run/app.sock";
    all.retain_for_ns = (5ull * 86400 + 122) * 1'000'000'000ull;
    round_trip(all, "allow all, a socket target and a long retention round trip");
    s.warnings.clear();
    round_trip(s, "an empty lint list round trips");
}

// TOML as people write it.
static void test_toml_as_written() {
    Settings t = from_text("# my settings\n"
                           "default_target_addr = 'http://10.0.0.5:6669'   # a comment\n"
                           "warnings = [ # opening\n"
                           "  \"self-wakes\",   # trailing comment\n"
                           "\n"
                           "  # a comment line inside\n"
                           "  'lost-waker'\n"
                           "]\n"
                           "log_directory = \"/tmp/a;b #c\"\n"
                           "retention = \"\"\n"
                           "\n"
                           "[colors]\n"
                           "  enable.durations = false\n"
                           "palette = \"8\"\n"
                           "[ charset ]\n"
                           "lang = \"fr_FR.UTF-8\"\n"
                           "[lints]\n"
                           "large_future_bytes = \"2KiB\"\n"
                           "self_wakes_percent = 1_0\n");
    tap::check_eq(t.target, std::string("http://10.0.0.5:6669"), "literal string, trailing comment");
    tap::check_eq(t.warnings.size(), (size_t)2, "array across lines with comments");
    tap::check_eq(t.log_dir, std::string("/tmp/a;b #c"), "';' and '#' inside a string");
    tap::check(!t.retain_for_ns, "empty retention is none, as upstream writes it");
    tap::check(!t.duration_colors && t.terminated_colors, "dotted key inside a table");
    tap::check(t.palette == Palette::Ansi8 && t.palette_explicit, "palette from the file");
    tap::check_eq(t.lang, std::string("fr_FR.UTF-8"), "table header with spaces");
    tap::check_eq(t.large_future_bytes, (uint64_t)2048, "size as a string");
    tap::check_eq(t.self_wakes_percent, (uint32_t)10, "integer with an underscore");
}

static void test_toml_values() {
    std::string long_path(400, 'x');
    tap::check_eq(from_text("log_directory = \"/" + long_path + "\"\n").log_dir, "/" + long_path,
                  "values longer than an ini line");
    tap::check_eq(from_text("log_directory = \"\\u00e9\\t\\\\\"\n").log_dir, std::string("\xc3\xa9\t\\"),
                  "escapes in basic strings");
    tap::check(from_text("colors = { enabled = false, enable = { terminated = false } }\n").terminated_colors == false,
               "inline tables");
    tap::check(from_text("allow_warnings = \"All\"\n").allow_all, "allow_warnings = \"All\"");
    tap::check(from_text("allow_warnings = { Explicit = [\"lost-waker\"] }\n").allow_warnings ==
                   std::vector<std::string>{"lost-waker"},
               "upstream's explicit allow list");
    tap::check(from_text("[allow_warnings]\nExplicit = [\"never-yielded\"]\n").allow_warnings ==
                   std::vector<std::string>{"never-yielded"},
               "upstream's explicit allow list as a table");
    tap::check_eq(from_text("log = \"off\"\n").log_filter, std::string("off"), "log off");
    tap::check_eq(from_text("\xef\xbb\xbflog = \"debug\"\r\n").log_filter, std::string("debug"),
                  "byte order mark and CRLF");
    tap::check_eq(from_text("max_message_size = 65536\n").max_message_size, (uint64_t)65536, "size as an integer");
    tap::check_eq(from_text("log_directory = \"\"\"\n/tmp/multi\"\"\"\n").log_dir, std::string("/tmp/multi"),
                  "multi-line strings");
    tap::check(from_text("[colors.enable]\ndurations = false\n").duration_colors == false, "a dotted table header");
}

// Errors, with the line, and nothing half-read.
static void test_errors() {
    expect_error("log = \"info\"\nbogus = 1\n", 2, "unknown key 'bogus'", "unknown key");
    expect_error("[colors]\nenabled = true\nbright = true\n", 3, "unknown key 'colors.bright'",
                 "unknown key in a table");
    expect_error("[colours]\n", 1, "unknown table 'colours'", "unknown table");
    expect_error("\n\n[charset]\nascii_only = \"yes\"\n", 4, "must be true or false",
                 "wrong type: string for a boolean");
    expect_error("log = 1\n", 1, "must be a string, not an integer", "wrong type: integer for a string");
    expect_error("warnings = \"self-wakes\"\n", 1, "array of lint names", "wrong type: a string for a list");
    expect_error("warnings = [\n  \"self-wakes\",\n  \"nope\",\n]\n", 1, "unknown lint 'nope'",
                 "unknown lint in a list names the key's line");
    expect_error("log = \"info\"\nlog_directory = \"/tmp\nretention = \"1s\"\n", 2, "unescaped control characters",
                 "unterminated string");
    expect_error("log = \"info\" junk\n", 1, "expected a comment or whitespace", "junk after a value");
    expect_error("a\n", 1, "expected '='", "a key without a value");
    expect_error("warnings = [\"self-wakes\"\nlog = \"x\"\n", 2, "expected comma or closing ']'", "unclosed array");
    expect_error("log = \"a\"\nlog = \"b\"\n", 2, "cannot redefine", "duplicate key");
    expect_error("[tls]\n[tls]\n", 2, "cannot redefine", "duplicate table");
    expect_error("retention = \"5 parsecs\"\n", 1, "unknown unit 'parsecs'", "bad duration");
    expect_error("default_target_addr = \"localhost:6669\"\n", 1, "scheme", "bad target");
    expect_error("[colors]\npalette = \"9\"\n", 2, "invalid palette", "bad palette");
    expect_error("log = \"a=b=c\"\n", 1, "log", "bad log filter");
    expect_error("[[x]]\n", 1, "unknown key 'x'", "arrays of tables are unknown keys");
    expect_error("[colors]\ntruecolor = fals\np = 1\n", 2, "saw 'fals\\x0a'", "a quoted newline is escaped");
    expect_error("\"\\u001b[2J\" = 1\n", 1, "unknown key '\\x1b[2J'", "a key's escape sequence is escaped");
    // toml++ 3.3 reaches a "can't happen" for some non-ASCII letters where
    // it looks for whitespace (upstream issue #295); Debian's build of it
    // gives an error, and these keep that so.
    expect_error("a\xd1\x8a = 1\n", 1, "expected '='", "a Cyrillic letter after a key");
    expect_error("\xcc\xaa", 1, "", "a lone combining mark");
    // toml++ 3.3 asserts on these in debug builds (upstream issue #294).
    expect_error("log = \"info\"\n[&\n", 2, "expected bare key", "a header of a stray character");
    expect_error("[[[1]]]\n", 1, "expected bare key", "a header of three brackets");
    expect_error("[lints]\nself_wakes_percent = 101\n", 2, "from 0 to 100", "percentage range");
    expect_error("[lints]\nlong_poll = 10\n", 2, "must be a string", "duration must be a string");
    expect_error("blocked_after = \"soon\"\n", 1, "invalid duration", "blocked_after must be a duration");
    expect_error("log = \n", 1, "expected value", "missing value");
    expect_error("colors.enabled = 1.5\n", 1, "not a float", "float for a boolean");
}

static void test_error_string() {
    ConfigError e;
    e.file = "/x/console.toml";
    e.line = 4;
    e.message = "unknown key 'a'";
    tap::check_eq(e.to_string(), std::string("/x/console.toml:4: unknown key 'a'"), "errors read FILE:LINE: message");
}

// Files in their places.
static void test_file_paths() {
    char dir_template[] = "/tmp/config-file.XXXXXX";
    std::string dir = mkdtemp(dir_template);
    setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
    auto paths = config_file_paths();
    tap::check(paths.size() == 2 && paths[0] == dir + "/tokio-console/console.toml" && paths[1] == "./console.toml",
               "XDG_CONFIG_HOME first, then ./console.toml");
    setenv("XDG_CONFIG_HOME", "relative", 1);
    setenv("HOME", dir.c_str(), 1);
    tap::check(config_file_paths()[0] == dir + "/.config/tokio-console/console.toml",
               "a relative XDG_CONFIG_HOME is ignored for ~/.config");
    unsetenv("XDG_CONFIG_HOME");
    tap::check(config_file_paths()[0] == dir + "/.config/tokio-console/console.toml",
               "~/.config without XDG_CONFIG_HOME");
    Layer l;
    ConfigError e;
    bool found = true;
    tap::check(read_config_file(dir + "/none.toml", l, found, e) && !found, "a missing file is fine");
    {
        std::ofstream f(dir + "/bad.toml");
        f << "log = \"info\"\n\nnope = true\n";
    }
    tap::check(
        !read_config_file(dir + "/bad.toml", l, found, e) && e.to_string() == dir + "/bad.toml:3: unknown key 'nope'",
        "a bad file is named with its line");
    std::filesystem::remove_all(dir);
}

// Later sources win; lint lists accumulate; colours stay off.
static void test_merge() {
    Layer home, current, cli;
    home.log_filter = "info";
    home.warnings = std::vector<std::string>{"self-wakes"};
    home.colors_enabled = false;
    home.allow_warnings = std::vector<std::string>{"lost-waker"};
    current.log_filter = "debug";
    current.warnings = std::vector<std::string>{"long-poll"};
    current.colors_enabled = true;
    current.allow_warnings = std::vector<std::string>{"large-future"};
    Settings m = merge_layers({home, current}, cli);
    tap::check_eq(m.log_filter, std::string("debug"), "the current directory's file beats home");
    tap::check(m.warnings == std::vector<std::string>{"self-wakes", "long-poll"}, "files' lint lists join");
    tap::check(!m.colors_enabled, "colours off in any file stay off");
    tap::check(m.allow_warnings == std::vector<std::string>{"lost-waker", "large-future"}, "allow lists join");
    cli.log_filter = "trace";
    cli.warnings = std::vector<std::string>{"never-yielded"};
    m = merge_layers({home, current}, cli);
    tap::check_eq(m.log_filter, std::string("trace"), "the command line beats files");
    tap::check(m.warnings == std::vector<std::string>{"self-wakes", "never-yielded", "long-poll"},
               "the command line's lints join the files'");
    tap::check(merge_layers({}, Layer()).warnings.size() == 5, "default lints without any list");
    cli = Layer();
    cli.allow_all = true;
    m = merge_layers({home}, cli);
    tap::check(m.allow_all && m.allow_warnings.size() == 6, "allow all wins");
}

int main() {
    upstream_example();
    test_round_trips();
    test_toml_as_written();
    test_toml_values();
    test_errors();
    deep_nesting();
    test_error_string();
    test_file_paths();
    test_merge();
    return tap::done();
}
