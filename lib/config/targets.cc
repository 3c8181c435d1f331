// Named target lists: entries, defaults for names, targets files.
#include "config/targets.h"

#include <algorithm>

#include "util/file.h"
#include "util/text.h"
#include "wire/target.h"

namespace config {

namespace {

bool name_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == ':';
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

}  // namespace

std::string default_target_name(const std::string& address) {
    wire::Target t;
    std::string why;
    if (!wire::parse_target(address, t, why)) return "";
    switch (t.kind) {
    case wire::Target::Kind::Unix: {
        size_t slash = t.path.rfind('/');
        std::string base = slash == std::string::npos ? t.path : t.path.substr(slash + 1);
        return base.empty() ? t.path : base;
    }
    case wire::Target::Kind::Vsock:
        return "vsock-" + std::to_string(t.vsock_cid) + ":" + std::to_string(t.vsock_port);
    case wire::Target::Kind::Tcp: break;
    }
    return t.endpoint();
}

bool parse_target_entry(const std::string& text, NamedTarget& out, std::string& error) {
    size_t scheme = text.find("://");
    size_t eq = text.find('=');
    NamedTarget t;
    std::string address = text;
    if (eq != std::string::npos && (scheme == std::string::npos || eq < scheme)) {
        t.name = text.substr(0, eq);
        address = text.substr(eq + 1);
        if (t.name.empty()) {
            error = "invalid target '" + util::escape_controls(text, util::Escape::Hex) + "': empty name before '='";
            return false;
        }
        if (!std::all_of(t.name.begin(), t.name.end(), [](char c) { return name_char(c); })) {
            error = "invalid target name '" + util::escape_controls(t.name, util::Escape::Hex) +
                    "': use letters, digits, '_', '-', '.' and ':'";
            return false;
        }
    }
    wire::Target parsed;
    if (!wire::parse_target(address, parsed, error)) {
        error = util::escape_controls(error, util::Escape::Hex);
        return false;
    }
    t.address = address;
    if (t.name.empty()) t.name = default_target_name(address);
    out = std::move(t);
    return true;
}

bool add_targets(std::vector<NamedTarget>& into, const std::vector<NamedTarget>& more, std::string& error) {
    for (const auto& t : more) {
        if (into.size() >= kMaxTargets) {
            error = "more than " + std::to_string(kMaxTargets) + " targets";
            return false;
        }
        auto same = [&](const NamedTarget& o) { return o.name == t.name; };
        if (std::find_if(into.begin(), into.end(), same) != into.end()) {
            error = "target name '" + t.name + "' is given twice";
            return false;
        }
        into.push_back(t);
    }
    return true;
}

bool parse_target_list(const std::vector<std::string>& entries, std::vector<NamedTarget>& out, std::string& error) {
    std::vector<NamedTarget> list;
    for (const auto& e : entries) {
        NamedTarget t;
        if (!parse_target_entry(e, t, error) || !add_targets(list, {t}, error)) return false;
    }
    out = std::move(list);
    return true;
}

bool parse_targets_text(const std::string& text, const std::string& path, std::vector<NamedTarget>& out,
                        std::string& error) {
    std::vector<NamedTarget> list;
    size_t line_no = 0;
    for (size_t at = 0; at < text.size();) {
        size_t nl = text.find('\n', at);
        std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? text.size() : nl + 1;
        line_no++;
        size_t hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        line = trim(line);
        if (line.empty()) continue;
        NamedTarget t;
        std::string why;
        if (!parse_target_entry(line, t, why) || !add_targets(list, {t}, why)) {
            error = path + ":" + std::to_string(line_no) + ": " + why;
            return false;
        }
    }
    out = std::move(list);
    return true;
}

bool read_targets_file(const std::string& path, std::vector<NamedTarget>& out, std::string& error) {
    std::string text, why;
    switch (util::read_regular_file(path, kMaxTargetsFileBytes, text, why)) {
    case util::FileStatus::Missing: error = "targets file '" + path + "' does not exist"; return false;
    case util::FileStatus::Error: error = "targets file '" + path + "' " + why; return false;
    case util::FileStatus::Ok: break;
    }
    return parse_targets_text(text, path, out, error);
}


bool targets_of(const Settings& s, std::vector<NamedTarget>& out, std::string& error) {
    std::vector<NamedTarget> list;
    NamedTarget single{default_target_name(s.target), s.target};
    if (!s.targets.empty()) {
        if (!parse_target_list(s.targets, list, error)) return false;
    } else if (s.target_given) {
        list.push_back(single);
    }
    if (!s.targets_file.empty()) {
        std::vector<NamedTarget> more;
        if (!read_targets_file(s.targets_file, more, error) || !add_targets(list, more, error)) return false;
    }
    if (list.empty()) list.push_back(single);
    out = std::move(list);
    return true;
}

}  // namespace config
