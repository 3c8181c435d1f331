// The --help texts.
#include "config/cli.h"

namespace config {

namespace {

const char kMain[] = R"(tokio-console )" VERSION R"(
Watch the tasks and resources of a running Tokio application live.

Usage: tokio-console [OPTIONS] [TARGET_ADDR] [COMMAND]

Commands:
  gen-config      Print the effective configuration as a console.toml file
  gen-completion  Print a completion script for a shell
  help            Print this text, or the help of a command

Arguments:
  [TARGET_ADDR]
          Where the application serves the console API: http://HOST:PORT,
          https://HOST:PORT, file://localhost/PATH/TO/SOCKET (a Unix domain
          socket) or vsock://CID:PORT.  [default: http://127.0.0.1:6669]

Options:
      --log <FILTER>
          What to write to the console's own log file: a level (error, warn,
          info, debug, trace) or `off`, optionally followed by target=level
          pairs, e.g. `info,tokio_console::wire=trace`.  Nothing is logged
          when it is off.  [env: RUST_LOG]  [default: off]

  -W, --warn <LINTS>...
          Lints to check tasks against, separated by commas or given
          several times: self-wakes, lost-waker, never-yielded,
          auto-boxed-future, large-future, long-poll.
          [default: self-wakes,lost-waker,never-yielded,auto-boxed-future,large-future]

  -A, --allow <LINTS>...
          Lints to silence, in the same form as --warn, or `all` to silence
          every lint.

      --log-dir <DIR>
          Directory that receives a new log file each run.
          [default: /tmp/tokio-console/logs]

      --lang <LANG>
          Locale that decides whether the display uses UTF-8 glyphs.
          [env: LANG]

      --ascii-only <true|false>
          Draw with ASCII characters only.

      --no-colors
          Turn every colour off.

      --colorterm <24bit|truecolor>
          Take the terminal to support 24-bit colour, whatever COLORTERM
          says.  [env: COLORTERM]

      --palette <8|16|256|all|off>
          Colour palette to draw with; `all` is 24-bit colour.  Without it
          the palette follows COLORTERM and the terminal's colour count.

      --no-duration-colors <true|false>
          With `true`, durations are drawn without per-unit colours.

      --no-terminated-colors <true|false>
          With `true`, finished tasks are drawn without their own colour.

      --retain-for <DURATION|none>
          How long completed tasks and dropped resources stay on screen:
          spans such as `30s` or `5days 2min 2s` (units ns, us, ms, s, m, h,
          d, w, M, y and their long names), or `none` to keep them until
          the console exits.  [default: 6s]

      --max-message-size <SIZE>
          Largest gRPC message accepted from the application, in bytes or
          with a unit: 4MiB, 100MB, 1GiB.  [default: 1GiB]

      --tls-ca <FILE>
          PEM certificates to verify an https:// target with, instead of
          the system's trusted ones.

      --tls-cert <FILE>
          PEM client certificate to present to an https:// target.

      --tls-key <FILE>
          PEM private key of --tls-cert.

      --tls-insecure
          Connect to an https:// target without verifying its certificate.

      --self-wakes-percent <N>
          The self-wakes lint fires when a task wakes itself in more than
          N percent of its wakeups.  [default: 50]

      --large-future-bytes <N>
          The large-future lint fires for futures of N bytes or more.
          [default: 1024]

      --never-yielded-after <DURATION>
          The never-yielded lint fires for a task busy this long in one
          poll without ever yielding.  [default: 1s]

      --long-poll <DURATION>
          The long-poll lint fires for a task whose p99 poll time (from
          its details, while its view is open) is over this.  [default: 10ms]

  -h, --help
          Print this help.

  -V, --version
          Print the version.

Settings are read from $XDG_CONFIG_HOME/tokio-console/console.toml, then
./console.toml, then the command line; see tokio-console(1) and
console.toml(5).
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

std::string help_text(const std::string& topic) {
    if (topic == "gen-config") return kGenConfig;
    if (topic == "gen-completion") return kGenCompletion;
    return kMain;
}

}  // namespace config
