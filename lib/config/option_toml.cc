// The written-out console.toml readers and gen-config writers of the
// options table.
#include <algorithm>

#include "config/option_setters.h"
#include "util/log.h"

namespace config::setters {

namespace {

using Kind = TomlValue::Kind;

std::vector<std::string> want_lints(const std::string& key, const TomlValue& v) {
    if (v.kind != Kind::Array) wrong_type(key, v, "an array of lint names");
    std::vector<std::string> out;
    const auto& known = known_lints();
    for (const auto& item : v.items) {
        if (item.kind != Kind::String) wrong_type(key, item, "an array of lint names");
        if (std::find(known.begin(), known.end(), item.text) == known.end())
            throw KeyError{"key '" + key + "': unknown lint '" + item.text + "'"};
        out.push_back(item.text);
    }
    return out;
}

std::string lint_array(const std::vector<std::string>& lints) {
    if (lints.empty()) return "[]";
    std::string s = "[\n";
    for (const auto& l : lints) s += "    " + toml_quote(l) + ",\n";
    return s + "]";
}

}  // namespace

// --- console.toml -----------------------------------------------------------

void toml_target(const std::string& key, const TomlValue& v, Layer& l) {
    const auto& s = want_string(key, v);
    std::string why;
    if (!check_target(s, why)) throw KeyError{"key '" + key + "': " + why};
    l.target = s;
}

void toml_log(const std::string& key, const TomlValue& v, Layer& l) {
    const auto& s = want_string(key, v);
    util::LogFilter f;
    std::string why;
    if (!util::parse_log_filter(s, f, why)) throw KeyError{"key '" + key + "': " + why};
    // As upstream: "off" in a file leaves the filter to other sources.
    if (s != "off") l.log_filter = s;
}

void toml_warnings(const std::string& key, const TomlValue& v, Layer& l) {
    l.warnings = want_lints(key, v);
}

// allow_warnings: "all" (upstream writes "All"), an array of names, or
// upstream's { Explicit = [names] }; also reached as allow_warnings.Explicit.
void toml_allow(const std::string& key, const TomlValue& v, Layer& l) {
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

void toml_log_dir(const std::string& key, const TomlValue& v, Layer& l) {
    l.log_dir = want_string(key, v);
    if (l.log_dir->empty()) throw KeyError{"key '" + key + "' must not be empty"};
}

void toml_retention(const std::string& key, const TomlValue& v, Layer& l) {
    // Upstream writes "" for no limit.
    const auto& s = want_string(key, v);
    std::optional<uint64_t> ns;
    std::string why;
    if (!s.empty() && !parse_retention(s, ns, why)) throw KeyError{"key '" + key + "': " + why};
    l.retain_for_ns = ns;
}

void toml_palette(const std::string& key, const TomlValue& v, Layer& l) {
    std::string text = v.kind == Kind::Integer ? std::to_string(v.integer) : want_string(key, v);
    Palette p;
    std::string why;
    if (!parse_palette(text, p, why)) throw KeyError{"key '" + key + "': " + why};
    l.palette = p;
}

void toml_group_by(const std::string& key, const TomlValue& v, Layer& l) {
    std::string g, why;
    if (!parse_group_by(want_string(key, v), g, why)) throw KeyError{"key '" + key + "': " + why};
    l.group_by = g;
}

void toml_percent(const std::string& key, const TomlValue& v, Layer& l) {
    if (v.kind != Kind::Integer) wrong_type(key, v, "an integer");
    if (v.integer < 0 || v.integer > 100) throw KeyError{"key '" + key + "' must be from 0 to 100"};
    l.self_wakes_percent = (uint32_t)v.integer;
}

// --- gen-config ---------------------------------------------------------------

// Upstream prints addresses as URIs, with a "/" path after the authority.
std::string write_target(const std::string& leaf, const Settings& s) {
    std::string t = normalize_target(s.target);
    size_t sep = t.find("://");
    if (sep != std::string::npos) {
        std::string scheme = t.substr(0, sep);
        if ((scheme == "http" || scheme == "https") && t.find('/', sep + 3) == std::string::npos) t += "/";
    }
    return line(leaf, toml_quote(t));
}

std::string write_warnings(const std::string& leaf, const Settings& s) {
    return line(leaf, lint_array(s.warnings));
}

std::string write_allow(const std::string& leaf, const Settings& s) {
    if (s.allow_all) return line(leaf, "\"All\"");
    if (s.allow_warnings.empty()) return "";
    return line(leaf, lint_array(s.allow_warnings));
}

std::string write_retention(const std::string& leaf, const Settings& s) {
    return line(leaf, toml_quote(s.retain_for_ns ? exact_duration(*s.retain_for_ns) : "none"));
}

std::string write_size(const std::string& leaf, const Settings& s) {
    return line(leaf, toml_quote(format_size(s.max_message_size)));
}

std::string write_lang(const std::string& leaf, const Settings& s) {
    if (s.lang.empty()) return "# " + leaf + ": not set; the locale of the environment decides\n";
    return line(leaf, toml_quote(s.lang));
}

std::string write_palette(const std::string& leaf, const Settings& s) {
    if (!s.palette_explicit) return "# " + leaf + ": not set; chosen from COLORTERM and the terminal\n";
    return line(leaf, toml_quote(palette_name(s.palette)));
}

}  // namespace config::setters
