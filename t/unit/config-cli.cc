// The command line: every option, environment stand-ins, subcommands and
// the one-line errors.
#include <cstdlib>
#include <string>
#include <vector>

#include "config/cli.h"
#include "config/config_file.h"
#include "t/unit/tap.h"

using namespace config;

static bool parse(std::vector<const char*> args, CommandLine& cl, UsageError& e) {
    args.insert(args.begin(), "tokio-console");
    return parse_command_line((int)args.size(), args.data(), cl, e);
}

static CommandLine ok(std::vector<const char*> args, const std::string& title) {
    CommandLine cl;
    UsageError e;
    if (!tap::check(parse(args, cl, e), title)) tap::diag("error: " + e.message);
    return cl;
}

static void bad(std::vector<const char*> args, const std::string& part, const std::string& title) {
    CommandLine cl;
    UsageError e;
    bool failed = !parse(args, cl, e);
    if (!tap::check(failed && e.message.find(part) != std::string::npos && !e.hint.empty() &&
                        e.message.find('\n') == std::string::npos,
                    title))
        tap::diag("message: " + e.message);
}

static void test_options() {
    CommandLine cl = ok({}, "no arguments");
    tap::check(cl.command == Command::Run && !cl.layer.target, "runs with the default target");
    cl = ok({"http://10.1.2.3:7000"}, "a target");
    tap::check(cl.layer.target && *cl.layer.target == "http://10.1.2.3:7000", "target kept");
    cl = ok(
        {"--log", "debug", "--log-dir=/tmp/x", "-W", "self-wakes,long-poll", "-W", "lost-waker", "-A", "large-future"},
        "log, lints");
    tap::check(*cl.layer.log_filter == "debug" && *cl.layer.log_dir == "/tmp/x", "log options");
    tap::check(cl.layer.warnings->size() == 3, "-W with commas and repeats");
    tap::check(cl.layer.allow_warnings->size() == 1 && !cl.layer.allow_all, "-A list");
    cl = ok({"-W", "self-wakes", "lost-waker"}, "-W takes several values");
    tap::check(cl.layer.warnings->size() == 2, "both values taken");
    cl = ok({"-A", "all"}, "-A all");
    tap::check(cl.layer.allow_all, "allow all set");
    cl = ok({"--lang", "C", "--ascii-only", "true", "--no-duration-colors", "true", "--no-terminated-colors", "false",
             "--palette", "256"},
            "terminal options");
    tap::check(*cl.layer.lang == "C" && *cl.layer.ascii_only && !*cl.layer.duration_colors &&
                   *cl.layer.terminated_colors && *cl.layer.palette == Palette::Ansi256,
               "terminal values");
    cl = ok({"--no-colors"}, "--no-colors");
    tap::check(cl.layer.colors_enabled && !*cl.layer.colors_enabled, "colours off");
    cl = ok({"--colorterm", "24bit"}, "--colorterm");
    tap::check(*cl.layer.truecolor, "truecolor on");
    cl = ok({"--retain-for", "5days 2min 2s"}, "--retain-for with spans");
    tap::check(**cl.layer.retain_for_ns == (5ull * 86400 + 122) * 1'000'000'000ull, "retention value");
    cl = ok({"--retain-for", "none"}, "--retain-for none");
    tap::check(cl.layer.retain_for_ns && !*cl.layer.retain_for_ns, "no retention limit");
}

static void test_targets() {
    CommandLine cl = ok({"http://a:1", "api=http://b:2"}, "several targets");
    tap::check(!cl.layer.target && cl.layer.targets && cl.layer.targets->size() == 2, "kept as a list");
    cl = ok({"api=http://b:2"}, "one named target");
    tap::check(!cl.layer.target && cl.layer.targets && cl.layer.targets->size() == 1, "a list of one");
    cl = ok({"dump", "http://a:1", "http://b:2"}, "dump of several targets");
    tap::check(cl.command == Command::Dump && cl.layer.targets->size() == 2, "dump's list");
    cl = ok({"--targets-file", "/tmp/list", "http://a:1"}, "a targets file and a target");
    tap::check(*cl.layer.targets_file == "/tmp/list" && *cl.layer.target == "http://a:1", "both kept");
}

static void test_wire_and_thresholds() {
    CommandLine cl = ok({"--max-message-size", "4MiB", "--tls-ca", "ca.pem", "--tls-cert", "c.pem", "--tls-key",
                         "k.pem", "--tls-insecure"},
                        "wire options");
    tap::check(*cl.layer.max_message_size == 4ull << 20 && *cl.layer.tls_ca == "ca.pem" &&
                   *cl.layer.tls_cert == "c.pem" && *cl.layer.tls_key == "k.pem" && *cl.layer.tls_insecure,
               "wire values");
    cl = ok({"--self-wakes-percent", "80", "--large-future-bytes", "2048", "--never-yielded-after", "2s", "--long-poll",
             "50ms"},
            "lint thresholds");
    tap::check(*cl.layer.self_wakes_percent == 80 && *cl.layer.large_future_bytes == 2048 &&
                   *cl.layer.never_yielded_after_ns == 2'000'000'000ull && *cl.layer.long_poll_ns == 50'000'000ull,
               "threshold values");
    cl = ok({"--blocked-after", "250ms"}, "--blocked-after");
    tap::check(*cl.layer.blocked_after_ns == 250'000'000ull, "--blocked-after value");
}

static void test_subcommands() {
    CommandLine cl = ok({"gen-config"}, "gen-config");
    tap::check(cl.command == Command::GenConfig, "gen-config command");
    cl = ok({"--palette", "8", "gen-config"}, "options before gen-config");
    tap::check(cl.command == Command::GenConfig && *cl.layer.palette == Palette::Ansi8, "options apply to gen-config");
    cl = ok({"gen-completion", "zsh"}, "gen-completion");
    tap::check(cl.command == Command::GenCompletion && cl.shell == "zsh", "gen-completion shell");
    cl = ok({"--help"}, "--help");
    tap::check(cl.command == Command::Help, "help");
    cl = ok({"gen-config", "-h"}, "gen-config -h");
    tap::check(cl.command == Command::Help && cl.help_topic == "gen-config", "subcommand help");
    cl = ok({"-V"}, "-V");
    tap::check(cl.command == Command::Version, "version");
}

static void test_environment() {
    setenv("RUST_LOG", "warn", 1);
    setenv("LANG", "xx_XX.UTF-8", 1);
    setenv("COLORTERM", "truecolor", 1);
    CommandLine cl = ok({}, "environment");
    tap::check(*cl.layer.log_filter == "warn" && *cl.layer.lang == "xx_XX.UTF-8" && *cl.layer.truecolor,
               "RUST_LOG, LANG and COLORTERM read");
    cl = ok({"--log", "error", "--lang", "C"}, "options beat the environment");
    tap::check(*cl.layer.log_filter == "error" && *cl.layer.lang == "C", "option values win");
    setenv("COLORTERM", "yes", 1);
    cl = ok({}, "any COLORTERM is accepted");
    tap::check(!*cl.layer.truecolor, "COLORTERM=yes is no truecolor");
    setenv("RUST_LOG", "=", 1);
    bad({}, "RUST_LOG", "a bad RUST_LOG is named");
    unsetenv("RUST_LOG");
    unsetenv("COLORTERM");
}

static void test_errors() {
    bad({"--bogus"}, "unknown option '--bogus'", "unknown option");
    bad({"--pal", "8"}, "unknown option '--pal'", "no abbreviations");
    bad({"--log"}, "'--log' needs a value", "missing value");
    bad({"--palette", "9"}, "invalid palette '9'", "bad palette");
    bad({"--palette", "8", "--palette", "16"}, "more than once", "an option twice");
    bad({"--ascii-only", "yes"}, "'yes'", "bad boolean");
    bad({"-W", "nope"}, "unknown lint 'nope'", "bad lint");
    bad({"-A", "all,self-wakes"}, "unknown lint 'all'", "all mixed into a list");
    bad({"--retain-for", "6"}, "unit", "duration without unit");
    bad({"--retain-for", "5 fortnights"}, "unknown unit 'fortnights'", "bad duration unit");
    bad({"localhost:6669"}, "scheme", "target without scheme");
    bad({"http://a:1", "http://a:1"}, "target name 'a:1' is given twice", "two targets of one name");
    bad({"api=http://a:1", "api=http://b:2"}, "target name 'api' is given twice", "a name given twice");
    bad({"http://a:1", "nope"}, "'nope'", "a bad target among several is named");
    bad({"http://a:1", "dump", "http://b:2"}, "after 'dump'", "targets before and after dump");
    bad({"gen-completion"}, "needs a shell", "gen-completion without a shell");
    bad({"gen-completion", "tcsh"}, "unknown shell 'tcsh'", "unknown shell");
    bad({"gen-config", "x"}, "unexpected argument 'x'", "gen-config with an argument");
    bad({"--install"}, "'--install'", "--install outside gen-completion");
    bad({"--no-colors", "--palette", "8"}, "cannot be used together", "--no-colors with --palette");
    bad({"--palette", "8", "--colorterm", "24bit"}, "cannot be used together", "--palette with --colorterm");
    bad({"--colorterm", "256"}, "invalid color mode", "bad --colorterm");
    bad({"--max-message-size", "lots"}, "invalid size", "bad size");
    bad({"--self-wakes-percent", "150"}, "invalid percentage", "percentage out of range");
    bad({"--long-poll", "soon"}, "invalid duration", "bad --long-poll");
    bad({"--log", "a b"}, "'--log'", "bad --log");
}

static void test_help() {
    tap::check(help_text("").find("--max-message-size") != std::string::npos &&
                   help_text("").find("RUST_LOG") != std::string::npos,
               "help mentions our options and the environment");
    tap::check(help_text("gen-completion").find("SHELL") != std::string::npos, "gen-completion help");
}

int main() {
    unsetenv("RUST_LOG");
    unsetenv("LANG");
    unsetenv("COLORTERM");

    test_options();
    test_targets();
    test_wire_and_thresholds();
    test_subcommands();
    test_environment();
    test_errors();
    test_help();
    return tap::done();
}
