// The functions the options table points at: reading a setting from the
// command line, the environment or console.toml into a Layer, and
// writing it back from Settings for gen-config.  The common shapes are
// templates over the field; the rest are written out in
// option_setters.cc (command line, environment) and option_toml.cc
// (console.toml, gen-config).  Inside lib/config only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/options.h"
#include "config/values.h"
#include "util/duration.h"

namespace config::setters {

// --- pieces the templates share ------------------------------------------

extern const char* const kHelpHint;
// The hint under a bad duration (util/duration.h reads them).
extern const char* const kDurationHint;

bool problem(Problem& p, std::string message, std::string hint = kHelpHint);
// A whole number for option `flag` (option_dump.cc).
bool number(const std::string& flag, const std::string& text, uint64_t& out, Problem& p);
[[noreturn]] void wrong_type(const std::string& key, const TomlValue& v, const char* want);
const std::string& want_string(const std::string& key, const TomlValue& v);
bool want_bool(const std::string& key, const TomlValue& v);
uint64_t want_duration(const std::string& key, const TomlValue& v);
uint64_t want_size(const std::string& key, const TomlValue& v);
// "key = value\n"
std::string line(const std::string& leaf, const std::string& value);
const char* boolean(bool b);
// A duration as console.toml keeps it: exact, and humantime reads it too.
inline std::string exact_duration(uint64_t ns) {
    return util::format_duration(static_cast<int64_t>(ns), util::kExactDuration, true);
}

// --- command line ---------------------------------------------------------

template <auto Field>
bool cli_string(const std::string&, const std::vector<std::string>& args, Layer& l, Problem&) {
    l.*Field = args.back();
    return true;
}

// A file name: any text but the empty one.
template <auto Field>
bool cli_file(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (args.back().empty()) return problem(p, "option '" + flag + "' needs a file");
    l.*Field = args.back();
    return true;
}

// --name true|false, stored negated for the --no-* options.
template <auto Field, bool Negate>
bool cli_bool(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    bool b;
    std::string why;
    if (!parse_bool(args.back(), b, why)) return problem(p, "option '" + flag + "': " + why);
    l.*Field = Negate ? !b : b;
    return true;
}

// A switch that sets the field to Value.
template <auto Field, bool Value>
bool cli_switch(const std::string&, const std::vector<std::string>&, Layer& l, Problem&) {
    l.*Field = Value;
    return true;
}

template <auto Field>
bool cli_duration(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    uint64_t ns;
    std::string why;
    if (!util::parse_duration(args.back(), ns, why)) return problem(p, "option '" + flag + "': " + why, kDurationHint);
    l.*Field = ns;
    return true;
}

bool cli_target(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_log(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_log_dir(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_warn(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_allow(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_colorterm(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_palette(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_group_by(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_retain_for(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_percent(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_future_bytes(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_message_size(const std::string&, const std::vector<std::string>&, Layer&, Problem&);

// `tokio-console dump` (option_dump.cc).
bool cli_dump_view(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_format(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_filter(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_sort(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_limit(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_count(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_wait(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_connect_timeout(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_watch(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_interval(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_fail_on(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_from(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_dump_at(const std::string&, const std::vector<std::string>&, Layer&, Problem&);

// `tokio-console exporter` (option_exporter.cc).
bool cli_exporter_listen(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_exporter_targets_file(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_exporter_max_locations(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_exporter_per_task(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_exporter_max_tasks(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
bool cli_exporter_watch_details(const std::string&, const std::vector<std::string>&, Layer&, Problem&);
void toml_targets(const std::string&, const TomlValue&, Layer&);
std::string write_targets(const std::string&, const Settings&);

// --- environment ----------------------------------------------------------

bool env_log(const std::string&, const std::string&, Layer&, Problem&);
bool env_lang(const std::string&, const std::string&, Layer&, Problem&);
bool env_colorterm(const std::string&, const std::string&, Layer&, Problem&);

// --- console.toml ---------------------------------------------------------

template <auto Field>
void toml_string(const std::string& key, const TomlValue& v, Layer& l) {
    l.*Field = want_string(key, v);
}

template <auto Field>
void toml_bool(const std::string& key, const TomlValue& v, Layer& l) {
    l.*Field = want_bool(key, v);
}

template <auto Field>
void toml_duration(const std::string& key, const TomlValue& v, Layer& l) {
    l.*Field = want_duration(key, v);
}

template <auto Field>
void toml_size(const std::string& key, const TomlValue& v, Layer& l) {
    l.*Field = want_size(key, v);
}

void toml_target(const std::string&, const TomlValue&, Layer&);
void toml_log(const std::string&, const TomlValue&, Layer&);
void toml_warnings(const std::string&, const TomlValue&, Layer&);
void toml_allow(const std::string&, const TomlValue&, Layer&);
void toml_log_dir(const std::string&, const TomlValue&, Layer&);
void toml_retention(const std::string&, const TomlValue&, Layer&);
void toml_palette(const std::string&, const TomlValue&, Layer&);
void toml_group_by(const std::string&, const TomlValue&, Layer&);
void toml_percent(const std::string&, const TomlValue&, Layer&);

// --- gen-config -----------------------------------------------------------

template <auto Field>
std::string write_bool(const std::string& leaf, const Settings& s) {
    return line(leaf, boolean(s.*Field));
}

template <auto Field>
std::string write_quoted(const std::string& leaf, const Settings& s) {
    return line(leaf, toml_quote(s.*Field));
}

template <auto Field>
std::string write_integer(const std::string& leaf, const Settings& s) {
    return line(leaf, std::to_string(s.*Field));
}

template <auto Field>
std::string write_duration(const std::string& leaf, const Settings& s) {
    return line(leaf, toml_quote(exact_duration(s.*Field)));
}

// An optional file: a comment when it is not set.
template <auto Field>
std::string write_file(const std::string& leaf, const Settings& s) {
    if ((s.*Field).empty()) return "# " + leaf + ": not set\n";
    return line(leaf, toml_quote(s.*Field));
}

std::string write_target(const std::string&, const Settings&);
std::string write_warnings(const std::string&, const Settings&);
std::string write_allow(const std::string&, const Settings&);
std::string write_retention(const std::string&, const Settings&);
std::string write_size(const std::string&, const Settings&);
std::string write_lang(const std::string&, const Settings&);
std::string write_palette(const std::string&, const Settings&);

}  // namespace config::setters
