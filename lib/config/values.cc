// Value parsers shared by the command line and console.toml.
#include "config/values.h"

#include "wire/target.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <strings.h>

#include "util/duration.h"
#include "util/text.h"

namespace config {

bool parse_retention(const std::string& text, std::optional<uint64_t>& ns, std::string& error) {
    if (strcasecmp(util::trim(text).c_str(), "none") == 0) {
        ns.reset();
        return true;
    }
    uint64_t v;
    if (!util::parse_duration(text, v, error)) return false;
    ns = v;
    return true;
}

bool parse_size(const std::string& text, uint64_t& bytes, std::string& error) {
    std::string t = util::trim(text);
    size_t i = 0;
    uint64_t v = 0;
    while (i < t.size() && isdigit((unsigned char)t[i])) {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, (uint64_t)(t[i] - '0'), &v)) {
            error = "size '" + text + "' is too large";
            return false;
        }
        i++;
    }
    if (i == 0) {
        error = "invalid size '" + text + "': expected a number such as 4MiB, 100MB or 65536";
        return false;
    }
    std::string unit = util::ascii_lower(util::trim(t.substr(i)));
    uint64_t mult;
    if (unit.empty() || unit == "b")
        mult = 1;
    else if (unit == "k" || unit == "kib")
        mult = 1ull << 10;
    else if (unit == "kb")
        mult = 1000;
    else if (unit == "m" || unit == "mib")
        mult = 1ull << 20;
    else if (unit == "mb")
        mult = 1'000'000;
    else if (unit == "g" || unit == "gib")
        mult = 1ull << 30;
    else if (unit == "gb")
        mult = 1'000'000'000;
    else {
        error = "invalid size '" + text + "': unknown unit '" + t.substr(i) + "' (use B, KiB, MiB, GiB, KB, MB or GB)";
        return false;
    }
    if (__builtin_mul_overflow(v, mult, &bytes)) {
        error = "size '" + text + "' is too large";
        return false;
    }
    if (bytes == 0) {
        error = "size '" + text + "' must be larger than zero";
        return false;
    }
    return true;
}

std::string format_size(uint64_t bytes) {
    if (bytes && bytes % (1ull << 30) == 0) return std::to_string(bytes >> 30) + "GiB";
    if (bytes && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + "MiB";
    if (bytes && bytes % 1'000'000'000 == 0) return std::to_string(bytes / 1'000'000'000) + "GB";
    if (bytes && bytes % 1'000'000 == 0) return std::to_string(bytes / 1'000'000) + "MB";
    if (bytes && bytes % (1ull << 10) == 0) return std::to_string(bytes >> 10) + "KiB";
    return std::to_string(bytes);
}

bool parse_bool(const std::string& text, bool& out, std::string& error) {
    if (text == "true") {
        out = true;
        return true;
    }
    if (text == "false") {
        out = false;
        return true;
    }
    error = "invalid value '" + text + "': expected 'true' or 'false'";
    return false;
}

bool parse_palette(const std::string& text, Palette& out, std::string& error) {
    std::string t = util::ascii_lower(util::trim(text));
    if (t == "off" || t == "0")
        out = Palette::Off;
    else if (t == "8")
        out = Palette::Ansi8;
    else if (t == "16")
        out = Palette::Ansi16;
    else if (t == "256")
        out = Palette::Ansi256;
    else if (t == "all")
        out = Palette::All;
    else {
        error = "invalid palette '" + text + "': expected 8, 16, 256, all or off";
        return false;
    }
    return true;
}

const char* palette_name(Palette p) {
    switch (p) {
    case Palette::Off: return "off";
    case Palette::Ansi8: return "8";
    case Palette::Ansi16: return "16";
    case Palette::Ansi256: return "256";
    case Palette::All: return "all";
    }
    return "all";
}

bool parse_colorterm(const std::string& text, bool strict, bool& out, std::string& error) {
    std::string t = util::ascii_lower(util::trim(text));
    out = t == "24bit" || t == "truecolor";
    if (!out && strict) {
        error = "invalid color mode '" + text + "': expected '24bit' or 'truecolor'";
        return false;
    }
    return true;
}

const std::vector<std::string>& known_groupings() {
    static const std::vector<std::string> names = {"none", "app", "location", "name", "kind", "target", "parent"};
    return names;
}

bool parse_group_by(const std::string& text, std::string& out, std::string& error) {
    std::string t = util::ascii_lower(util::trim(text));
    for (const auto& n : known_groupings())
        if (t == n) {
            out = t;
            return true;
        }
    error = "invalid grouping '" + text + "': expected none, app, location, name, kind, target or parent";
    return false;
}

const std::vector<std::string>& known_lints() {
    static const std::vector<std::string> v = {"self-wakes",        "lost-waker",   "never-yielded",
                                               "auto-boxed-future", "large-future", "long-poll"};
    return v;
}

const std::vector<std::string>& default_lints() {
    static const std::vector<std::string> v = {"self-wakes", "lost-waker", "never-yielded", "auto-boxed-future",
                                               "large-future"};
    return v;
}

const std::vector<std::string>& fail_on_lints() {
    static const std::vector<std::string> v = [] {
        std::vector<std::string> all = known_lints();
        all.erase(std::find(all.begin(), all.end(), "long-poll"));
        return all;
    }();
    return v;
}

bool parse_lint_list(const std::string& text, bool allow_all_word, std::vector<std::string>& out, bool& all,
                     std::string& error) {
    all = false;
    std::vector<std::string> lints;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        if (comma == std::string::npos) comma = text.size();
        std::string name = util::trim(text.substr(pos, comma - pos));
        pos = comma + 1;
        if (allow_all_word && name == "all" && text == "all") {
            all = true;
            out.clear();
            return true;
        }
        const auto& known = known_lints();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            if (name.empty())
                error = "empty lint name in '" + text + "'";
            else
                error = "unknown lint '" + name + "'";
            return false;
        }
        lints.push_back(name);
    }
    out = std::move(lints);
    return true;
}

void normalize_lints(std::vector<std::string>& lints) {
    std::vector<std::string> sorted;
    for (const auto& name : known_lints())
        if (std::find(lints.begin(), lints.end(), name) != lints.end()) sorted.push_back(name);
    lints = std::move(sorted);
}

std::vector<std::string> active_lints(const Settings& s) {
    std::vector<std::string> on;
    if (s.allow_all) return on;
    for (const auto& w : s.warnings)
        if (std::find(s.allow_warnings.begin(), s.allow_warnings.end(), w) == s.allow_warnings.end()) on.push_back(w);
    return on;
}

bool check_target(const std::string& text, std::string& error) {
    // The wire layer's own parser, so that what is accepted here connects.
    wire::Target target;
    return wire::parse_target(text, target, error);
}

}  // namespace config
