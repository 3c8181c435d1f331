// Merging settings sources.
#include "config/layer.h"

#include <algorithm>

#include "config/values.h"
#include "util/text.h"

namespace config {

namespace {

void join(std::vector<std::string>& into, const std::vector<std::string>& more) {
    for (const auto& x : more)
        if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
}

template <typename T>
void take(T& field, const std::optional<T>& value) {
    if (value) field = *value;
}

// Everything but the lint lists.
void apply_scalars(Settings& s, const Layer& l) {
    if (l.target) s.target = normalize_target(*l.target);
    take(s.log_filter, l.log_filter);
    take(s.log_dir, l.log_dir);
    if (l.retain_for_ns) s.retain_for_ns = *l.retain_for_ns;
    take(s.filter, l.filter);
    take(s.group_by, l.group_by);
    take(s.lang, l.lang);
    take(s.ascii_only, l.ascii_only);
    if (l.colors_enabled && !*l.colors_enabled) s.colors_enabled = false;
    take(s.truecolor, l.truecolor);
    if (l.palette) {
        s.palette = *l.palette;
        s.palette_explicit = true;
    }
    take(s.duration_colors, l.duration_colors);
    take(s.terminated_colors, l.terminated_colors);
    take(s.self_wakes_percent, l.self_wakes_percent);
    take(s.large_future_bytes, l.large_future_bytes);
    take(s.never_yielded_after_ns, l.never_yielded_after_ns);
    take(s.long_poll_ns, l.long_poll_ns);
    take(s.blocked_after_ns, l.blocked_after_ns);
    take(s.max_message_size, l.max_message_size);
    take(s.tls_ca, l.tls_ca);
    take(s.tls_cert, l.tls_cert);
    take(s.tls_key, l.tls_key);
    take(s.tls_insecure, l.tls_insecure);
    take(s.record, l.record);
    take(s.start_ns, l.start_ns);
    take(s.targets, l.targets);
}

void apply_allow(Settings& s, const Layer& l) {
    if (l.allow_all) s.allow_all = true;
    if (l.allow_warnings) join(s.allow_warnings, *l.allow_warnings);
}

}  // namespace

std::string normalize_target(const std::string& target) {
    size_t sep = target.find("://");
    if (sep == std::string::npos) return target;
    std::string scheme = util::ascii_lower(target.substr(0, sep));
    if (scheme != "http" && scheme != "https") return target;
    size_t slash = target.find('/', sep + 3);
    if (slash != std::string::npos && slash + 1 == target.size()) return target.substr(0, slash);
    return target;
}

Settings merge_layers(const std::vector<Layer>& files, const Layer& command_line) {
    Settings s;
    std::vector<std::string> file_warnings;
    for (const auto& f : files) {
        apply_scalars(s, f);
        apply_allow(s, f);
        if (f.warnings) join(file_warnings, *f.warnings);
    }
    apply_scalars(s, command_line);
    apply_allow(s, command_line);
    s.dump = command_line.dump;
    s.exporter = command_line.exporter;

    // Upstream joins the command line's list (or the default one) with the
    // files' lists.  Here the default only applies when neither gives a
    // list, so that a file can also shorten it and gen-config reads back
    // to the same settings.
    bool files_have_lists = false;
    for (const auto& f : files) files_have_lists |= f.warnings.has_value();
    if (command_line.warnings)
        s.warnings = *command_line.warnings;
    else if (files_have_lists)
        s.warnings.clear();
    else
        s.warnings = default_lints();
    join(s.warnings, file_warnings);
    normalize_lints(s.warnings);
    if (s.allow_all) s.allow_warnings = known_lints();
    normalize_lints(s.allow_warnings);
    return s;
}

}  // namespace config
