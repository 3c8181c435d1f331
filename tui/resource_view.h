// The resource details view: the resource panel and its attributes, who
// holds it and the tasks waiting on it (model/waits.h), and the table of
// its async ops.  Tab moves between the two; Enter on a task, or on an
// async op, opens that task.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/model.h"
#include "tui/filtered_list.h"
#include "tui/keys.h"
#include "tui/link_section.h"
#include "tui/task_list.h"

namespace tui {

class ResourceView {
public:
    // `id_prefix`: "api/" before its ID, with several applications.
    void draw(view::Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
              const view::DrawOptions& o, std::string_view id_prefix = {});
    // SwitchPane, then the commands of the pane that has the keys: the
    // links' Up and Down, or the async ops' list (`k`: the key, the
    // mouse's row); false when one does not apply.
    bool act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, uint64_t span_id,
             const view::DrawOptions& o);
    FilteredList& ops() { return ops_; }
    const FilteredList& ops() const { return ops_; }
    // The selected waiting task or holder, or the task of the selected
    // async op (span id); 0 if none.
    uint64_t selected_task(const model::Model& m, model::Nanos now, uint64_t span_id, const view::DrawOptions& o) const;
    // Keys go to "Held by / waiting", not the async ops.
    bool on_links() const { return on_links_; }
    // Another resource: the selection and the keys back to their start.
    void reset_links() {
        links_.reset();
        on_links_ = false;
    }

private:
    LinkSection links_;
    bool on_links_ = false;
    FilteredList ops_{0, true, model::FilterTable::AsyncOps};  // by ID, highest first, as upstream
};

}  // namespace tui
