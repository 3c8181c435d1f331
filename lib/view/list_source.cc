#include "view/list_source.h"

#include <algorithm>
#include <limits>

#include "view/fields.h"

namespace view {

std::vector<ListColumn> field_columns(std::span<const Field> fields) {
    std::vector<ListColumn> out;
    for (const Field* f : columns(fields)) out.push_back({f->title, f->priority, f->right, f->min_width});
    return out;
}

ListRow field_row(const std::vector<const Field*>& cols, const CellContext& c, uint32_t row, bool dim) {
    size_t n = cols.size();
    ListRow r;
    r.cells.resize(n);
    r.styles.assign(n, dim ? Style::Dim : Style::Normal);
    for (size_t i = 0; i < n; i++) {
        FieldCell cell = cols[i]->cell(c, row);
        r.cells[i] = std::move(cell.text);
        if (dim) continue;
        r.styles[i] = cell.style;
        if (cell.spans.empty()) continue;
        r.spans.resize(n);
        r.spans[i] = std::move(cell.spans);
    }
    return r;
}

std::vector<Column> list_columns(const std::vector<ListColumn>& spec) {
    std::vector<Column> cols(spec.size());
    for (size_t i = 0; i < spec.size(); i++) {
        cols[i].title = spec[i].title;
        cols[i].priority = spec[i].priority;
        cols[i].right = spec[i].right;
    }
    return cols;
}

// `want` holds the widest cell so far, plus the gap; `need`, that of a
// lead cell.
void measure(std::vector<Column>& cols, const ListRow& row, bool ascii) {
    size_t n = row.span_from >= 0 ? static_cast<size_t>(row.span_from) : row.cells.size();
    for (size_t i = 0; i < cols.size() && i < row.cells.size() && i < n; i++) {
        int w = display_width(row.cells[i], ascii) + 1;
        cols[i].want = std::max(cols[i].want, w);
        if (!row.cells[i].empty()) cols[i].filled = true;
        if (static_cast<int>(i) == row.lead) cols[i].need = std::max(cols[i].need, w);
    }
}

void fit(std::vector<Column>& cols, const std::vector<ListColumn>& spec, int width, int sorted) {
    for (size_t i = 0; i < cols.size(); i++) {
        cols[i].want = std::max(cols[i].want, 1);
        cols[i].min = spec[i].min_width ? std::min(cols[i].want, spec[i].min_width) : cols[i].want;
    }
    Column* by = sorted >= 0 && sorted < static_cast<int>(cols.size()) ? &cols[sorted] : nullptr;
    if (by) {
        by->priority = std::numeric_limits<int>::max();
        by->filled = true;
    }
    // A lead cell's column gives way last but for the sorted one, and is
    // cut only to leave the sorted column its room (its title, the marker
    // and a gap).
    int beside = by ? std::max(by->min, display_width(by->title, true) + 1) + 1 : 0;
    for (Column& c : cols) {
        if (!c.need) continue;
        if (&c != by) c.priority = std::numeric_limits<int>::max() - 1;
        c.min = std::max(c.min, std::min(c.need, &c == by ? width : width - beside));
    }
    layout(cols, width);
}

// A spanning cell starts where its column is, or after the last column
// before it that shows, and runs to the edge.
namespace {

void draw_span(Canvas& c, int y, const std::vector<Column>& cols, const ListRow& r) {
    size_t from = static_cast<size_t>(r.span_from);
    int x = -1;
    for (size_t k = 0; k < cols.size(); k++) {
        if (!cols[k].width) continue;
        if (k >= from) {
            x = cols[k].x;
            break;
        }
        x = cols[k].x + cols[k].width + 1;
    }
    if (x < 0 || x >= c.width() || from >= r.cells.size()) return;
    Style st = from < r.styles.size() ? r.styles[from] : Style::Normal;
    c.fill(x, y, c.width() - x, U' ', Style::Normal);
    c.text(x, y, r.cells[from], st, c.width() - x);
}

}  // namespace

void draw_list_row(Canvas& c, int y, const std::vector<Column>& cols, const ListRow& r) {
    size_t n = r.span_from >= 0 ? static_cast<size_t>(r.span_from) : r.cells.size();
    for (size_t k = 0; k < cols.size() && k < r.cells.size() && k < n; k++) {
        const Column& col = cols[k];
        if (!col.width) continue;
        Style st = k < r.styles.size() ? r.styles[k] : Style::Normal;
        if (k < r.spans.size() && !r.spans[k].empty())
            c.spans(col.x, y, r.spans[k], col.width);
        else if (col.right)
            c.text_right(col.x, y, col.width - 1, r.cells[k], st);
        else
            c.text(col.x, y, r.cells[k], st, col.width);
    }
    if (r.span_from >= 0) draw_span(c, y, cols, r);
}

}  // namespace view
