// A list of named targets, for a front end that watches several
// applications at once (the exporter, the console and dump).  An entry is
// `[NAME=]ADDRESS`: the address as the console takes it (wire/target.h),
// and a name for labels and messages that defaults to what the address
// points at: "host:port", the socket file's name, or "vsock-CID:PORT".
// Names are unique within a list.  A targets file holds one entry a line;
// `#` starts a comment, blank lines are skipped.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/settings.h"

namespace config {

struct NamedTarget {
    std::string name;
    std::string address;

    bool operator==(const NamedTarget&) const = default;
};

// One entry.  False with a one-line reason that quotes the entry.
bool parse_target_entry(const std::string& text, NamedTarget& out, std::string& error);

// The name an address gets when the entry gives none; "" when the address
// does not parse.
std::string default_target_name(const std::string& address);

// Appends `more` to `into`; false, naming it, when a name is taken twice,
// or when `into` would hold more than kMaxTargets.
bool add_targets(std::vector<NamedTarget>& into, const std::vector<NamedTarget>& more, std::string& error);

// Each entry in turn; false at the first bad one or the first name given twice.
bool parse_target_list(const std::vector<std::string>& entries, std::vector<NamedTarget>& out, std::string& error);

// The targets that `s` names, in order: its list (or its one target when
// it has no list), then the targets file's; the one target (maybe the
// default) when there are none.  False with a one-line reason naming the
// bad entry, the file and line, or the name given twice.
bool targets_of(const Settings& s, std::vector<NamedTarget>& out, std::string& error);

// The largest targets file read; anything bigger is refused unread.
constexpr size_t kMaxTargetsFileBytes = 1 << 20;

// The most targets watched at once, from all sources together.  Each is
// a thread and about 100 KiB while it cannot connect; a thousand are
// 2 % of a core (t/bench/fleet.sh), and a process limit on threads is
// far more likely to stop more of them than the machine.
constexpr size_t kMaxTargets = 1000;

// Reads a targets file.  Only a regular file of at most
// kMaxTargetsFileBytes is read; a bad line fails the whole read, and the
// message names the file and the line ("FILE:LINE: ...").  `out` is only
// written on success.
bool read_targets_file(const std::string& path, std::vector<NamedTarget>& out, std::string& error);

// The same for text already read; `path` is for messages.
bool parse_targets_text(const std::string& text, const std::string& path, std::vector<NamedTarget>& out,
                        std::string& error);

}  // namespace config
