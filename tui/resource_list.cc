#include "tui/resource_list.h"

namespace tui {

using view::Style;

void ResourceList::draw(view::Canvas& c, int y0, int height, const Apps& apps, const view::DrawOptions& o) {
    if (height <= 0) return;
    AppSources s = sources(apps, o);
    view::ModelListSource& src = s.source();
    view_.attach(src);
    c.text(0, y0, view_.title("Resources", src), Style::Title);
    view_.draw(c, y0 + 1, height - 1, src, "No resources yet.");
}

}  // namespace tui
