// The task list view: a title with counts by state, the warnings summary,
// and the table of tasks (sorted by Total, highest first, to begin with).
#pragma once

#include <cstdint>

#include "model/model.h"
#include "model/task_order.h"
#include "tui/canvas.h"
#include "tui/draw_options.h"
#include "tui/list_view.h"

namespace tui {

// A list over one of the model's tables, drawn for server time `now`.
class ModelListSource : public ListSource {
public:
    ModelListSource(const model::Model& m, model::Nanos now, const DrawOptions& o) : m_(m), now_(now), o_(o) {}

protected:
    const model::Model& m_;
    model::Nanos now_;
    const DrawOptions& o_;
};

// The task table as a ListSource.
class TaskSource : public ModelListSource {
public:
    using ModelListSource::ModelListSource;
    const std::vector<ListColumn>& columns() const override;
    size_t size() const override { return m_.tasks().size(); }
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t row) const override { return m_.tasks().row(row).span_id; }
    ListRow row(uint32_t row) const override;
};

// A view over one model table: keys, clicks and the selection go to its
// ListView through a Source made for the moment.
template <class Source>
class ModelList {
public:
    ModelList(int sort_column, bool descending) : list_(sort_column, descending) {}
    bool handle_key(int key, const model::Model& m, model::Nanos now, const DrawOptions& o) {
        Source src(m, now, o);
        return list_.handle_key(key, src);
    }
    void click(int y) { list_.click(y); }
    uint64_t selected() const { return list_.selected(); }

protected:
    ListView list_;
};

class TaskList : public ModelList<TaskSource> {
public:
    TaskList() : ModelList(static_cast<int>(model::TaskColumn::Total), true) {}
    void draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, const DrawOptions& o);
};

}  // namespace tui
