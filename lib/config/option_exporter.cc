// The setters of `tokio-console exporter`'s options and of console.toml's
// `targets` (see options.cc).  They check the form of each value; whether
// the address can be listened on is known when the exporter starts.
#include "config/option_setters.h"
#include "config/targets.h"

namespace config::setters {

namespace {

bool at_least_one(const std::string& flag, const std::vector<std::string>& args, uint64_t& out, Problem& p) {
    uint64_t n;
    if (!number(flag, args.back(), n, p)) return false;
    if (!n) return problem(p, "option '" + flag + "' must be at least 1");
    out = n;
    return true;
}

}  // namespace

bool cli_exporter_listen(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (args.back().empty()) return problem(p, "option '" + flag + "' needs an address", "for example 127.0.0.1:9669");
    l.exporter.listen = args.back();
    return true;
}

bool cli_exporter_targets_file(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (args.back().empty()) return problem(p, "option '" + flag + "' needs a file");
    l.exporter.targets_file = args.back();
    return true;
}

bool cli_exporter_max_locations(const std::string& flag, const std::vector<std::string>& args, Layer& l,
                                Problem& p) {
    return at_least_one(flag, args, l.exporter.max_locations, p);
}

bool cli_exporter_per_task(const std::string&, const std::vector<std::string>&, Layer& l, Problem&) {
    l.exporter.per_task = true;
    return true;
}

bool cli_exporter_max_tasks(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    return at_least_one(flag, args, l.exporter.max_tasks, p);
}

// A details stream per watched task costs the application work: a few.
bool cli_exporter_watch_details(const std::string& flag, const std::vector<std::string>& args, Layer& l,
                                Problem& p) {
    uint64_t n;
    if (!number(flag, args.back(), n, p)) return false;
    if (n > 100) return problem(p, "option '" + flag + "' must be at most 100");
    l.exporter.watch_details = n;
    return true;
}

// targets = ["http://127.0.0.1:6669", "api=http://10.0.0.5:6669"]
void toml_targets(const std::string& key, const TomlValue& v, Layer& l) {
    if (v.kind != TomlValue::Kind::Array) wrong_type(key, v, "an array of target addresses");
    std::vector<std::string> entries;
    for (const auto& item : v.items) {
        if (item.kind != TomlValue::Kind::String) wrong_type(key, item, "an array of target addresses");
        entries.push_back(item.text);
    }
    std::vector<NamedTarget> parsed;
    std::string why;
    if (!parse_target_list(entries, parsed, why)) throw KeyError{"key '" + key + "': " + why};
    l.targets = entries;
}

std::string write_targets(const std::string& leaf, const Settings& s) {
    if (s.targets.empty()) return "";
    std::string list = "[\n";
    for (const auto& t : s.targets) list += "    " + toml_quote(t) + ",\n";
    return line(leaf, list + "]");
}

}  // namespace config::setters
