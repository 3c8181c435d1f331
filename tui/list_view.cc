#include "tui/list_view.h"

#include <algorithm>
#include <limits>

#include "view/glyphs.h"
#include "view/table.h"

namespace tui {

using view::Canvas;
using view::Column;
using view::draw_header_row;
using view::draw_list_row;
using view::fit;
using view::glyphs;
using view::list_columns;
using view::ListRow;
using view::ListSource;
using view::measure;
using view::OrderStamp;
using view::Style;

void ListView::draw(Canvas& c, int y, int height, const ListSource& src, const char* empty_text) {
    if (height <= 0) return;
    const auto& spec = src.columns();
    if (sort_ >= static_cast<int>(spec.size())) sort_ = 0;
    int header_y = y;
    rows_y_ = y + 1;
    page_ = std::max(1, height - 1);

    // Keep the selection on its row.  Usually it is still in the window
    // where it was; only when it moved out is its rank looked up, which
    // costs a pass over every row.
    long total = static_cast<long>(src.size());
    size_t first = static_cast<size_t>(std::clamp(top_, 0L, std::max(0L, total - page_)));
    std::vector<uint32_t> ids = window(src, first, static_cast<size_t>(page_));
    if (selected_ && !follow_rank_) {
        long found = -1;
        for (size_t i = 0; i < ids.size(); i++)
            if (src.key(ids[i]) == selected_) found = static_cast<long>(first + i);
        if (found < 0) found = src.rank(sort_, descending_, selected_);
        if (found >= 0) rank_ = found;
    }
    follow_rank_ = false;
    rank_ = std::clamp(rank_, 0L, std::max(0L, total - 1));
    long old_top = static_cast<long>(first);
    top_ = old_top;
    if (rank_ < top_) top_ = rank_;
    if (rank_ >= top_ + page_) top_ = rank_ - page_ + 1;
    top_ = std::clamp(top_, 0L, std::max(0L, total - page_));
    if (top_ != old_top) {
        first = static_cast<size_t>(top_);
        ids = window(src, first, static_cast<size_t>(page_));
    }
    top_ = static_cast<long>(first);
    std::vector<ListRow> rows;
    rows.reserve(ids.size());
    for (uint32_t r : ids) rows.push_back(src.row(r));
    long sel = rank_ - top_;
    selected_ = sel >= 0 && sel < static_cast<long>(ids.size()) ? src.key(ids[sel]) : 0;

    // Column widths from what is on screen only.
    std::vector<Column> cols = list_columns(spec);
    for (const ListRow& r : rows) measure(cols, r, c.ascii());
    // A search marks its matches in a gutter before the first column; in
    // ASCII, where reverse video may not show, the selected row also gets
    // upstream's ">> " there.
    const bool marking = src.marking();
    const int gutter = c.ascii() ? 3 : marking ? 2 : 0;
    fit(cols, spec, std::max(1, c.width() - gutter), sort_);
    for (Column& col : cols) col.x += gutter;
    draw_header_row(c, header_y, cols, sort_, descending_);

    rows_drawn_ = static_cast<long>(rows.size());
    for (size_t i = 0; i < rows.size(); i++) {
        int ry = rows_y_ + static_cast<int>(i);
        draw_list_row(c, ry, cols, rows[i]);
        if (marking && src.marked(ids[i])) {
            c.restyle(0, ry, c.width(), Style::Key);
            c.text(0, ry, glyphs(c.ascii()).match, Style::Key);
        }
        if (static_cast<long>(i) != sel) continue;
        if (c.ascii()) c.text(0, ry, ">> ");
        c.select(0, ry, c.width());
    }
    if (rows.empty()) c.text(1, rows_y_, empty_text, Style::Dim);
}

std::vector<uint32_t> ListView::window(const ListSource& src, size_t& first, size_t count) {
    std::optional<OrderStamp> stamp = src.order_stamp(sort_);
    if (stamp && kept_ && kept_->stamp == *stamp && kept_->sort == sort_ && kept_->descending == descending_ &&
        kept_->asked == first && kept_->count == count) {
        first = kept_->first;
        return kept_->ids;
    }
    size_t asked = first;
    std::vector<uint32_t> ids = src.window(sort_, descending_, first, count);
    if (stamp)
        kept_ = Kept{*stamp, sort_, descending_, asked, count, first, ids};
    else
        kept_.reset();
    return ids;
}

void ListView::move_to(long rank, const ListSource& src) {
    long total = static_cast<long>(src.size());
    rank_ = std::clamp(rank, 0L, std::max(0L, total - 1));
    // Within the window drawn last, while its order holds: no pass.
    std::optional<OrderStamp> stamp = src.order_stamp(sort_);
    if (stamp && kept_ && kept_->stamp == *stamp && kept_->sort == sort_ && kept_->descending == descending_ &&
        static_cast<size_t>(rank_) >= kept_->first && static_cast<size_t>(rank_) < kept_->first + kept_->ids.size()) {
        selected_ = src.key(kept_->ids[static_cast<size_t>(rank_) - kept_->first]);
        return;
    }
    size_t first = static_cast<size_t>(rank_);
    std::vector<uint32_t> ids = src.window(sort_, descending_, first, 1);
    if (!ids.empty()) selected_ = src.key(ids[0]);
}

void ListView::select(uint64_t key, const ListSource& src) {
    long rank = key ? src.rank(sort_, descending_, key) : -1;
    if (rank < 0) return;
    rank_ = rank;
    selected_ = key;
    follow_rank_ = false;
}

bool ListView::act(Cmd c, const ListSource& src) {
    bool was_g = pending_g_;
    pending_g_ = false;
    int ncols = static_cast<int>(src.columns().size());
    long last = static_cast<long>(src.size()) - 1;
    switch (c) {
    // One row at a time wraps around the ends, as upstream does.
    case Cmd::Up: move_to(rank_ > 0 ? rank_ - 1 : last, src); return true;
    case Cmd::Down: move_to(rank_ < last ? rank_ + 1 : 0, src); return true;
    case Cmd::WheelUp: move_to(rank_ - 3, src); return true;
    case Cmd::WheelDown: move_to(rank_ + 3, src); return true;
    case Cmd::PageUp: move_to(rank_ - page_, src); return true;
    case Cmd::PageDown: move_to(rank_ + page_, src); return true;
    case Cmd::Top: move_to(0, src); return true;
    case Cmd::Bottom: move_to(last, src); return true;
    case Cmd::TopAfterG:
        if (was_g)
            move_to(0, src);
        else
            pending_g_ = true;
        return true;
    case Cmd::SortLeft: sort_ = (sort_ + ncols - 1) % ncols; return true;
    case Cmd::SortRight: sort_ = (sort_ + 1) % ncols; return true;
    case Cmd::Invert: descending_ = !descending_; return true;
    default: return false;
    }
}

void ListView::click(int screen_y) {
    long row = screen_y - rows_y_;
    if (row < 0 || row >= rows_drawn_) return;
    rank_ = top_ + row;
    follow_rank_ = true;
}

}  // namespace tui
