// The resource details view: the resource panel and its attributes, the
// tasks waiting on it (from poll ops) and the table of its async ops;
// Enter on an async op opens the task that polls it.
#pragma once

#include <cstdint>

#include "model/model.h"
#include "tui/filtered_list.h"
#include "tui/task_list.h"

namespace tui {

class ResourceView {
public:
    void draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
              const DrawOptions& o);
    bool handle_key(int key, const model::Model& m, model::Nanos now, uint64_t span_id, const DrawOptions& o);
    void click(int y) { ops_.click(y); }
    FilteredList& ops() { return ops_; }
    const FilteredList& ops() const { return ops_; }
    // The task of the selected async op (span id), 0 if none.
    uint64_t selected_task(const model::Model& m) const;

private:
    FilteredList ops_{0, true, model::FilterTable::AsyncOps};  // by ID, highest first, as upstream
};

}  // namespace tui
