// The one table of the console's settings.  Each row is one setting: its
// command-line spelling, its console.toml key, its --help paragraph, its
// completion hints, and the functions that read it from either source and
// write it back for gen-config.  The parser, --help, the completion
// scripts, gen-config and the console.toml reader all walk this table, so
// a setting is spelled in one place (git's parse-options tables,
// upstream's single Config struct).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "config/layer.h"
#include "config/settings.h"
#include "config/toml.h"

namespace config {

// What follows the option on the command line.
enum class Arg {
    None,  // a switch: --no-colors
    One,   // one value: --log debug, --log=debug
    Many,  // one or more values, and the option may repeat: -W a,b -W c
};

// What the shells offer for the value.
enum class Complete {
    None,
    Any,
    File,
    Dir,
    Lints,
    LintsOrAll,
    FailOn,
    Bool,
    Palette,
    Colorterm,
    Level,
    GroupBy,
    Fields
};

// A command-line or environment value that cannot be used: the one-line
// message and what to do about it.
struct Problem {
    std::string message;
    std::string hint;
};

// A console.toml value that cannot be used; the reader adds the line.
struct KeyError {
    std::string message;
};

// `flag` is the option as messages name it ("--log").
using CliSetter = bool (*)(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p);
// An environment variable standing in for the option.
using EnvSetter = bool (*)(const std::string& name, const std::string& value, Layer& l, Problem& p);
// Throws KeyError.  `key` is the full dotted key, for messages.
using TomlSetter = void (*)(const std::string& key, const TomlValue& v, Layer& l);
// gen-config's line(s) for the key named `leaf`; "" leaves the key out.
using TomlWriter = std::string (*)(const std::string& leaf, const Settings& s);

struct Option {
    const char* name;  // long name without "--"; nullptr for [TARGET_ADDR]
    char short_name;   // 0 when none
    Arg arg;
    Complete complete;
    const char* value_name;  // "<FILTER>" in --help; "" for a switch
    const char* help;        // the --help paragraph, lines broken, not indented
    const char* brief;       // one line for completion menus, no quotes
    const char* env;         // environment stand-in, or nullptr
    const char* toml_key;    // "colors.palette", or nullptr when files cannot set it
    const char* toml_alias;  // a second key for the same setting, or nullptr
    CliSetter cli;           // nullptr: handled by the parser itself (--help)
    EnvSetter from_env;
    TomlSetter from_toml;
    TomlWriter to_toml;
    // The subcommand the option belongs to ("dump"), or nullptr for the
    // console's own settings, which every command takes.
    const char* command = nullptr;
};

// Every row, in --help order; the first is the [TARGET_ADDR] argument.
std::span<const Option> options();

// Whether `tokio-console exporter` takes the option: its own, and those
// of the console's that mean something without a screen (the log, the
// lints, retention, the wire).  --tls-cert and --tls-key are the HTTP
// server's there.
bool exporter_takes(const Option& o);

// The row whose toml_key or toml_alias is `key`, or nullptr.
const Option* option_for_key(const std::string& key);

// The tables console.toml may have: every prefix of a row's keys.
bool known_table(const std::string& name);

// gen-config's tables in the order they are written ("" first).
std::span<const char* const> toml_sections();

}  // namespace config
