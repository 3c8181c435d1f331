// The command line: options, the optional target address and the
// subcommands, read into a Layer.  Environment variables that stand in for
// options (RUST_LOG, LANG, COLORTERM) are read here too, below the options
// themselves.
#pragma once

#include <string>
#include <vector>

#include "config/layer.h"

namespace config {

enum class Command { Run, Dump, Exporter, Replay, GenConfig, GenCompletion, Help, Version };

struct CommandLine {
    Command command = Command::Run;
    Layer layer;
    std::string replay_file;  // replay
    std::string shell;        // gen-completion
    bool install = false;     // gen-completion --install
    std::string help_topic;   // Help: "", "dump", "exporter", "gen-config" or "gen-completion"
    bool brief_help = false;  // Help: -h, one line per option (clap's convention)
};

// A bad command line: what is wrong (one line) and what to do about it.
struct UsageError {
    std::string message;
    std::string hint;
    // The words name the `dump` or `exporter` command, whose usage errors
    // are one line (a script or a service manager reads them).
    bool dump = false;
};

// Returns false and fills `error` when the command line or one of the
// environment variables cannot be used.
bool parse_command_line(int argc, const char* const* argv, CommandLine& out, UsageError& error);

// Help texts for --help, or -h when `brief`; `topic` as in CommandLine::help_topic.
std::string help_text(const std::string& topic, bool brief = false);

// The shells gen-completion knows.
const std::vector<std::string>& completion_shells();

}  // namespace config
