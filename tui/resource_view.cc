#include "tui/resource_view.h"

#include <algorithm>
#include <string>

#include "model/async_op_table.h"
#include "model/attribute.h"
#include "model/resource_table.h"
#include "tui/format.h"
#include "tui/glyphs.h"
#include "tui/resource_list.h"

namespace tui {

namespace {

int line(Canvas& c, int x, int y, int w, const std::string& label, const std::string& value) {
    int used = c.text(x, y, label, Style::Bold, w);
    c.text(x + used, y, value, Style::Normal, w - used);
    return y + 1;
}

}  // namespace

void ResourceView::draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
                        const DrawOptions& o) {
    const auto& s = m.strings();
    const model::Resource* r = m.resources().find(span_id);
    int y = y0, bottom = y0 + height;
    if (!r) {
        c.text(1, y, "This resource is no longer known (dropped and expired, or the connection was reset).",
               Style::Dim);
        c.text(1, y + 1, "Press Esc to go back.", Style::Dim);
        return;
    }
    c.text(0, y++, "Resource " + std::to_string(r->id) + " (" + std::string(s.get(r->concrete_type)) + ")",
           Style::Title);
    int w = c.width() - 1;
    y = line(c, 1, y, w, "ID: ", std::to_string(r->id) + "  Parent: " + m.resources().parent_label(*r, s));
    y = line(c, 1, y, w, "Kind: ", std::string(s.get(r->kind)) + "  Type: " + std::string(s.get(r->concrete_type)));
    const Glyphs& g = glyphs(o.ascii);
    bool internal = r->visibility == model::Visibility::Internal;
    y = line(c, 1, y, w, "Target: ", std::string(s.get(r->target)) + "  Visibility: ");
    int vx = 1 + display_width("Target: " + std::string(s.get(r->target)) + "  Visibility: ", c.ascii());
    c.text(vx, y - 1, std::string(internal ? g.internal : g.pub) + " " + model::visibility_name(r->visibility),
           internal ? Style::Internal : Style::Public, std::max(0, w + 1 - vx));
    y = line(c, 1, y, w, "Location: ", std::string(s.get(r->location)));
    y = line(c, 1, y, w,
             "Total Time: ", format_duration(r->total(now), 2, o.ascii).text + (r->dropped() ? " (dropped)" : ""));
    if (y < bottom) c.text(0, y++, "Attributes", Style::Title);
    for (const auto& a : r->attributes) {
        if (y >= bottom - 4) break;
        draw_field(c, 1, y++, model::format_field(a, s), -1, s.get(a.unit));
    }
    if (r->attributes.empty() && y < bottom) c.text(1, y++, "none", Style::Dim);

    // Who waits on it: tasks whose latest poll of it was pending.
    std::vector<uint64_t> waiting = m.tasks_waiting_on(span_id);
    std::string names;
    for (uint64_t t : waiting) {
        const model::Task* task = m.tasks().find(t);
        if (!task) continue;
        if (!names.empty()) names += ", ";
        names += std::to_string(task->id);
        if (task->name) names += " (" + std::string(s.get(task->name)) + ")";
    }
    if (y < bottom) {
        int used = c.text(0, y, "Tasks waiting (" + std::to_string(waiting.size()) + "): ", Style::Title);
        c.text(used, y++, names.empty() ? "none" : names, names.empty() ? Style::Dim : Style::Normal);
    }
    if (y + 2 >= bottom) return;
    y++;
    AsyncOpSource src(m, now, o, span_id);
    ops_.attach(src);
    c.text(0, y++, ops_.title("Async Ops", src), Style::Title);
    ops_.draw(c, y, bottom - y, src, "No async ops.");
}

bool ResourceView::handle_key(int key, const model::Model& m, model::Nanos now, uint64_t span_id,
                              const DrawOptions& o) {
    AsyncOpSource src(m, now, o, span_id);
    ops_.attach(src);
    return ops_.handle_key(key, src);
}

uint64_t ResourceView::selected_task(const model::Model& m) const {
    const model::AsyncOp* op = m.async_ops().find(ops_.selected());
    return op ? op->task_span : 0;
}

}  // namespace tui
