// A list of named targets, for a front end that watches several
// applications at once (the exporter; the console later).  An entry is
// `[NAME=]ADDRESS`: the address as the console takes it (wire/target.h),
// and a name for labels and messages that defaults to what the address
// points at: "host:port", the socket file's name, or "vsock-CID:PORT".
// Names are unique within a list.  A targets file holds one entry a line;
// `#` starts a comment, blank lines are skipped.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

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

// Appends `more` to `into`; false, naming it, when a name is taken twice.
bool add_targets(std::vector<NamedTarget>& into, const std::vector<NamedTarget>& more, std::string& error);

// Each entry in turn; false at the first bad one or the first name given twice.
bool parse_target_list(const std::vector<std::string>& entries, std::vector<NamedTarget>& out, std::string& error);

// The largest targets file read; anything bigger is refused unread.
constexpr size_t kMaxTargetsFileBytes = 1 << 20;

// Reads a targets file.  Only a regular file of at most
// kMaxTargetsFileBytes is read; a bad line fails the whole read, and the
// message names the file and the line ("FILE:LINE: ...").  `out` is only
// written on success.
bool read_targets_file(const std::string& path, std::vector<NamedTarget>& out, std::string& error);

// The same for text already read; `path` is for messages.
bool parse_targets_text(const std::string& text, const std::string& path, std::vector<NamedTarget>& out,
                        std::string& error);

}  // namespace config
