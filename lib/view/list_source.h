// What a list shows, as its source gives it: the columns, and the rows in
// the order of a column, a window at a time; and how its rows are fitted
// to a width and drawn (view/table.h lays the columns out).  The TUI's
// list view scrolls and selects over a source; `tokio-console dump`
// prints its rows the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "view/canvas.h"
#include "view/table.h"

namespace view {

struct Field;
struct CellContext;

// A column of a list as its source declares it (view/fields.h gives them).
struct ListColumn {
    const char* title;
    int priority;   // higher stays longer when the width runs out
    bool right;     // right-aligned (numbers, durations)
    int min_width;  // 0: may not shrink below its content
};

struct ListRow {
    std::vector<std::string> cells;  // the text, for widths, filters and dumps
    std::vector<Style> styles;
    // A cell drawn in several styles (fields); none or empty: cells[i] in
    // styles[i].
    std::vector<std::vector<Span>> spans;
    // A cell that leads the row and shows whole (a group's label): its
    // column gives way last, after the sorted one, and is not cut unless
    // the sorted column needs the room; -1: none.
    int lead = -1;
    // A row that says more than its columns hold (a group's states): the
    // cell at `span_from` runs over the columns after it to the end of the
    // line, and does not widen its column; -1: none.
    int span_from = -1;
};

// What a source's order depends on besides the column and the direction:
// a window of it stays right while this stays the same.
struct OrderStamp {
    uint64_t generation = 0;  // the model's
    uint64_t rows = 0;        // the filter's rows (tui::FilteredList::stamp())
    uint64_t scope = 0;       // ModelListSource::scope()
    int64_t second = -1;      // of the clock, for a column that grows with it
    bool operator==(const OrderStamp&) const = default;
};

class ListSource {
public:
    virtual ~ListSource() = default;
    virtual const std::vector<ListColumn>& columns() const = 0;
    virtual size_t size() const = 0;
    // Rows ranked [first, first+count) in the order; first may be moved
    // back so the window is full.
    virtual std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const = 0;
    virtual long rank(int column, bool descending, uint64_t key) const = 0;  // -1: unknown key
    virtual uint64_t key(uint32_t row) const = 0;
    virtual ListRow row(uint32_t row) const = 0;
    // A search is on: rows it matches are marked in a gutter.
    virtual bool marking() const { return false; }
    virtual bool marked(uint32_t /*row*/) const { return false; }
    // For the order by `column`; none: a window is not kept.
    virtual std::optional<OrderStamp> order_stamp(int /*column*/) const { return std::nullopt; }
};

// The columns of a field table (view/fields.h), left to right.
std::vector<ListColumn> field_columns(std::span<const Field> fields);

// A row of a list from its fields' cells (`cols`, left to right); all
// dimmed, in one style, when `dim` (a finished task, a dropped resource).
ListRow field_row(const std::vector<const Field*>& cols, const CellContext& c, uint32_t row, bool dim);

// Fitting a list's columns to a width from the rows it shows:
// list_columns(), then measure() each row, then fit(); draw_list_row()
// draws one row.
std::vector<Column> list_columns(const std::vector<ListColumn>& spec);
void measure(std::vector<Column>& cols, const ListRow& row, bool ascii);
// The sorted column (-1: none) stays whatever its priority: its marker
// must show.
void fit(std::vector<Column>& cols, const std::vector<ListColumn>& spec, int width, int sorted = -1);
void draw_list_row(Canvas& c, int y, const std::vector<Column>& cols, const ListRow& row);

}  // namespace view
