// gen-config: Settings written back as a console.toml, in upstream's
// layout (keys first, then [charset], [colors], [colors.enable]) with our
// tables after.
#include <sstream>

#include "config/config_file.h"
#include "config/toml.h"
#include "config/values.h"

namespace config {

namespace {

const char* boolean(bool b) { return b ? "true" : "false"; }

std::string lint_array(const std::vector<std::string>& lints) {
    if (lints.empty()) return "[]";
    std::string s = "[\n";
    for (const auto& l : lints) s += "    " + toml_quote(l) + ",\n";
    return s + "]";
}

// Upstream prints addresses as URIs, with a "/" path after the authority.
std::string target_text(const std::string& target) {
    std::string t = normalize_target(target);
    size_t sep = t.find("://");
    if (sep == std::string::npos) return t;
    std::string scheme = t.substr(0, sep);
    if ((scheme == "http" || scheme == "https") && t.find('/', sep + 3) == std::string::npos)
        return t + "/";
    return t;
}

}  // namespace

std::string write_config(const Settings& s) {
    std::ostringstream o;
    o << "default_target_addr = " << toml_quote(target_text(s.target)) << "\n";
    o << "log = " << toml_quote(s.log_filter) << "\n";
    o << "warnings = " << lint_array(s.warnings) << "\n";
    if (s.allow_all)
        o << "allow_warnings = \"All\"\n";
    else if (!s.allow_warnings.empty())
        o << "allow_warnings = " << lint_array(s.allow_warnings) << "\n";
    o << "log_directory = " << toml_quote(s.log_dir) << "\n";
    o << "retention = "
      << toml_quote(s.retain_for_ns ? format_duration(*s.retain_for_ns) : "none") << "\n";
    o << "max_message_size = " << toml_quote(format_size(s.max_message_size)) << "\n";

    o << "\n[charset]\n";
    if (s.lang.empty())
        o << "# lang: not set; the locale of the environment decides\n";
    else
        o << "lang = " << toml_quote(s.lang) << "\n";
    o << "ascii_only = " << boolean(s.ascii_only) << "\n";

    o << "\n[colors]\n";
    o << "enabled = " << boolean(s.colors_enabled) << "\n";
    o << "truecolor = " << boolean(s.truecolor) << "\n";
    if (s.palette_explicit)
        o << "palette = " << toml_quote(palette_name(s.palette)) << "\n";
    else
        o << "# palette: not set; chosen from COLORTERM and the terminal\n";

    o << "\n[colors.enable]\n";
    o << "durations = " << boolean(s.duration_colors) << "\n";
    o << "terminated = " << boolean(s.terminated_colors) << "\n";

    o << "\n[lints]\n";
    o << "self_wakes_percent = " << s.self_wakes_percent << "\n";
    o << "large_future_bytes = " << s.large_future_bytes << "\n";
    o << "never_yielded_after = " << toml_quote(format_duration(s.never_yielded_after_ns)) << "\n";
    o << "long_poll = " << toml_quote(format_duration(s.long_poll_ns)) << "\n";

    o << "\n[tls]\n";
    for (auto [key, value] : {std::pair{"ca", &s.tls_ca}, std::pair{"cert", &s.tls_cert},
                              std::pair{"key", &s.tls_key}}) {
        if (value->empty())
            o << "# " << key << ": not set\n";
        else
            o << key << " = " << toml_quote(*value) << "\n";
    }
    o << "insecure = " << boolean(s.tls_insecure) << "\n";
    return o.str();
}

}  // namespace config
