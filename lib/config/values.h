// Parsers and printers for the values options and console.toml keys take:
// retention, byte sizes, booleans, palettes, lint names and
// target addresses.  Each parser returns false and sets `error` to a
// lowercase one-line reason that quotes the bad text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/settings.h"

namespace config {

// `none` (any case) gives nullopt; otherwise a duration, read as every
// duration is (util/duration.h).
bool parse_retention(const std::string& text, std::optional<uint64_t>& ns, std::string& error);

// Byte sizes: plain bytes, or a number with k/KB/KiB/M/MB/MiB/G/GB/GiB
// (decimal for KB/MB/GB, binary for K/KiB, M/MiB, G/GiB).
bool parse_size(const std::string& text, uint64_t& bytes, std::string& error);
// Exact and short: "1GiB", "4MiB", "100MB", or plain bytes.
std::string format_size(uint64_t bytes);

bool parse_bool(const std::string& text, bool& out, std::string& error);
bool parse_palette(const std::string& text, Palette& out, std::string& error);
const char* palette_name(Palette p);
// --group-by: how the task list groups its tasks at start; the names are
// the model's (model/task_groups.h), which the config layer does not link.
bool parse_group_by(const std::string& text, std::string& out, std::string& error);
const std::vector<std::string>& known_groupings();
// --colorterm: `24bit` or `truecolor` (any case) is true; with `strict`
// anything else is an error, otherwise it is false (as $COLORTERM may be
// anything).
bool parse_colorterm(const std::string& text, bool strict, bool& out, std::string& error);

// Lint names in upstream's order, then ours.
const std::vector<std::string>& known_lints();
// The lints enabled by default (upstream's five).
const std::vector<std::string>& default_lints();
// The lints dump --fail-on can check, which `any` means there: all but
// long-poll, which reads each task's poll-time histogram; that comes only
// with a task's details, and dump watches none.
const std::vector<std::string>& fail_on_lints();
// A list like "self-wakes,lost-waker"; `allow_all_word` accepts `all` too
// (then `all` is set and the list is empty).
bool parse_lint_list(const std::string& text, bool allow_all_word, std::vector<std::string>& out, bool& all,
                     std::string& error);
// Sorted into known_lints() order without repeats.
void normalize_lints(std::vector<std::string>& lints);
// The lints that are on: warnings minus allowed ones.
std::vector<std::string> active_lints(const Settings& s);

// Checks a target address the way upstream does: http://, https://,
// file:// (a Unix socket) or vsock:// with the parts those need.
bool check_target(const std::string& text, std::string& error);

}  // namespace config
