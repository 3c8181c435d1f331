#include "tui/resource_view.h"

#include <algorithm>
#include <string>

#include "model/async_op_table.h"
#include "model/attribute.h"
#include "model/resource_table.h"
#include "model/waits.h"
#include "tui/resource_list.h"
#include "tui/wait_lines.h"
#include "view/format.h"
#include "view/glyphs.h"

namespace tui {

using view::AsyncOpSource;
using view::Canvas;
using view::DrawOptions;
using view::Duration;
using view::field_spans;
using view::format_duration;
using view::Glyphs;
using view::glyphs;
using view::panel;
using view::Span;
using view::spans_width;
using view::Style;

namespace {

using Line = std::vector<Span>;

// The resource panel's lines.
std::vector<Line> resource_lines(const model::Resource& r, const model::Model& m, model::Nanos now,
                                 const DrawOptions& o) {
    const auto& s = m.strings();
    const Glyphs& g = glyphs(o.ascii);
    bool internal = r.visibility == model::Visibility::Internal;
    Duration total = format_duration(r.total(now), 2, o.ascii);
    return {
        {{"ID: ", Style::Bold},
         {std::to_string(r.id) + "  "},
         {"Parent: ", Style::Bold},
         {m.resources().parent_label(r, s)}},
        {{"Kind: ", Style::Bold},
         {std::string(s.get(r.kind)) + "  "},
         {"Type: ", Style::Bold},
         {std::string(s.get(r.concrete_type))}},
        {{"Target: ", Style::Bold}, {std::string(s.get(r.target))}},
        {{"Visibility: ", Style::Bold},
         {std::string(internal ? g.internal : g.pub) + " " + model::visibility_name(r.visibility),
          internal ? Style::Internal : Style::Public}},
        {{"Location: ", Style::Bold}, {std::string(s.get(r.location))}},
        {{"Total Time: ", Style::Bold},
         {total.text, o.duration_colors ? total.style : Style::Normal},
         {r.dropped() ? " (dropped)" : ""}},
    };
}

std::vector<Line> attribute_lines(const model::Resource& r, const model::StringPool& s) {
    std::vector<Line> out;
    for (const auto& a : r.attributes) {
        out.emplace_back();
        field_spans(out.back(), model::format_field(a, s), s.get(a.unit));
    }
    if (out.empty()) out.push_back({{"none", Style::Dim}});
    return out;
}

}  // namespace

void ResourceView::draw(Canvas& c, int y0, int height, const model::Model& m, model::Nanos now, uint64_t span_id,
                        const DrawOptions& o, std::string_view id_prefix) {
    const auto& s = m.strings();
    const model::Resource* r = m.resources().find(span_id);
    int y = y0, bottom = y0 + height;
    if (!r) {
        c.text(1, y, "This resource is no longer known (dropped and expired, or the connection was reset).",
               Style::Dim);
        c.text(1, y + 1, "Press Esc to go back.", Style::Dim);
        return;
    }
    c.text(0, y++,
           "Resource " + std::string(id_prefix) + std::to_string(r->id) + " (" + std::string(s.get(r->concrete_type)) +
               ")",
           Style::Title);
    // The resource and its attributes in frames, side by side when the
    // width allows, as upstream's.
    std::vector<Line> info = resource_lines(*r, m, now, o), attrs = attribute_lines(*r, s);
    int info_w = 0;
    for (const Line& l : info) info_w = std::max(info_w, spans_width(l, o.ascii) + 2);
    int info_h = static_cast<int>(info.size()) + 2, attrs_h = static_cast<int>(attrs.size()) + 2;
    if (c.width() - info_w >= 30) {
        int h = std::min(std::max(info_h, attrs_h), std::max(info_h, bottom - y - 6));
        panel(c, 0, y, info_w, h, "Resource", info);
        panel(c, info_w, y, c.width() - info_w, h, "Attributes", attrs);
        y += h;
    } else {
        panel(c, 0, y, c.width(), info_h, "Resource", info);
        y += info_h;
        attrs_h = std::min(attrs_h, std::max(3, bottom - y - 6));
        panel(c, 0, y, c.width(), attrs_h, "Attributes", attrs);
        y += attrs_h;
    }
    // Who holds it and who waits on it.
    auto lines = held_by_lines(m, span_id, now, o);
    size_t waiting = model::waiters_of(m, span_id).size();
    std::string title = "Held by / waiting (" + std::to_string(waiting) + " waiting)";
    if (lines.empty()) title += ": no task waits on it";
    if (lines.empty()) on_links_ = false;
    int room = std::max(3, (bottom - y) / 3);
    if (y < bottom) y += links_.draw(c, y, std::min(room, bottom - y), title, lines, on_links_);
    if (y + 2 >= bottom) return;
    y++;
    AsyncOpSource src(m, now, o, span_id);
    ops_.attach(src);
    c.text(0, y++, ops_.title("Async Ops", src), Style::Title);
    ops_.draw(c, y, bottom - y, src, "No async ops.");
}

bool ResourceView::act(Cmd c, const KeyEvent& k, const model::Model& m, model::Nanos now, uint64_t span_id,
                       const DrawOptions& o) {
    if (c == Cmd::SwitchPane) {
        on_links_ = !on_links_ && !held_by_lines(m, span_id, now, o).empty();
        return true;
    }
    if (on_links_) return links_.act(c, held_by_lines(m, span_id, now, o).size());
    if (c == Cmd::Click) {
        ops_.click(k.mouse_y);
        return true;
    }
    AsyncOpSource src(m, now, o, span_id);
    ops_.attach(src);
    return ops_.act(c, k.key, src);
}

uint64_t ResourceView::selected_task(const model::Model& m, model::Nanos now, uint64_t span_id,
                                     const DrawOptions& o) const {
    if (on_links_) return links_.selected(held_by_lines(m, span_id, now, o));
    const model::AsyncOp* op = m.async_ops().find(ops_.selected());
    return op ? op->task_span : 0;
}

}  // namespace tui
