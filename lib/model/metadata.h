// The metadata registry: what RegisterMetadata announced, by metadata id.
// Fields name themselves by index into a metadata's field names.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "common.pb.h"
#include "model/intern.h"

namespace model {

struct Metadata {
    StrId name = 0;
    StrId target = 0;
    StrId module_path = 0;
    StrId location = 0;
    uint8_t kind = 0;   // 0 span, 1 event
    uint8_t level = 0;  // 0 error .. 4 trace
    std::vector<StrId> field_names;
};

class MetadataRegistry {
public:
    void add(const rs::tokio::console::common::RegisterMetadata& msg, StringPool& strings);
    const Metadata* find(uint64_t id) const;
    size_t size() const { return metas_.size(); }
    // Every entry by id (a keyframe carries them all, see snapshot.h).
    const std::unordered_map<uint64_t, Metadata>& all() const { return metas_; }

    // Marks the strings the metadata names (see StringPool::sweep).
    void mark_strings(StringPool& strings) const;

private:
    std::unordered_map<uint64_t, Metadata> metas_;
};

// "file:line:col" with Cargo registry paths shortened to "<cargo>/" (or
// "<cargo>\" for a Windows path, C:\...), as upstream shows locations;
// "<unknown location>" when absent.
std::string format_location(const rs::tokio::console::common::Location& loc, bool present);
std::string shorten_registry_path(const std::string& path);

}  // namespace model
