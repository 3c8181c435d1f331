// The task table as a list source: its columns (from the fields table,
// view/fields.h) and each task's row as the task list shows it and
// `tokio-console dump` prints it.
#pragma once

#include <cstdint>
#include <vector>

#include "model/filter.h"
#include "model/model.h"
#include "view/model_source.h"

namespace view {

// The task table as a ListSource.
class TaskSource : public ModelListSource {
public:
    using ModelListSource::ModelListSource;
    const std::vector<ListColumn>& columns() const override;
    size_t total() const override { return m_.tasks().size(); }
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t row) const override { return m_.tasks().row(row).span_id; }
    bool holds(uint64_t key) const override { return m_.tasks().find(key) != nullptr; }
    ListRow row(uint32_t row) const override;
    bool reads_clock(int column) const override;
    std::vector<uint32_t> filter_rows(const model::Filter& f) const override;
    uint64_t next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                        bool forward) const override;
};

// Whether the task's state cell shows the blocked glyph rather than its
// state's: it is idle, waiting on a resource too long (model::blocked).
bool task_blocked(const model::Model& m, uint64_t task_span, model::Nanos now, const DrawOptions& o);

}  // namespace view
