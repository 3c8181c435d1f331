// Command-line parsing with Boost.ProgramOptions, driven by the options
// table: the table declares the options and reads their values; this file
// adds the subcommands, the order of sources and the conflicts.
#include "config/cli.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <string_view>

#include "config/option_setters.h"
#include "config/targets.h"
#include "util/text.h"

namespace po = boost::program_options;

namespace config {

namespace {

using setters::kHelpHint;

po::options_description describe_options() {
    po::options_description d;
    for (const auto& o : options()) {
        if (!o.name) continue;
        std::string spec = o.name;
        if (o.short_name) spec += std::string(",") + o.short_name;
        switch (o.arg) {
        case Arg::None: d.add_options()(spec.c_str(), po::bool_switch()); break;
        case Arg::One: d.add_options()(spec.c_str(), po::value<std::string>()); break;
        case Arg::Many:
            d.add_options()(spec.c_str(), po::value<std::vector<std::string>>()->multitoken()->composing());
            break;
        }
    }
    // gen-completion's own option, and the positionals.
    d.add_options()("install", po::bool_switch())("args", po::value<std::vector<std::string>>());
    return d;
}

// Arguments are quoted in messages: control characters are escaped.
bool fail(UsageError& error, const std::string& message, std::string hint = kHelpHint) {
    error.message = util::escape_controls(message, util::Escape::Hex);
    error.hint = std::move(hint);
    return false;
}

bool fail(UsageError& error, const Problem& p) {
    return fail(error, p.message, p.hint);
}

const char* env(const char* name) {
    const char* v = getenv(name);
    return v && *v ? v : nullptr;
}

// Boost's messages name the option in several ways; we want '--name'.
std::string option_name(const po::error_with_option_name& e) {
    std::string name = e.get_option_name();
    return name.empty() ? "?" : name;
}

bool run_boost(int argc, const char* const* argv, po::variables_map& vm, UsageError& error) {
    po::positional_options_description positional;
    positional.add("args", -1);
    int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    try {
        po::store(
            po::command_line_parser(argc, argv).options(describe_options()).positional(positional).style(style).run(),
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
    return true;
}

bool is_command(const std::string& word) {
    return word == "dump" || word == "exporter" || word == "replay" || word == "gen-config" || word == "gen-completion" || word == "help";
}

// Positionals: [TARGET_ADDR] [COMMAND [ARGS]].
bool split_positionals(const po::variables_map& vm, std::vector<std::string>& target, std::string& subcommand,
                       std::vector<std::string>& sub_args, UsageError& error) {
    if (!vm.count("args")) return true;
    for (const auto& a : vm["args"].as<std::vector<std::string>>()) {
        if (subcommand.empty() && is_command(a))
            subcommand = a;
        else if (!subcommand.empty())
            sub_args.push_back(a);
        else if (!target.empty())
            return fail(error, "unexpected argument '" + a + "'",
                        "give one target address; the commands are 'dump', 'exporter', 'replay', "
                        "'gen-config' and 'gen-completion'");
        else
            target.push_back(a);
    }
    return true;
}

bool take_subcommand(const std::string& subcommand, const std::vector<std::string>& sub_args, bool install,
                     CommandLine& cl, UsageError& error) {
    if (subcommand == "dump") {
        cl.command = Command::Dump;
        if (sub_args.size() > 1)
            return fail(error, "unexpected argument '" + sub_args[1] + "' after 'dump'", "give one target address");
    } else if (subcommand == "exporter") {
        cl.command = Command::Exporter;
    } else if (subcommand == "replay") {
        cl.command = Command::Replay;
        if (sub_args.empty())
            return fail(error, "'replay' needs a recording", "tokio-console replay FILE [--start 12m30s]");
        if (sub_args.size() > 1)
            return fail(error, "unexpected argument '" + sub_args[1] + "' after 'replay'", "give one recording");
        cl.replay_file = sub_args[0];
    } else if (subcommand == "gen-config") {
        cl.command = Command::GenConfig;
        if (!sub_args.empty())
            return fail(error, "unexpected argument '" + sub_args[0] + "' after 'gen-config'",
                        "'gen-config' takes no arguments; redirect its output to a file");
    } else if (subcommand == "gen-completion") {
        cl.command = Command::GenCompletion;
        const auto& shells = completion_shells();
        if (sub_args.empty())
            return fail(error, "'gen-completion' needs a shell", "one of: bash, zsh, fish, elvish, powershell");
        if (sub_args.size() > 1)
            return fail(error, "unexpected argument '" + sub_args[1] + "' after 'gen-completion'",
                        "give one shell: bash, zsh, fish, elvish or powershell");
        if (std::find(shells.begin(), shells.end(), sub_args[0]) == shells.end())
            return fail(error, "unknown shell '" + sub_args[0] + "'", "one of: bash, zsh, fish, elvish, powershell");
        cl.shell = sub_args[0];
        cl.install = install;
    }
    if (install && cl.command != Command::GenCompletion)
        return fail(error, "option '--install' only applies to 'gen-completion'");
    return true;
}

// The values the option was given, or false when it was not given.
bool given(const po::variables_map& vm, const Option& o, std::vector<std::string>& args) {
    args.clear();
    if (!vm.count(o.name)) return false;
    switch (o.arg) {
    case Arg::None: return vm[o.name].as<bool>();
    case Arg::One: args.push_back(vm[o.name].as<std::string>()); return true;
    case Arg::Many: args = vm[o.name].as<std::vector<std::string>>(); return true;
    }
    return false;
}

// Every row of the table: the option, else its environment stand-in.
bool apply_options(const po::variables_map& vm, const std::vector<std::string>& target, Layer& l, UsageError& error) {
    std::vector<std::string> args;
    for (const auto& o : options()) {
        if (!o.cli) continue;
        Problem p{"", kHelpHint};
        bool have = o.name ? given(vm, o, args) : !(args = target).empty();
        if (have) {
            if (!o.cli(std::string("--") + (o.name ? o.name : ""), args, l, p)) return fail(error, p);
        } else if (o.env && o.from_env && env(o.env)) {
            if (!o.from_env(o.env, env(o.env), l, p)) return fail(error, p);
        }
    }
    return true;
}

// The console's options that mean nothing to the exporter (the screen's,
// the filter, recording) are refused rather than ignored.
bool check_exporter_options(const po::variables_map& vm, UsageError& error) {
    std::vector<std::string> args;
    for (const auto& o : options())
        if (o.name && !exporter_takes(o) && given(vm, o, args))
            return fail(error, std::string("option '--") + o.name + "' does not apply to 'exporter'",
                        "run 'tokio-console exporter --help' to see its options");
    return true;
}

// The exporter's targets: the arguments, checked as a list (names are
// unique); the TLS files given on its command line are its server's.
bool take_exporter_targets(const std::vector<std::string>& args, Layer& l, UsageError& error) {
    if (!args.empty()) {
        std::vector<NamedTarget> parsed;
        std::string why;
        if (!parse_target_list(args, parsed, why))
            return fail(error, why, "give [NAME=]ADDRESS, as in api=http://127.0.0.1:6669");
        l.targets = args;
    }
    if (l.tls_cert) l.exporter.tls_cert = *l.tls_cert;
    if (l.tls_key) l.exporter.tls_key = *l.tls_key;
    l.tls_cert.reset();
    l.tls_key.reset();
    return true;
}

// The options of one command (`dump`, `exporter`) given to another, and
// dump's own combinations.
bool check_command_options(const po::variables_map& vm, const CommandLine& cl, bool have_target, UsageError& error) {
    std::vector<std::string> args;
    const char* mine = cl.command == Command::Dump ? "dump" : cl.command == Command::Exporter ? "exporter" : "";
    for (const auto& o : options()) {
        if (!o.command || !o.name || !given(vm, o, args)) continue;
        if (std::string(o.command) != mine)
            return fail(error, std::string("option '--") + o.name + "' only applies to '" + o.command + "'",
                        std::string("run 'tokio-console ") + o.command + " --help' to see its options");
    }
    if (cl.command == Command::Exporter) return check_exporter_options(vm, error);
    if (cl.command != Command::Dump) return true;
    auto has = [&](const char* name) {
        return vm.count(name) && (std::string(name) != "watch" || vm[name].as<bool>());
    };
    if (has("from") && have_target)
        return fail(error, "a target address and '--from' cannot be used together", "give one of them");
    if (has("at") && !has("from"))
        return fail(error, "option '--at' needs '--from'", "give the recording with '--from'");
    for (const char* live : {"watch", "wait", "connect-timeout"})
        if (has("from") && has(live))
            return fail(error, std::string("options '--from' and '--") + live + "' cannot be used together",
                        "a recording is read to '--at' at once");
    if (vm.count("record"))
        return fail(error, "options '--record' and 'dump' cannot be used together", "record with the console");
    for (const char* w : {"interval", "count"})
        if (has(w) && !has("watch"))
            return fail(error, std::string("option '--") + w + "' needs '--watch'", "add '--watch'");
    return true;
}

// Upstream's conflicts: --no-colors against the colour options.
bool check_conflicts(const po::variables_map& vm, UsageError& error) {
    if (vm["no-colors"].as<bool>()) {
        for (const char* other : {"palette", "no-duration-colors", "no-terminated-colors"})
            if (vm.count(other))
                return fail(error, std::string("options '--no-colors' and '--") + other + "' cannot be used together",
                            "'--no-colors' already turns every colour off");
    }
    if (vm.count("palette") && vm.count("colorterm"))
        return fail(error, "options '--palette' and '--colorterm' cannot be used together",
                    "'--palette all' already selects 24-bit colour");
    return true;
}

}  // namespace

const std::vector<std::string>& completion_shells() {
    static const std::vector<std::string> v = {"bash", "elvish", "fish", "powershell", "zsh"};
    return v;
}

bool parse_command_line(int argc, const char* const* argv, CommandLine& out, UsageError& error) {
    for (int i = 1; i < argc; i++) error.dump |= std::string(argv[i]) == "dump" || std::string(argv[i]) == "exporter";
    po::variables_map vm;
    if (!run_boost(argc, argv, vm, error)) return false;
    CommandLine cl;
    std::vector<std::string> target, sub_args;
    std::string subcommand;
    if (!split_positionals(vm, target, subcommand, sub_args, error)) return false;

    if (subcommand == "help") {
        cl.command = Command::Help;
        if (!sub_args.empty()) cl.help_topic = sub_args[0];
        if (!cl.help_topic.empty() && (!is_command(cl.help_topic) || cl.help_topic == "help"))
            return fail(error, "no help for '" + cl.help_topic + "'",
                        "the commands are 'dump', 'exporter', 'replay', 'gen-config' and 'gen-completion'");
        out = std::move(cl);
        return true;
    }
    if (vm["help"].as<bool>() || vm["version"].as<bool>()) {
        cl.command = vm["help"].as<bool>() ? Command::Help : Command::Version;
        if (cl.command == Command::Help) cl.help_topic = subcommand;
        // -h is the short help and --help the long one (given once: the
        // parser refuses both).
        for (int i = 1; i < argc && std::string_view(argv[i]) != "--"; i++)
            if (std::string_view(argv[i]) == "-h") cl.brief_help = true;
        out = std::move(cl);
        return true;
    }
    if (!take_subcommand(subcommand, sub_args, vm["install"].as<bool>(), cl, error)) return false;
    std::vector<std::string> exporter_targets;
    if (cl.command == Command::Exporter) {
        exporter_targets = target;
        exporter_targets.insert(exporter_targets.end(), sub_args.begin(), sub_args.end());
        target.clear();
    }
    if (cl.command == Command::Dump && !sub_args.empty()) {
        if (!target.empty())
            return fail(error, "unexpected argument '" + sub_args[0] + "' after 'dump'", "give one target address");
        target = sub_args;
    }
    if (!check_command_options(vm, cl, !target.empty(), error) || !apply_options(vm, target, cl.layer, error) ||
        !check_conflicts(vm, error))
        return false;
    if (cl.command == Command::Exporter && !take_exporter_targets(exporter_targets, cl.layer, error)) return false;
    if (cl.command == Command::Replay && !target.empty())
        return fail(error, "'replay' takes no target address", "a recording plays back without the application");
    if (vm.count("start") && cl.command != Command::Replay)
        return fail(error, "option '--start' only applies to 'replay'");
    if (vm.count("record") && cl.command == Command::Replay)
        return fail(error, "options '--record' and 'replay' cannot be used together",
                    "a replay records nothing; copy the file instead");
    out = std::move(cl);
    return true;
}

}  // namespace config
