// The -h and --help texts; the main ones are built from the options table.
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "config/cli.h"
#include "config/options.h"

namespace config {

namespace {

const char kHead[] = R"(tokio-console )" VERSION R"(
Watch the tasks and resources of a running Tokio application live.

Usage: tokio-console [OPTIONS] [TARGET_ADDR]... [COMMAND]

Commands:
  dump            Print the tasks, resources or warnings once, or every interval
  exporter        Serve what the console knows to Prometheus
  replay          Play back a recording (--record, or console-subscriber's)
  gen-config      Print the effective configuration as a console.toml file
  gen-completion  Print a completion script for a shell
  help            Print this text, or the help of a command

Arguments:
)";

const char kFoot[] = R"(Several applications: give several targets, each [NAME=]ADDRESS (or list them
in console.toml `targets`, or in a --targets-file); each has its own
connection.  The header counts them, `a` lists them, Enter there shows one's
tasks.  Two hosts through SSH tunnels:
    ssh -N -L 7001:127.0.0.1:6669 api.example.com &
    ssh -N -L 7002:127.0.0.1:6669 web.example.com &
    tokio-console api=http://127.0.0.1:7001 web=http://127.0.0.1:7002

Settings are read from $XDG_CONFIG_HOME/tokio-console/console.toml, then
./console.toml, then the command line; see tokio-console(1) and
console.toml(5).
)";

// A help paragraph under its option, indented by ten columns.
std::string paragraph(const char* text) {
    std::string out;
    for (const char* p = text; *p;) {
        const char* nl = strchr(p, '\n');
        size_t n = nl ? size_t(nl - p) : strlen(p);
        out += "          " + std::string(p, n) + "\n";
        p += n + (nl ? 1 : 0);
    }
    return out + "\n";
}

// One option and its paragraph.
std::string option_help(const Option& o) {
    std::string s = o.short_name ? std::string("  -") + o.short_name + ", --" : std::string("      --");
    s += o.name;
    if (*o.value_name) s += std::string(" ") + o.value_name;
    return s + "\n" + paragraph(o.help);
}

// The main --help, from the options table: the console's own options.
std::string main_help() {
    std::string s = kHead;
    for (const auto& o : options()) {
        if (!o.name && !o.command) {
            s += std::string("  ") + o.value_name + "\n" + paragraph(o.help) + "Options:\n";
            continue;
        }
        if (!o.command) s += option_help(o);
    }
    return s + kFoot;
}

// A paragraph's first sentence on one line, with its [env: ...] and
// [default: ...] notes: the -h form of an option's help, as clap does.
std::string summary(const char* text) {
    std::string joined;
    for (const char* p = text; *p; p++) {
        char ch = *p == '\n' ? ' ' : *p;
        if (ch == ' ' && (joined.empty() || joined.back() == ' ')) continue;
        joined += ch;
    }
    while (!joined.empty() && joined.back() == ' ') joined.pop_back();
    size_t end = joined.find(". ");
    while (end != std::string::npos && end >= 3 &&
           (joined.compare(end - 3, 3, "e.g") == 0 || joined.compare(end - 3, 3, "i.e") == 0))
        end = joined.find(". ", end + 2);
    if (end == std::string::npos) end = joined.size() - (!joined.empty() && joined.back() == '.');
    std::string out = joined.substr(0, end);
    for (const char* note : {"[env: ", "[default: "}) {
        size_t at = joined.find(note, end);
        size_t close = at == std::string::npos ? at : joined.find(']', at);
        if (close != std::string::npos) out += " " + joined.substr(at, close - at + 1);
    }
    return out;
}

// -h: one line for each of the console's own options, its first sentence.
std::string brief_help() {
    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const auto& o : options()) {
        if (o.command) continue;
        std::string spec;
        if (!o.name)
            spec = o.value_name;
        else {
            spec = o.short_name ? std::string("-") + o.short_name + ", --" : std::string("    --");
            spec += o.name;
            if (*o.value_name) spec += std::string(" ") + o.value_name;
        }
        std::string text = o.name && !strcmp(o.name, "help") ? "Print help (see more with '--help')" : summary(o.help);
        width = std::max(width, std::min<size_t>(spec.size(), 30));
        rows.emplace_back(std::move(spec), std::move(text));
    }
    std::string s = kHead;
    for (size_t i = 0; i < rows.size(); i++) {
        const auto& [spec, text] = rows[i];
        s += "  " + spec + std::string(spec.size() < width ? width - spec.size() : 0, ' ') + "  " + text + "\n";
        if (i == 0) s += "\nOptions:\n";
    }
    return s;
}

const char kDumpHead[] = R"(Print the tasks, resources, async ops or warnings of an application, without
a terminal: once after the first full update, or every --interval with
--watch.  The rows are sorted (by ID unless --sort says otherwise) and the
columns fixed, so that two dumps diff well; nothing but errors goes to
standard error.

Usage: tokio-console [OPTIONS] dump [DUMP OPTIONS] [TARGET_ADDR]...

Dump options:
)";

const char kDumpFoot[] = R"(The console's options (--filter, --warn, --allow, the lint thresholds,
--retain-for, the TLS options, ...) apply as well; see 'tokio-console --help'.
--filter narrows the rows of the view printed and, with the tasks or the
warnings, the tasks --fail-on checks (with resources or async ops it checks
every task).  Several targets (or --targets-file) are dumped as one list:
each row starts with its app (a JSON and CSV key, a table column), the filter
takes app:NAME, and --fail-on names the app of each task.

Exit status: 0 when done; 1 when a lint of --fail-on fired, or output or the
recording failed; 2 for a bad command line; 3 when a target could not be
reached within --connect-timeout (the others' rows are printed).

Examples:
    tokio-console dump --format csv --sort busy:desc --limit 20
    tokio-console dump --view warnings --wait 5s http://10.0.0.5:6669
    tokio-console dump --fail-on lost-waker,never-yielded --format jsonl
    tokio-console dump --watch --interval 2s --count 10 --filter '!state:done'
    tokio-console dump --format csv api=http://10.0.0.5:6669 web=http://10.0.0.6:6669
)";

std::string dump_help() {
    std::string s = kDumpHead;
    for (const auto& o : options())
        if (o.name && o.command && std::string(o.command) == "dump") s += option_help(o);
    return s + kDumpFoot;
}

const char kExporterHead[] = R"(Serve what the console knows about one or more applications to Prometheus:
GET /metrics in the text exposition format 0.0.4, or OpenMetrics 1.0 when
the Accept header asks for it; GET / and GET /-/healthy.  One series per
target and spawn location, not per task (see tokio-console-exporter(1)).

Usage: tokio-console [OPTIONS] exporter [EXPORTER OPTIONS] [TARGET]...

Arguments:
)";

const char kExporterTls[] = R"(      --tls-cert <FILE>
          PEM certificate the HTTP server presents (HTTPS instead of HTTP);
          needs --tls-key.  An https:// target's client certificate comes
          from console.toml [tls] cert and key.

      --tls-key <FILE>
          PEM private key of --tls-cert.

)";

const char kExporterFoot[] = R"(SIGHUP reads --targets-file again; SIGTERM and SIGINT stop it.

Exit status: 0 when stopped by a signal; 1 when something fails at run
time; 2 for a bad command line, a bad target, or an address that cannot
be listened on.

Examples:
    tokio-console exporter
    tokio-console exporter --listen 127.0.0.1:9669 api=http://127.0.0.1:6669 file:///run/db/console.sock
    tokio-console exporter --targets-file /etc/tokio-console/targets --watch-details 5
)";

// The exporter's own options, then the console's that it takes.
std::string exporter_help() {
    std::string s = kExporterHead;
    for (const auto& o : options())
        if (!o.name && o.command && std::string(o.command) == "exporter")
            s += std::string("  ") + o.value_name + "\n" + paragraph(o.help);
    s += "Exporter options:\n";
    for (const auto& o : options())
        if (o.name && o.command && std::string(o.command) == "exporter") s += option_help(o);
    s += "Options:\n";
    for (const auto& o : options()) {
        if (!o.name || o.command || !exporter_takes(o)) continue;
        if (!strcmp(o.name, "tls-cert")) s += kExporterTls;
        if (strcmp(o.name, "tls-cert") && strcmp(o.name, "tls-key")) s += option_help(o);
    }
    return s + kExporterFoot;
}

const char kReplay[] = R"(Play back a recording in the same screens as a live session.

FILE is a recording made with --record, or console-subscriber's own JSON
lines recording (TOKIO_CONSOLE_RECORD_PATH); they are told apart by their
content.  The header shows where playback stands, with a mark where the
connection dropped.  A recording of several targets shows them all as a
live console of them does (the targets view, a), on one timeline: play,
pause, speed and seeks move every one of them.

Usage: tokio-console [OPTIONS] replay FILE [--start DURATION]

Options:
      --start <DURATION>  Start this far into the recording (12m30s)

Keys, beside those of a live session:
  space   play or pause          + =     faster (0.25x to max)
  .       step one update        - _     slower
  [ ]     back or on 10 s        { }     back or on 1 minute
  0 $     the start, the end
)";

const char kGenConfig[] = R"(Print the effective configuration as a console.toml file.

The defaults, overridden by any console.toml files and by the options given
on the command line, are written to standard output:

    tokio-console --palette 256 gen-config > console.toml

Usage: tokio-console [OPTIONS] gen-config
)";

const char kGenCompletion[] = R"(Print a completion script for a shell.

The script goes to standard output; save it where your shell looks for
completions, for example:

    tokio-console gen-completion bash > ~/.local/share/bash-completion/completions/tokio-console

Usage: tokio-console gen-completion [--install] <SHELL>

Arguments:
  <SHELL>  bash, zsh, fish, elvish or powershell

Options:
      --install  Install the script instead of printing it (not supported)
)";

}  // namespace

std::string help_text(const std::string& topic, bool brief) {
    if (topic == "dump") return dump_help();
    if (topic == "exporter") return exporter_help();
    if (topic == "replay") return kReplay;
    if (topic == "gen-config") return kGenConfig;
    if (topic == "gen-completion") return kGenCompletion;
    return brief ? brief_help() : main_help();
}

}  // namespace config
