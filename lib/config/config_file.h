// console.toml: where the files are, and reading one into a Layer with
// upstream's keys and tables plus ours ([lints], [tls], max_message_size).
// A file is read whole or not at all: any unknown key, wrong type or
// syntax error fails the read and names the line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/layer.h"

namespace config {

struct ConfigError {
    std::string file;  // as given, empty for text without a file
    int line = 0;      // 0 when the error is not about one line
    std::string message;

    // "FILE:LINE: message"
    std::string to_string() const;
};

// The files read at start, in order: the user's configuration directory
// ($XDG_CONFIG_HOME, else ~/.config) then ./console.toml.
std::vector<std::string> config_file_paths();

// Reads console.toml text.  `out` is only written on success.
bool read_config_text(const std::string& text, Layer& out, ConfigError& error);

// The largest console.toml read; anything bigger is refused unread.
constexpr size_t kMaxConfigBytes = 1 << 20;

// Reads a file; a missing file is no error and leaves `found` false.  Only
// a regular file of at most kMaxConfigBytes is read: a FIFO, a device or a
// directory is an error, and nothing waits or grows on it.
bool read_config_file(const std::string& path, Layer& out, bool& found, ConfigError& error);

// Reads every file of config_file_paths() that exists, then merges them
// with the command line.
bool load_settings(const Layer& command_line, Settings& out, ConfigError& error);

// The settings as a console.toml that reads back to the same settings.
std::string write_config(const Settings& s);

}  // namespace config
