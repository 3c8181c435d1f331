#include "tui/resource_list.h"

namespace tui {

using view::Style;

void ResourceList::draw(view::Canvas& c, int y0, int height, const model::Model& m, model::Nanos now,
                        const view::DrawOptions& o) {
    if (height <= 0) return;
    view::ResourceSource src(m, now, o);
    view_.attach(src);
    c.text(0, y0, view_.title("Resources", src), Style::Title);
    view_.draw(c, y0 + 1, height - 1, src, "No resources yet.");
}

}  // namespace tui
