// tokio-console: a debugger for asynchronous Rust programs.
//
// Exit status: 0 on success, 1 when something fails at run time, 2 for a
// bad command line or configuration file (reported before the terminal is
// touched); `dump` adds 1 for a lint of --fail-on and 3 for a target it
// cannot reach; `exporter` exits 2 when it cannot listen.
#include <cstdio>
#include <string>

#include "config/cli.h"
#include "config/completion.h"
#include "config/config_file.h"
#include "config/settings.h"
#include "config/targets.h"
#include "model/filter.h"
#include "program/dump.h"
#include "program/exporter.h"
#include "program/launch.h"
#include "program/options.h"
#include "program/protobuf_log.h"
#include "session/recording_fleet.h"
#include "tui/colors.h"
#include "tui/console.h"
#include "util/log.h"
#include "util/report.h"
#include "util/signals.h"
#include "util/text.h"
#include "view/filter_keys.h"

namespace {

// `one_line` (dump, which scripts run): the message without the hint.
int usage_error(const std::string& message, const std::string& hint, bool one_line = false) {
    util::report_error(message, one_line ? "" : hint);
    return 2;
}

int runtime_error(const std::string& message, int status = 1) {
    util::report_error(message);
    return status;
}

// Writes to stdout; a failed write (a full disk, a closed pipe) is exit 1.
int print(const std::string& text) {
    fputs(text.c_str(), stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) return runtime_error("cannot write to standard output");
    return 0;
}

// Checks that hold across sources, once they are merged.
bool check_settings(const config::Settings& s, std::string& message, std::string& hint) {
    if (s.exporter.tls_cert.empty() != s.exporter.tls_key.empty()) {
        message = s.exporter.tls_cert.empty() ? "a TLS key is given without a certificate"
                                              : "a TLS certificate is given without its key";
        hint = "give both '--tls-cert' and '--tls-key' to serve HTTPS, or neither";
        return false;
    }
    if (s.tls_cert.empty() != s.tls_key.empty()) {
        message = s.tls_cert.empty() ? "a TLS key is given without a certificate"
                                     : "a TLS certificate is given without its key";
        hint = "give both '--tls-cert' and '--tls-key', or neither";
        return false;
    }
    return true;
}

// The task list's filter parses, from whichever source it came.
bool check_filter(const config::Settings& s, const config::Layer& command_line, std::string& message) {
    model::TypedFilter f = model::parse_typed_filter(s.filter, model::FilterTable::Tasks, view::filter_keys());
    if (!f.error) return true;
    message = (command_line.filter ? "option '--filter': " : "console.toml: filter: ") +
              util::escape_controls(model::format_filter_error(*f.error), util::Escape::Hex);
    return false;
}

// The console's screen as the settings ask.
tui::ConsoleOptions console_options(const config::Settings& s) {
    tui::ConsoleOptions o;
    o.draw = program::draw_options(s);
    o.colors = tui::decide_colors(s);
    o.filter = s.filter;
    // The same names, checked by the config; `app` is the console's own.
    o.group_by_app = s.group_by == "app";
    if (!o.group_by_app) model::group_by_from_name(s.group_by, o.group_by);
    o.insecure = s.tls_insecure;
    return o;
}

// The console on live connections to the targets, one session each, all
// of them recorded into one file with --record (one target: as ever).
int run_console(const config::Settings& s, const std::vector<config::NamedTarget>& targets) {
    std::string error;
    if (!tui::prepare_terminal()) return 1;
    // Several targets, or a list that may grow, name their applications.
    bool apps = targets.size() > 1 || !s.targets_file.empty();
    std::vector<std::string> names;
    for (const auto& t : targets) names.push_back(t.name);
    std::unique_ptr<session::Recorder> recorder =
        apps ? program::fleet_recorder(s, names, error) : program::recorder(s, error);
    if (!error.empty()) return runtime_error(error);
    auto make_session = [&recorder, apps](const session::SessionOptions& options, const std::string& name,
                                          const std::string& address, std::unique_ptr<session::Source> source) {
        std::unique_ptr<session::Recorder> r = !recorder ? nullptr
                                               : apps    ? recorder->for_app(name, address)
                                                         : std::move(recorder);
        return std::make_unique<session::Session>(options, std::move(source), std::move(r));
    };
    session::Fleet fleet(program::session_options(s), program::live_sources(s), make_session);
    fleet.set_targets(program::name_address_pairs(targets));
    tui::ConsoleOptions o = console_options(s);
    o.reload_targets = program::targets_reader(s);
    if (o.reload_targets) util::hangup_reloads();
    return tui::run_console(o, fleet);
}

// The console over a recording, playing from --start.
int run_replay(const config::Settings& s, const std::string& path) {
    std::string error;
    std::unique_ptr<session::RecordingSource> source = program::recording(s, path, error);
    if (!source) return runtime_error(error);
    if (!tui::prepare_terminal()) return 1;
    source->play(true);
    session::Fleet fleet(program::session_options(s), nullptr);
    session::add_recording(fleet, std::move(source), path);
    return tui::run_console(console_options(s), fleet);
}

}  // namespace

int main(int argc, char** argv) {
    config::CommandLine cl;
    config::UsageError bad;
    if (!config::parse_command_line(argc, argv, cl, bad)) return usage_error(bad.message, bad.hint, bad.dump);

    switch (cl.command) {
    case config::Command::Help: return print(config::help_text(cl.help_topic, cl.brief_help));
    case config::Command::Version: return print(std::string("tokio-console ") + VERSION + "\n");
    default: break;
    }

    config::Settings settings;
    config::ConfigError file_error;
    bool dump = cl.command == config::Command::Dump;
    // dump and exporter: usage errors in one line.
    bool one_line = dump || cl.command == config::Command::Exporter;
    if (!config::load_settings(cl.layer, settings, file_error))
        return usage_error(file_error.to_string(),
                           "fix the file or move it away; its keys are "
                           "described in console.toml(5)",
                           one_line);
    std::string message, hint;
    if (!check_settings(settings, message, hint)) return usage_error(message, hint, one_line);
    // dump checks its own against the view it prints.
    if (!dump && !check_filter(settings, cl.layer, message)) return usage_error(message, "", dump);

    if (cl.command == config::Command::GenConfig) return print(config::write_config(settings));
    if (cl.command == config::Command::GenCompletion) {
        if (cl.install)
            return runtime_error("installing completion scripts is not supported for '" + cl.shell +
                                 "'; redirect the output to a file instead");
        return print(config::completion_script(cl.shell));
    }

    // The applications watched: a bad entry or a name given twice is a
    // usage error that names it.
    std::vector<config::NamedTarget> targets;
    bool live = cl.command == config::Command::Run || cl.command == config::Command::Exporter ||
                (dump && settings.dump.from.empty());
    if (live && !config::targets_of(settings, targets, message))
        return usage_error(message,
                           "give [NAME=]ADDRESS, as in api=http://127.0.0.1:6669; names must differ; at most " +
                               std::to_string(config::kMaxTargets) + " targets",
                           one_line);
    if (live && targets.size() == 1) settings.target = targets[0].address;

    util::LogFilter filter;
    std::string why;
    if (!util::parse_log_filter(settings.log_filter, filter, why))
        return usage_error("log filter '" + settings.log_filter + "': " + why,
                           "use a level such as 'info' or target=level pairs", one_line);
    if (!util::log_init(filter, settings.log_dir, why)) return runtime_error(why);
    if (cl.command == config::Command::Exporter)
        util::log_info("tokio-console %s starting; exporter on '%s'", VERSION, settings.exporter.listen.c_str());
    else if (cl.command == config::Command::Replay)
        util::log_info("tokio-console %s starting; replaying '%s'", VERSION, cl.replay_file.c_str());
    else
        util::log_info("tokio-console %s starting; target '%s'", VERSION, settings.target.c_str());
    program::route_protobuf_logs();

    // Before any thread starts, so that every thread inherits the mask;
    // the commands above keep the default signal handling.
    util::block_signals();
    int status = dump                                      ? program::run_dump(settings, targets)
                 : cl.command == config::Command::Exporter ? program::run_exporter(settings, targets)
                 : cl.command == config::Command::Replay   ? run_replay(settings, cl.replay_file)
                                                           : run_console(settings, targets);
    util::log_info("exiting with status %d", status);
    util::log_close();
    return status;
}
