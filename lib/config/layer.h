// One source of settings (a console.toml file or the command line) as a
// set of optional values, and the merge of sources into Settings with
// upstream's rules: later sources override earlier ones, except that lint
// lists accumulate, `allow all` wins, and colours stay off once any source
// turns them off.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"

namespace config {

struct Layer {
    std::optional<std::string> target;
    std::optional<std::string> log_filter;
    std::optional<std::string> log_dir;
    std::optional<std::vector<std::string>> warnings;
    std::optional<std::vector<std::string>> allow_warnings;
    bool allow_all = false;
    // Outer: was it given; inner: nullopt for `none`.
    std::optional<std::optional<uint64_t>> retain_for_ns;
    std::optional<std::string> filter;
    std::optional<std::string> group_by;

    std::optional<std::string> lang;
    std::optional<bool> ascii_only;
    std::optional<bool> colors_enabled;
    std::optional<bool> truecolor;
    std::optional<Palette> palette;
    std::optional<bool> duration_colors;
    std::optional<bool> terminated_colors;

    std::optional<uint32_t> self_wakes_percent;
    std::optional<uint64_t> large_future_bytes;
    std::optional<uint64_t> never_yielded_after_ns;
    std::optional<uint64_t> long_poll_ns;
    std::optional<uint64_t> blocked_after_ns;

    std::optional<uint64_t> max_message_size;
    std::optional<std::string> tls_ca, tls_cert, tls_key;
    std::optional<bool> tls_insecure;

    std::optional<std::string> record;
    std::optional<uint64_t> start_ns;

    std::optional<std::vector<std::string>> targets;

    DumpSettings dump;          // the command line's only
    ExporterSettings exporter;  // the command line's only
};

// Settings from defaults, then each file in order, then the command line.
// The command line's lint list is joined with every list the files give,
// as upstream does; the default list applies when none of them gives one.
Settings merge_layers(const std::vector<Layer>& files, const Layer& command_line);

// Turns target addresses into the form we compare and show: a lone "/"
// path after an http(s) authority is dropped ("http://h:1/" is "http://h:1").
std::string normalize_target(const std::string& target);

}  // namespace config
