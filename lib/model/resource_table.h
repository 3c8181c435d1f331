// All resources the console knows, by the server's span id.  Applies the
// ResourceUpdate part of each Update (new resources and their stats) and
// drops resources dropped longer ago than the retention.  Display ids are
// sequential in order of first mention, a parent's included, as upstream.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/metadata.h"
#include "model/resource.h"
#include "model/row_window.h"
#include "resources.pb.h"
#include "update_view.pb.h"

namespace model {

class ResourceTable {
public:
    void apply(const tokio_console::view::ResourceUpdate& update, const MetadataRegistry& metas, StringPool& strings);
    // Forgets resources dropped at least retain_for ago (nullopt: never);
    // their span ids are appended to `removed` when given.
    void retain(Nanos now, std::optional<Nanos> retain_for, std::vector<uint64_t>* removed = nullptr);

    size_t size() const { return rows_.size(); }
    const Resource& row(size_t i) const { return rows_[i]; }
    const Resource* find(uint64_t span_id) const;
    // The display id of a span, given on first mention.
    uint64_t id_for(uint64_t span_id);
    uint64_t dropped_events() const { return dropped_events_; }

    // "n/a", the parent's id, or "id (target::Type)" when the parent is known.
    std::string parent_label(const Resource& r, const StringPool& strings) const;

private:
    std::vector<Resource> rows_;
    std::unordered_map<uint64_t, uint32_t> index_;  // span id -> row
    std::unordered_map<uint64_t, uint64_t> ids_;    // span id -> display id
    uint64_t next_id_ = 1;
    uint64_t dropped_events_ = 0;
};

// Ranks [first, first+count) of the resources sorted by `column` (ties by
// id, ascending whichever the direction); with `only` (rows a filter
// kept, ascending), among those alone.
RowWindow resource_window(const ResourceTable& resources, const StringPool& strings, ResourceColumn column,
                          bool descending, Nanos now, size_t first, size_t count,
                          const std::vector<uint32_t>* only = nullptr);
// The rank of the resource with this span id in that order; -1 if none.
long resource_rank(const ResourceTable& resources, const StringPool& strings, ResourceColumn column, bool descending,
                   Nanos now, uint64_t span_id, const std::vector<uint32_t>* only = nullptr);
// For search: the span id of the resource among `matches` (rows) after
// `from_span` in that order (see next_in_order); 0 when none match.
uint64_t resource_next_match(const ResourceTable& resources, const StringPool& strings, ResourceColumn column,
                             bool descending, Nanos now, uint64_t from_span, const std::vector<uint32_t>& matches,
                             bool forward);

}  // namespace model
