// The written-out setters of the options table.
#include "config/option_setters.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "config/targets.h"
#include "util/log.h"

namespace config::setters {

const char* const kHelpHint = "run 'tokio-console --help' to see the options";
const char* const kDurationHint = "use a duration such as '10ms', '2.5s', '1m05s' or '1h 30m'";

namespace {

std::string lint_names() {
    std::string s;
    for (const auto& l : known_lints()) s += (s.empty() ? "" : ", ") + l;
    return s;
}

bool parse_u64(const std::string& text, uint64_t& out) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    errno = 0;
    char* end;
    unsigned long long v = strtoull(text.c_str(), &end, 10);
    if (errno || *end) return false;
    out = v;
    return true;
}

// -W and -A: each value a comma-separated list; `all` only with -A.
bool cli_lints(const std::string& flag, const std::vector<std::string>& args, bool allow, std::vector<std::string>& out,
               bool& all_seen, Problem& p) {
    std::string why;
    for (const auto& item : args) {
        std::vector<std::string> some;
        bool all;
        if (!parse_lint_list(item, allow, some, all, why))
            return problem(p, "option '" + flag + "': " + why,
                           allow ? "give 'all' or lint names: " + lint_names() : "known lints: " + lint_names());
        all_seen |= all;
        out.insert(out.end(), some.begin(), some.end());
    }
    return true;
}

}  // namespace

bool problem(Problem& p, std::string message, std::string hint) {
    p.message = std::move(message);
    p.hint = std::move(hint);
    return false;
}

void wrong_type(const std::string& key, const TomlValue& v, const char* want) {
    throw KeyError{"key '" + key + "' must be " + want + ", not " + v.kind_name()};
}

const std::string& want_string(const std::string& key, const TomlValue& v) {
    if (v.kind != TomlValue::Kind::String) wrong_type(key, v, "a string");
    return v.text;
}

bool want_bool(const std::string& key, const TomlValue& v) {
    if (v.kind != TomlValue::Kind::Boolean) wrong_type(key, v, "true or false");
    return v.boolean;
}

uint64_t want_duration(const std::string& key, const TomlValue& v) {
    uint64_t ns;
    std::string why;
    if (!util::parse_duration(want_string(key, v), ns, why)) throw KeyError{"key '" + key + "': " + why};
    return ns;
}

uint64_t want_size(const std::string& key, const TomlValue& v) {
    if (v.kind == TomlValue::Kind::Integer) {
        if (v.integer <= 0) throw KeyError{"key '" + key + "' must be larger than zero"};
        return (uint64_t)v.integer;
    }
    if (v.kind != TomlValue::Kind::String) wrong_type(key, v, "a size (an integer or a string like \"4MiB\")");
    uint64_t n;
    std::string why;
    if (!parse_size(v.text, n, why)) throw KeyError{"key '" + key + "': " + why};
    return n;
}

std::string line(const std::string& leaf, const std::string& value) {
    return leaf + " = " + value + "\n";
}

const char* boolean(bool b) {
    return b ? "true" : "false";
}

// --- command line -----------------------------------------------------------

// One plain address is the one target, as it always was; several, or one
// with a NAME= prefix, are a list of named targets (config/targets.h).
bool cli_target(const std::string&, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::string why;
    if (args.size() == 1 && check_target(args.back(), why)) {
        l.target = args.back();
        return true;
    }
    std::vector<NamedTarget> parsed;
    if (!parse_target_list(args, parsed, why))
        return problem(p, why, "for example http://127.0.0.1:6669, file:///run/app.sock or api=http://10.0.0.5:6669");
    l.targets = args;
    return true;
}

bool cli_log(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    util::LogFilter filter;
    std::string why;
    if (!util::parse_log_filter(args.back(), filter, why))
        return problem(p, "option '" + flag + "': " + why,
                       "use a level (error, warn, info, debug, trace, off) or target=level pairs");
    l.log_filter = args.back();
    return true;
}

bool cli_log_dir(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (args.back().empty()) return problem(p, "option '" + flag + "' needs a directory");
    l.log_dir = args.back();
    return true;
}

bool cli_warn(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::vector<std::string> lints;
    bool all = false;
    if (!cli_lints(flag, args, false, lints, all, p)) return false;
    l.warnings = lints;
    return true;
}

bool cli_allow(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::vector<std::string> lints;
    bool all = false;
    if (!cli_lints(flag, args, true, lints, all, p)) return false;
    if (all) l.allow_all = true;
    l.allow_warnings = lints;
    return true;
}

bool cli_colorterm(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    bool tc;
    std::string why;
    if (!parse_colorterm(args.back(), true, tc, why)) return problem(p, "option '" + flag + "': " + why);
    l.truecolor = tc;
    return true;
}

bool cli_palette(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    Palette pal;
    std::string why;
    if (!parse_palette(args.back(), pal, why)) return problem(p, "option '" + flag + "': " + why);
    l.palette = pal;
    return true;
}

bool cli_group_by(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::string g, why;
    if (!parse_group_by(args.back(), g, why)) return problem(p, "option '" + flag + "': " + why);
    l.group_by = g;
    return true;
}

bool cli_retain_for(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::optional<uint64_t> ns;
    std::string why;
    if (!parse_retention(args.back(), ns, why))
        return problem(p, "option '" + flag + "': " + why, std::string(kDurationHint) + ", or 'none'");
    l.retain_for_ns = ns;
    return true;
}

bool cli_percent(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    uint64_t n;
    if (!parse_u64(args.back(), n) || n > 100)
        return problem(p, "option '" + flag + "': invalid percentage '" + args.back() + "'",
                       "give a whole number from 0 to 100");
    l.self_wakes_percent = (uint32_t)n;
    return true;
}

bool cli_future_bytes(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    uint64_t n;
    std::string why;
    if (!parse_size(args.back(), n, why))
        return problem(p, "option '" + flag + "': " + why, "give a size in bytes such as 1024 or 2KiB");
    l.large_future_bytes = n;
    return true;
}

bool cli_message_size(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    uint64_t n;
    std::string why;
    if (!parse_size(args.back(), n, why))
        return problem(p, "option '" + flag + "': " + why, "use a size such as 4MiB, 100MB or 1GiB");
    l.max_message_size = n;
    return true;
}

// --- environment ------------------------------------------------------------

bool env_log(const std::string& name, const std::string& value, Layer& l, Problem& p) {
    util::LogFilter filter;
    std::string why;
    if (!util::parse_log_filter(value, filter, why))
        return problem(p, "environment variable '" + name + "': " + why,
                       "unset it or set it to a level such as 'info'");
    l.log_filter = value;
    return true;
}

bool env_lang(const std::string&, const std::string& value, Layer& l, Problem&) {
    l.lang = value;
    return true;
}

// $COLORTERM may be anything; only 24bit and truecolor mean 24-bit colour.
bool env_colorterm(const std::string&, const std::string& value, Layer& l, Problem&) {
    bool tc;
    std::string why;
    parse_colorterm(value, false, tc, why);
    l.truecolor = tc;
    return true;
}

}  // namespace config::setters
