#include "model/metadata.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace model {

namespace pb = rs::tokio::console::common;

void MetadataRegistry::add(const pb::RegisterMetadata& msg, StringPool& strings) {
    for (const auto& nm : msg.metadata()) {
        if (!nm.has_id() || !nm.has_metadata()) continue;
        const auto& m = nm.metadata();
        Metadata meta;
        meta.name = strings.intern(m.name());
        meta.target = strings.intern(m.target());
        meta.module_path = strings.intern(m.module_path());
        if (m.has_location()) meta.location = strings.intern(format_location(m.location(), true));
        meta.kind = static_cast<uint8_t>(m.kind() == pb::Metadata::EVENT);
        meta.level = static_cast<uint8_t>(m.level() >= 0 && m.level() <= 4 ? m.level() : 0);
        meta.field_names.reserve(m.field_names_size());
        for (const auto& f : m.field_names()) meta.field_names.push_back(strings.intern(f));
        metas_[nm.id().id()] = std::move(meta);
    }
}

const Metadata* MetadataRegistry::find(uint64_t id) const {
    auto it = metas_.find(id);
    return it == metas_.end() ? nullptr : &it->second;
}

namespace {

// Upstream's test for a path written on Windows: a drive letter, and more
// backslashes than slashes.
bool windows_path(const std::string& p) {
    bool drive = p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' && p[2] == '\\';
    return drive && std::count(p.begin(), p.end(), '\\') > std::count(p.begin(), p.end(), '/');
}

}  // namespace

std::string shorten_registry_path(const std::string& path) {
    // Everything up to ".cargo/registry/src/<index>/" or ".cargo/git/checkouts/",
    // with either separator: applications built on Windows send backslashes.
    std::string unix = path;
    std::replace(unix.begin(), unix.end(), '\\', '/');
    for (const char* marker : {"/.cargo/registry/src/", "/.cargo/git/checkouts/"}) {
        size_t at = unix.rfind(marker);
        if (at == std::string::npos) continue;
        size_t rest = at + std::char_traits<char>::length(marker);
        if (marker[8] == 'r') {  // registry: skip the index directory too
            size_t slash = unix.find('/', rest);
            if (slash == std::string::npos) continue;
            rest = slash + 1;
        }
        return (windows_path(path) ? "<cargo>\\" : "<cargo>/") + path.substr(rest);
    }
    return path;
}

std::string format_location(const pb::Location& loc, bool present) {
    if (!present) return "<unknown location>";
    std::string out;
    // The module path wins because it is shorter, as upstream shows it.
    if (loc.has_module_path())
        out = loc.module_path();
    else if (loc.has_file())
        out = shorten_registry_path(loc.file());
    else
        out = "<unknown location>";
    if (loc.has_line()) {
        out += ':' + std::to_string(loc.line());
        if (loc.has_column()) out += ':' + std::to_string(loc.column());
    }
    return out;
}

void MetadataRegistry::mark_strings(StringPool& strings) const {
    for (const auto& [id, m] : metas_) {
        strings.mark(m.name);
        strings.mark(m.target);
        strings.mark(m.module_path);
        strings.mark(m.location);
        for (StrId f : m.field_names) strings.mark(f);
    }
}

}  // namespace model
