// The resources table (every resource: ID, Parent, Kind, Total, Target,
// Type, Vis, Location, Attributes) and the async ops table of one
// resource, as list sources.
#pragma once

#include <cstdint>

#include "model/filter.h"
#include "model/model.h"
#include "view/model_source.h"

namespace view {

class ResourceSource : public ModelListSource {
public:
    using ModelListSource::ModelListSource;
    const std::vector<ListColumn>& columns() const override;
    size_t total() const override { return m_.resources().size(); }
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t row) const override { return m_.resources().row(row).span_id; }
    bool holds(uint64_t key) const override { return m_.resources().find(key) != nullptr; }
    ListRow row(uint32_t row) const override;
    std::vector<uint32_t> filter_rows(const model::Filter& f) const override;
    uint64_t next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                        bool forward) const override;
};

// The async ops of one resource (resource_span 0: of every resource).
class AsyncOpSource : public ModelListSource {
public:
    AsyncOpSource(const model::Model& m, model::Nanos now, const DrawOptions& o, uint64_t resource_span)
        : ModelListSource(m, now, o), resource_(resource_span) {}
    const std::vector<ListColumn>& columns() const override;
    size_t total() const override;
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t row) const override { return m_.async_ops().row(row).span_id; }
    ListRow row(uint32_t row) const override;
    std::vector<uint32_t> filter_rows(const model::Filter& f) const override;
    uint64_t scope() const override { return resource_; }
    uint64_t next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                        bool forward) const override;

private:
    uint64_t resource_;
};

}  // namespace view
