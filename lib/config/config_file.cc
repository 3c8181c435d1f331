// Reading console.toml files into a Layer.
#include "config/config_file.h"

#include <algorithm>
#include <pwd.h>
#include <unistd.h>

#include "config/toml.h"
#include "config/values.h"
#include "util/file.h"
#include "util/log.h"

namespace config {

namespace {

using Kind = TomlValue::Kind;

// A key's problem, thrown from deep in the key walk.
struct KeyError {
    std::string message;
};

[[noreturn]] void wrong_type(const std::string& key, const TomlValue& v, const char* want) {
    throw KeyError{"key '" + key + "' must be " + want + ", not " + v.kind_name()};
}

const std::string& want_string(const std::string& key, const TomlValue& v) {
    if (v.kind != Kind::String) wrong_type(key, v, "a string");
    return v.text;
}

bool want_bool(const std::string& key, const TomlValue& v) {
    if (v.kind != Kind::Boolean) wrong_type(key, v, "true or false");
    return v.boolean;
}

uint64_t want_duration(const std::string& key, const TomlValue& v) {
    uint64_t ns;
    std::string why;
    if (!parse_duration(want_string(key, v), ns, why)) throw KeyError{"key '" + key + "': " + why};
    return ns;
}

uint64_t want_size(const std::string& key, const TomlValue& v) {
    if (v.kind == Kind::Integer) {
        if (v.integer <= 0) throw KeyError{"key '" + key + "' must be larger than zero"};
        return (uint64_t)v.integer;
    }
    if (v.kind != Kind::String) wrong_type(key, v, "a size (an integer or a string like \"4MiB\")");
    uint64_t n;
    std::string why;
    if (!parse_size(v.text, n, why)) throw KeyError{"key '" + key + "': " + why};
    return n;
}

std::vector<std::string> want_lints(const std::string& key, const TomlValue& v) {
    if (v.kind != Kind::Array) wrong_type(key, v, "an array of lint names");
    std::vector<std::string> out;
    for (const auto& item : v.items) {
        if (item.kind != Kind::String) wrong_type(key, item, "an array of lint names");
        const auto& known = known_lints();
        if (std::find(known.begin(), known.end(), item.text) == known.end())
            throw KeyError{"key '" + key + "': unknown lint '" + item.text + "'"};
        out.push_back(item.text);
    }
    return out;
}

// allow_warnings: "all" (upstream writes "All"), an array of names, or
// upstream's { Explicit = [names] }.
void set_allow(Layer& l, const std::string& key, const TomlValue& v) {
    if (v.kind == Kind::String) {
        if (v.text != "All" && v.text != "all")
            throw KeyError{"key '" + key + "' must be \"all\" or an array of lint names"};
        l.allow_all = true;
        l.allow_warnings = std::vector<std::string>();
        return;
    }
    if (v.kind == Kind::Table) {
        if (v.entries.size() != 1 || v.entries[0].first != "Explicit")
            throw KeyError{"key '" + key + "' must be \"all\" or an array of lint names"};
        l.allow_warnings = want_lints(key + ".Explicit", v.entries[0].second);
        return;
    }
    if (v.kind != Kind::Array) wrong_type(key, v, "\"all\" or an array of lint names");
    l.allow_warnings = want_lints(key, v);
}

void set_key(Layer& l, const std::string& key, const TomlValue& v) {
    std::string why;
    // Inline tables spread into their keys, except allow_warnings' own form.
    if (v.kind == Kind::Table && key != "allow_warnings") {
        for (const auto& [k, sub] : v.entries) set_key(l, key + "." + k, sub);
        return;
    }
    if (key == "default_target_addr") {
        const auto& s = want_string(key, v);
        if (!check_target(s, why)) throw KeyError{"key '" + key + "': " + why};
        l.target = s;
    } else if (key == "log") {
        const auto& s = want_string(key, v);
        util::LogFilter f;
        if (!util::parse_log_filter(s, f, why)) throw KeyError{"key '" + key + "': " + why};
        // As upstream: "off" in a file leaves the filter to other sources.
        if (s != "off") l.log_filter = s;
    } else if (key == "warnings") {
        l.warnings = want_lints(key, v);
    } else if (key == "allow_warnings") {
        set_allow(l, key, v);
    } else if (key == "allow_warnings.Explicit") {
        l.allow_warnings = want_lints(key, v);
    } else if (key == "log_directory") {
        l.log_dir = want_string(key, v);
        if (l.log_dir->empty()) throw KeyError{"key '" + key + "' must not be empty"};
    } else if (key == "retention") {
        // Upstream writes "" for no limit.
        const auto& s = want_string(key, v);
        std::optional<uint64_t> ns;
        if (!s.empty() && !parse_retention(s, ns, why)) throw KeyError{"key '" + key + "': " + why};
        l.retain_for_ns = ns;
    } else if (key == "max_message_size") {
        l.max_message_size = want_size(key, v);
    } else if (key == "charset.lang") {
        l.lang = want_string(key, v);
    } else if (key == "charset.ascii_only") {
        l.ascii_only = want_bool(key, v);
    } else if (key == "colors.enabled") {
        l.colors_enabled = want_bool(key, v);
    } else if (key == "colors.truecolor") {
        l.truecolor = want_bool(key, v);
    } else if (key == "colors.palette") {
        std::string text = v.kind == Kind::Integer ? std::to_string(v.integer) : want_string(key, v);
        Palette p;
        if (!parse_palette(text, p, why)) throw KeyError{"key '" + key + "': " + why};
        l.palette = p;
    } else if (key == "colors.enable.durations") {
        l.duration_colors = want_bool(key, v);
    } else if (key == "colors.enable.terminated") {
        l.terminated_colors = want_bool(key, v);
    } else if (key == "lints.self_wakes_percent") {
        if (v.kind != Kind::Integer) wrong_type(key, v, "an integer");
        if (v.integer < 0 || v.integer > 100)
            throw KeyError{"key '" + key + "' must be from 0 to 100"};
        l.self_wakes_percent = (uint32_t)v.integer;
    } else if (key == "lints.large_future_bytes") {
        l.large_future_bytes = want_size(key, v);
    } else if (key == "lints.never_yielded_after") {
        l.never_yielded_after_ns = want_duration(key, v);
    } else if (key == "lints.long_poll") {
        l.long_poll_ns = want_duration(key, v);
    } else if (key == "tls.ca") {
        l.tls_ca = want_string(key, v);
    } else if (key == "tls.cert") {
        l.tls_cert = want_string(key, v);
    } else if (key == "tls.key") {
        l.tls_key = want_string(key, v);
    } else if (key == "tls.insecure") {
        l.tls_insecure = want_bool(key, v);
    } else {
        throw KeyError{"unknown key '" + key + "'"};
    }
}

bool known_table(const std::string& name) {
    for (const char* t : {"charset", "colors", "colors.enable", "lints", "tls", "allow_warnings"})
        if (name == t) return true;
    return false;
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

bool read_config_text(const std::string& text, Layer& out, ConfigError& error) {
    TomlDocument doc;
    if (!parse_toml(text, doc, error.line, error.message)) return false;
    for (const auto& t : doc.tables) {
        if (!known_table(t.name)) {
            error.line = t.line;
            error.message = "unknown table '" + t.name + "'";
            return false;
        }
    }
    Layer layer;
    for (const auto& e : doc.entries) {
        try {
            set_key(layer, e.key, e.value);
        } catch (const KeyError& k) {
            error.line = e.line;
            error.message = k.message;
            return false;
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
