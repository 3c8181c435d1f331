// The resources view: a table of every resource (view/resource_source.h
// gives its rows), with its filter line; with several applications,
// every one's resources in one table.
#pragma once

#include "model/model.h"
#include "tui/task_list.h"
#include "view/canvas.h"
#include "view/draw_options.h"
#include "view/resource_source.h"

namespace tui {

class ResourceList : public ModelList<view::ResourceSource> {
public:
    // By ID, highest first, as upstream.
    ResourceList()
        : ModelList(static_cast<int>(model::ResourceColumn::Id), true, model::FilterTable::Resources,
                    view::resource_fields()) {}
    void draw(view::Canvas& c, int y0, int height, const Apps& apps, const view::DrawOptions& o);
};

}  // namespace tui
