// Command-line parsing with Boost.ProgramOptions.
#include "config/cli.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>

#include "config/values.h"
#include "util/log.h"
#include "util/text.h"

namespace po = boost::program_options;

namespace config {

namespace {

const char* const kHelpHint = "run 'tokio-console --help' to see the options";

po::options_description describe_options() {
    // Descriptions live in help.cc; these only declare names and arity.
    po::options_description d;
    d.add_options()
        ("log", po::value<std::string>())
        ("warn,W", po::value<std::vector<std::string>>()->multitoken()->composing())
        ("allow,A", po::value<std::vector<std::string>>()->multitoken()->composing())
        ("log-dir", po::value<std::string>())
        ("lang", po::value<std::string>())
        ("ascii-only", po::value<std::string>())
        ("no-colors", po::bool_switch())
        ("colorterm", po::value<std::string>())
        ("palette", po::value<std::string>())
        ("no-duration-colors", po::value<std::string>())
        ("no-terminated-colors", po::value<std::string>())
        ("retain-for", po::value<std::string>())
        ("max-message-size", po::value<std::string>())
        ("tls-ca", po::value<std::string>())
        ("tls-cert", po::value<std::string>())
        ("tls-key", po::value<std::string>())
        ("tls-insecure", po::bool_switch())
        ("self-wakes-percent", po::value<std::string>())
        ("large-future-bytes", po::value<std::string>())
        ("never-yielded-after", po::value<std::string>())
        ("long-poll", po::value<std::string>())
        ("install", po::bool_switch())
        ("help,h", po::bool_switch())
        ("version,V", po::bool_switch())
        ("args", po::value<std::vector<std::string>>());
    return d;
}

// Boost's messages name the option in several ways; we want '--name'.
std::string option_name(const po::error_with_option_name& e) {
    std::string name = e.get_option_name();
    if (name.empty()) return "?";
    return name;
}

bool fail(UsageError& error, std::string message, std::string hint = kHelpHint) {
    error.message = std::move(message);
    error.hint = std::move(hint);
    return false;
}

bool parse_u64(const std::string& text, uint64_t& out) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return isdigit((unsigned char)c); }))
        return false;
    errno = 0;
    char* end;
    unsigned long long v = strtoull(text.c_str(), &end, 10);
    if (errno || *end) return false;
    out = v;
    return true;
}

const char* env(const char* name) {
    const char* v = getenv(name);
    return v && *v ? v : nullptr;
}

}  // namespace

const std::vector<std::string>& completion_shells() {
    static const std::vector<std::string> v = {"bash", "elvish", "fish", "powershell", "zsh"};
    return v;
}

bool parse_command_line(int argc, const char* const* argv, CommandLine& out, UsageError& error) {
    po::positional_options_description positional;
    positional.add("args", -1);
    po::variables_map vm;
    int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    try {
        po::store(po::command_line_parser(argc, argv)
                      .options(describe_options())
                      .positional(positional)
                      .style(style)
                      .run(),
                  vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        return fail(error, "unknown option '" + option_name(e) + "'");
    } catch (const po::invalid_command_line_syntax& e) {
        if (e.kind() == po::invalid_syntax::missing_parameter)
            return fail(error, "option '" + option_name(e) + "' needs a value");
        if (e.kind() == po::invalid_syntax::extra_parameter)
            return fail(error, "option '" + option_name(e) + "' takes no value");
        return fail(error, "cannot parse option '" + option_name(e) + "'");
    } catch (const po::multiple_occurrences& e) {
        return fail(error, "option '" + option_name(e) + "' is given more than once",
                    "give it once; the last value is not picked silently");
    } catch (const po::error_with_option_name& e) {
        return fail(error, "bad option '" + option_name(e) + "'");
    } catch (const po::error& e) {
        return fail(error, util::lower_first(e.what()));
    }

    CommandLine cl;
    Layer& l = cl.layer;
    auto str = [&](const char* name) -> const std::string* {
        return vm.count(name) ? &vm[name].as<std::string>() : nullptr;
    };
    auto flag = [&](const char* name) { return vm.count(name) && vm[name].as<bool>(); };

    // Positionals: [TARGET_ADDR] [COMMAND [ARGS]].
    std::string subcommand;
    std::vector<std::string> sub_args;
    if (vm.count("args")) {
        for (const auto& a : vm["args"].as<std::vector<std::string>>()) {
            if (subcommand.empty() &&
                (a == "gen-config" || a == "gen-completion" || a == "help")) {
                subcommand = a;
            } else if (!subcommand.empty()) {
                sub_args.push_back(a);
            } else if (l.target) {
                return fail(error, "unexpected argument '" + a + "'",
                            "give one target address; the commands are 'gen-config' and "
                            "'gen-completion'");
            } else {
                l.target = a;
            }
        }
    }

    if (subcommand == "help") {
        cl.command = Command::Help;
        if (!sub_args.empty()) cl.help_topic = sub_args[0];
        if (!cl.help_topic.empty() && cl.help_topic != "gen-config" &&
            cl.help_topic != "gen-completion")
            return fail(error, "no help for '" + cl.help_topic + "'",
                        "the commands are 'gen-config' and 'gen-completion'");
        out = std::move(cl);
        return true;
    }
    if (flag("help")) {
        cl.command = Command::Help;
        cl.help_topic = subcommand;
        out = std::move(cl);
        return true;
    }
    if (flag("version")) {
        cl.command = Command::Version;
        out = std::move(cl);
        return true;
    }

    if (subcommand == "gen-config") {
        cl.command = Command::GenConfig;
        if (!sub_args.empty())
            return fail(error, "unexpected argument '" + sub_args[0] + "' after 'gen-config'",
                        "'gen-config' takes no arguments; redirect its output to a file");
    } else if (subcommand == "gen-completion") {
        cl.command = Command::GenCompletion;
        const auto& shells = completion_shells();
        if (sub_args.empty())
            return fail(error, "'gen-completion' needs a shell",
                        "one of: bash, zsh, fish, elvish, powershell");
        if (sub_args.size() > 1)
            return fail(error, "unexpected argument '" + sub_args[1] + "' after 'gen-completion'",
                        "give one shell: bash, zsh, fish, elvish or powershell");
        if (std::find(shells.begin(), shells.end(), sub_args[0]) == shells.end())
            return fail(error, "unknown shell '" + sub_args[0] + "'",
                        "one of: bash, zsh, fish, elvish, powershell");
        cl.shell = sub_args[0];
        cl.install = flag("install");
    }
    if (flag("install") && cl.command != Command::GenCompletion)
        return fail(error, "option '--install' only applies to 'gen-completion'");

    std::string why;
    // Target address.
    if (l.target && !check_target(*l.target, why))
        return fail(error, why, "for example http://127.0.0.1:6669 or file:///run/app.sock");

    // Logging.
    util::LogFilter filter;
    if (const auto* v = str("log")) {
        if (!util::parse_log_filter(*v, filter, why))
            return fail(error, "option '--log': " + why,
                        "use a level (error, warn, info, debug, trace, off) or target=level pairs");
        l.log_filter = *v;
    } else if (const char* v = env("RUST_LOG")) {
        if (!util::parse_log_filter(v, filter, why))
            return fail(error, "environment variable 'RUST_LOG': " + why,
                        "unset it or set it to a level such as 'info'");
        l.log_filter = v;
    }
    if (const auto* v = str("log-dir")) {
        if (v->empty()) return fail(error, "option '--log-dir' needs a directory");
        l.log_dir = *v;
    }

    // Lints.
    bool all;
    if (vm.count("warn")) {
        std::vector<std::string> lints;
        for (const auto& item : vm["warn"].as<std::vector<std::string>>()) {
            std::vector<std::string> some;
            if (!parse_lint_list(item, false, some, all, why))
                return fail(error, "option '--warn': " + why,
                            "known lints: self-wakes, lost-waker, never-yielded, "
                            "auto-boxed-future, large-future, long-poll");
            lints.insert(lints.end(), some.begin(), some.end());
        }
        l.warnings = lints;
    }
    if (vm.count("allow")) {
        std::vector<std::string> lints;
        for (const auto& item : vm["allow"].as<std::vector<std::string>>()) {
            std::vector<std::string> some;
            if (!parse_lint_list(item, true, some, all, why))
                return fail(error, "option '--allow': " + why,
                            "give 'all' or lint names: self-wakes, lost-waker, never-yielded, "
                            "auto-boxed-future, large-future, long-poll");
            if (all) l.allow_all = true;
            lints.insert(lints.end(), some.begin(), some.end());
        }
        l.allow_warnings = lints;
    }

    // Terminal.
    if (const auto* v = str("lang"))
        l.lang = *v;
    else if (const char* v = env("LANG"))
        l.lang = v;
    auto boolean = [&](const char* name, std::optional<bool>& field, bool negate) {
        const auto* v = str(name);
        if (!v) return true;
        bool b;
        if (!parse_bool(*v, b, why))
            return fail(error, std::string("option '--") + name + "': " + why);
        field = negate ? !b : b;
        return true;
    };
    if (!boolean("ascii-only", l.ascii_only, false) ||
        !boolean("no-duration-colors", l.duration_colors, true) ||
        !boolean("no-terminated-colors", l.terminated_colors, true))
        return false;
    if (flag("no-colors")) l.colors_enabled = false;
    if (const auto* v = str("colorterm")) {
        bool tc;
        if (!parse_colorterm(*v, true, tc, why)) return fail(error, "option '--colorterm': " + why);
        l.truecolor = tc;
    } else if (const char* v = env("COLORTERM")) {
        bool tc;
        parse_colorterm(v, false, tc, why);
        l.truecolor = tc;
    }
    if (const auto* v = str("palette")) {
        Palette p;
        if (!parse_palette(*v, p, why)) return fail(error, "option '--palette': " + why);
        l.palette = p;
    }
    // Upstream's conflicts: --no-colors against the colour options.
    if (flag("no-colors")) {
        for (const char* other : {"palette", "no-duration-colors", "no-terminated-colors"})
            if (vm.count(other))
                return fail(error,
                            std::string("options '--no-colors' and '--") + other +
                                "' cannot be used together",
                            "'--no-colors' already turns every colour off");
    }
    if (vm.count("palette") && vm.count("colorterm"))
        return fail(error, "options '--palette' and '--colorterm' cannot be used together",
                    "'--palette all' already selects 24-bit colour");

    // Retention.
    if (const auto* v = str("retain-for")) {
        std::optional<uint64_t> ns;
        if (!parse_retention(*v, ns, why))
            return fail(error, "option '--retain-for': " + why,
                        "use a duration such as '30s' or '5days 2min 2s', or 'none'");
        l.retain_for_ns = ns;
    }

    // Lint thresholds.
    if (const auto* v = str("self-wakes-percent")) {
        uint64_t n;
        if (!parse_u64(*v, n) || n > 100)
            return fail(error, "option '--self-wakes-percent': invalid percentage '" + *v + "'",
                        "give a whole number from 0 to 100");
        l.self_wakes_percent = (uint32_t)n;
    }
    if (const auto* v = str("large-future-bytes")) {
        uint64_t n;
        if (!parse_size(*v, n, why))
            return fail(error, "option '--large-future-bytes': " + why,
                        "give a size in bytes such as 1024 or 2KiB");
        l.large_future_bytes = n;
    }
    auto duration = [&](const char* name, std::optional<uint64_t>& field) {
        const auto* v = str(name);
        if (!v) return true;
        uint64_t ns;
        if (!parse_duration(*v, ns, why))
            return fail(error, std::string("option '--") + name + "': " + why,
                        "use a duration such as '10ms', '1s' or '2min 30s'");
        field = ns;
        return true;
    };
    if (!duration("never-yielded-after", l.never_yielded_after_ns) ||
        !duration("long-poll", l.long_poll_ns))
        return false;

    // Wire.
    if (const auto* v = str("max-message-size")) {
        uint64_t n;
        if (!parse_size(*v, n, why))
            return fail(error, "option '--max-message-size': " + why,
                        "use a size such as 4MiB, 100MB or 1GiB");
        l.max_message_size = n;
    }
    for (auto [name, field] : {std::pair{"tls-ca", &l.tls_ca}, std::pair{"tls-cert", &l.tls_cert},
                               std::pair{"tls-key", &l.tls_key}}) {
        if (const auto* v = str(name)) {
            if (v->empty()) return fail(error, std::string("option '--") + name + "' needs a file");
            *field = *v;
        }
    }
    if (flag("tls-insecure")) l.tls_insecure = true;

    out = std::move(cl);
    return true;
}

}  // namespace config
