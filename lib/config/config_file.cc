// Reading console.toml files into a Layer through the options table.
#include "config/config_file.h"

#include <algorithm>
#include <pwd.h>
#include <unistd.h>

#include "config/options.h"
#include "config/toml.h"
#include "util/file.h"
#include "util/log.h"
#include "util/text.h"

namespace config {

namespace {

// A key's setting from the options table.  An inline table that no row
// takes whole spreads into its keys ("colors = { enabled = false }").
void set_key(Layer& l, const std::string& key, const TomlValue& v) {
    if (const Option* o = option_for_key(key)) {
        o->from_toml(key, v, l);
        return;
    }
    if (v.kind == TomlValue::Kind::Table) {
        for (const auto& [k, sub] : v.entries) set_key(l, key + "." + k, sub);
        return;
    }
    throw KeyError{"unknown key '" + key + "'"};
}

std::string home_dir() {
    const char* h = getenv("HOME");
    if (h && *h) return h;
    if (struct passwd* pw = getpwuid(getuid())) return pw->pw_dir;
    return "";
}

}  // namespace

std::string ConfigError::to_string() const {
    std::string s = file.empty() ? "console.toml" : file;
    if (line > 0) s += ":" + std::to_string(line);
    return s + ": " + message;
}

std::vector<std::string> config_file_paths() {
    std::vector<std::string> paths;
    const char* xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/') {
        paths.push_back(std::string(xdg) + "/tokio-console/console.toml");
    } else {
        std::string home = home_dir();
        if (!home.empty()) paths.push_back(home + "/.config/tokio-console/console.toml");
    }
    paths.push_back("./console.toml");
    return paths;
}

namespace {

// Messages quote the file's text, which may hold newlines and escape
// sequences: they stay one line and draw nothing on the terminal.
bool fail_at(ConfigError& error, int line, const std::string& message) {
    error.line = line;
    error.message = util::escape_controls(message, util::Escape::Hex);
    return false;
}

}  // namespace

bool read_config_text(const std::string& text, Layer& out, ConfigError& error) {
    TomlDocument doc;
    int line = 0;
    std::string message;
    if (!parse_toml(text, doc, line, message)) return fail_at(error, line, message);
    for (const auto& t : doc.tables)
        if (!known_table(t.name)) return fail_at(error, t.line, "unknown table '" + t.name + "'");
    Layer layer;
    for (const auto& e : doc.entries) {
        try {
            set_key(layer, e.key, e.value);
        } catch (const KeyError& k) {
            return fail_at(error, e.line, k.message);
        }
    }
    out = std::move(layer);
    return true;
}

bool read_config_file(const std::string& path, Layer& out, bool& found, ConfigError& error) {
    found = false;
    error.file = path;
    error.line = 0;
    std::string text;
    switch (util::read_regular_file(path, kMaxConfigBytes, text, error.message)) {
    case util::FileStatus::Missing: return true;
    case util::FileStatus::Error: return false;
    case util::FileStatus::Ok: break;
    }
    found = true;
    if (!read_config_text(text, out, error)) return false;
    util::log_debug("read configuration from '%s'", path.c_str());
    return true;
}

bool load_settings(const Layer& command_line, Settings& out, ConfigError& error) {
    std::vector<Layer> files;
    for (const auto& path : config_file_paths()) {
        Layer l;
        bool found;
        if (!read_config_file(path, l, found, error)) return false;
        if (found) files.push_back(std::move(l));
    }
    out = merge_layers(files, command_line);
    return true;
}

}  // namespace config
