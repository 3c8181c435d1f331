#include "model/resource_table.h"

#include <algorithm>

#include "model/attribute.h"

namespace model {

namespace pb = rs::tokio::console::resources;

uint64_t ResourceTable::id_for(uint64_t span_id) {
    auto [it, fresh] = ids_.try_emplace(span_id, next_id_);
    if (fresh) next_id_++;
    return it->second;
}

const Resource* ResourceTable::find(uint64_t span_id) const {
    auto it = index_.find(span_id);
    return it == index_.end() ? nullptr : &rows_[it->second];
}

namespace {

StrId kind_of(const pb::Resource& p, StringPool& strings) {
    if (!p.has_kind()) return strings.intern("<unknown kind>");
    const auto& k = p.kind();
    switch (k.kind_case()) {
    case pb::Resource::Kind::kKnown:
        if (k.known() == pb::Resource::Kind::TIMER) return strings.intern("Timer");
        return strings.intern("<kind " + std::to_string(k.known()) + ">");
    case pb::Resource::Kind::kOther: return strings.intern(k.other());
    default: return strings.intern("<unknown kind>");
    }
}

}  // namespace

void ResourceTable::apply(const tokio_console::view::ResourceUpdate& u, const MetadataRegistry& metas,
                          StringPool& strings) {
    for (const auto& p : u.new_resources()) {
        if (!p.has_id()) continue;  // nothing to key it by
        uint64_t span = p.id().id();
        auto [it, fresh] = index_.try_emplace(span, static_cast<uint32_t>(rows_.size()));
        if (fresh) rows_.emplace_back();
        Resource& r = rows_[it->second];
        r.span_id = span;
        r.id = id_for(span);
        r.meta_id = p.has_metadata() ? p.metadata().id() : 0;
        // Unknown metadata is shown, not dropped (upstream skips it).
        const Metadata* meta = p.has_metadata() ? metas.find(r.meta_id) : nullptr;
        r.target = meta ? meta->target : strings.intern("<unknown metadata>");
        r.kind = kind_of(p, strings);
        r.concrete_type = strings.intern(p.concrete_type());
        r.location = strings.intern(format_location(p.location(), p.has_location()));
        r.visibility = p.is_internal() ? Visibility::Internal : Visibility::Public;
        r.parent_span = p.has_parent_resource_id() ? p.parent_resource_id().id() : 0;
        r.parent_id = p.has_parent_resource_id() ? id_for(r.parent_span) : 0;
    }
    for (const auto& e : u.stats_update()) {
        // As upstream: stats of a resource never announced are ignored.
        auto it = index_.find(e.key());
        if (it == index_.end()) continue;
        Resource& r = rows_[it->second];
        const auto& s = e.value();
        r.has_stats = true;
        r.created_at = s.has_created_at() ? from_proto(s.created_at()) : 0;
        r.dropped_at = s.has_dropped_at() ? from_proto(s.dropped_at()) : 0;
        r.attributes = attributes_from_proto(s.attributes(), metas.find(r.meta_id), metas, strings);
    }
    dropped_events_ += u.dropped_events();
}

void ResourceTable::retain(Nanos now, std::optional<Nanos> retain_for, std::vector<uint64_t>* removed) {
    if (!retain_for) return;
    size_t i = 0;
    while (i < rows_.size()) {
        const Resource& r = rows_[i];
        if (!r.dropped() || since(now, r.dropped_at) < *retain_for) {
            i++;
            continue;
        }
        if (removed) removed->push_back(r.span_id);
        index_.erase(r.span_id);
        ids_.erase(r.span_id);
        if (i != rows_.size() - 1) {
            rows_[i] = std::move(rows_.back());
            index_[rows_[i].span_id] = static_cast<uint32_t>(i);
        }
        rows_.pop_back();
    }
}

std::string ResourceTable::parent_label(const Resource& r, const StringPool& strings) const {
    if (!r.parent_id) return "n/a";
    std::string out = std::to_string(r.parent_id);
    if (const Resource* p = find(r.parent_span)) {
        out += " (";
        out += strings.get(p->target);
        out += "::";
        out += strings.get(p->concrete_type);
        out += ')';
    }
    return out;
}

namespace {

// <0, 0, >0 by one column.
int compare_by(const Resource& a, const Resource& b, ResourceColumn c, const StringPool& strings,
               const std::vector<uint32_t>& ranks, Nanos now) {
    auto cmp = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
    switch (c) {
    case ResourceColumn::Id: return cmp(a.id, b.id);
    case ResourceColumn::Parent: return cmp(a.parent_id, b.parent_id);
    case ResourceColumn::Kind: return cmp(ranks[a.kind], ranks[b.kind]);
    case ResourceColumn::Total: return cmp(a.total(now), b.total(now));
    case ResourceColumn::Target: return cmp(ranks[a.target], ranks[b.target]);
    case ResourceColumn::Type: return cmp(ranks[a.concrete_type], ranks[b.concrete_type]);
    case ResourceColumn::Vis: return cmp(a.visibility, b.visibility);
    case ResourceColumn::Location: return cmp(ranks[a.location], ranks[b.location]);
    case ResourceColumn::Attributes: return compare_attributes(a.attributes, b.attributes, strings);
    }
    return 0;
}

auto resource_less(const ResourceTable& t, const StringPool& strings, ResourceColumn c, bool descending, Nanos now) {
    const std::vector<uint32_t>& ranks = strings.ranks();
    return [&t, &strings, &ranks, c, descending, now](uint32_t x, uint32_t y) {
        const Resource& a = t.row(x);
        const Resource& b = t.row(y);
        int k = compare_by(a, b, c, strings, ranks, now);
        if (k) return descending ? k > 0 : k < 0;
        return a.id < b.id;  // ties by id, ascending either way
    };
}

std::vector<uint32_t> all_rows(size_t n) {
    std::vector<uint32_t> rows(n);
    for (size_t i = 0; i < n; i++) rows[i] = static_cast<uint32_t>(i);
    return rows;
}

}  // namespace

RowWindow resource_window(const ResourceTable& t, const StringPool& strings, ResourceColumn c, bool descending,
                          Nanos now, size_t first, size_t count, const std::vector<uint32_t>* only) {
    return sorted_window(only ? *only : all_rows(t.size()), resource_less(t, strings, c, descending, now), first,
                         count);
}

long resource_rank(const ResourceTable& t, const StringPool& strings, ResourceColumn c, bool descending, Nanos now,
                   uint64_t span_id, const std::vector<uint32_t>* only) {
    const Resource* r = t.find(span_id);
    if (!r) return -1;
    uint32_t row = static_cast<uint32_t>(r - &t.row(0));
    if (only && !std::binary_search(only->begin(), only->end(), row)) return -1;
    return rank_of(only ? *only : all_rows(t.size()), resource_less(t, strings, c, descending, now), row);
}

uint64_t resource_next_match(const ResourceTable& t, const StringPool& strings, ResourceColumn c, bool descending,
                             Nanos now, uint64_t from_span, const std::vector<uint32_t>& matches, bool forward) {
    const Resource* from = t.find(from_span);
    long r =
        next_in_order(matches, resource_less(t, strings, c, descending, now), from ? from - &t.row(0) : -1, forward);
    return r < 0 ? 0 : t.row(static_cast<size_t>(r)).span_id;
}

}  // namespace model
