// A sortable, scrollable table of rows from one of the model's tables.  The
// source says what the columns are and gives rows in order; the view keeps
// the sort column, the direction and the selection, which follows a row's
// key (a span id), not its place, when rows re-sort.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tui/canvas.h"
#include "tui/keys.h"
#include "tui/table.h"

namespace tui {

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
    uint64_t rows = 0;        // the filter's rows (FilteredList::stamp())
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

// Fitting a list's columns to a width from the rows it shows, shared by
// the view and by `tokio-console dump`'s tables: list_columns(), then
// measure() each row, then fit(); draw_list_row() draws one row.
std::vector<Column> list_columns(const std::vector<ListColumn>& spec);
void measure(std::vector<Column>& cols, const ListRow& row, bool ascii);
// The sorted column (-1: none) stays whatever its priority: its marker
// must show.
void fit(std::vector<Column>& cols, const std::vector<ListColumn>& spec, int width, int sorted = -1);
void draw_list_row(Canvas& c, int y, const std::vector<Column>& cols, const ListRow& row);

class ListView {
public:
    explicit ListView(int sort_column = 0, bool descending = false) : sort_(sort_column), descending_(descending) {}

    // Draws the header row and the rows into [y, y+height).
    void draw(Canvas& c, int y, int height, const ListSource& src, const char* empty_text);
    // Moving and sorting (keys::list); false for other commands.
    bool act(Cmd c, const ListSource& src);
    void click(int screen_y);
    uint64_t selected() const { return selected_; }
    // Puts the selection on the row of `key`, when the order has it.
    void select(uint64_t key, const ListSource& src);
    bool descending() const { return descending_; }
    int sort_column() const { return sort_; }

private:
    void move_to(long rank, const ListSource& src);
    // src.window(), or the window drawn last when it still holds: the
    // same order (OrderStamp), the same ranks asked for.
    std::vector<uint32_t> window(const ListSource& src, size_t& first, size_t count);

    int sort_;
    bool descending_;
    uint64_t selected_ = 0;
    long rank_ = 0;
    long top_ = 0;
    int page_ = 10;
    int rows_y_ = 0;
    long rows_drawn_ = 0;
    bool pending_g_ = false;
    bool follow_rank_ = false;  // a click chose a rank: take the key there
    // The window drawn last, and what it was taken for.
    struct Kept {
        OrderStamp stamp;
        int sort = 0;
        bool descending = false;
        size_t asked = 0, count = 0, first = 0;
        std::vector<uint32_t> ids;
    };
    std::optional<Kept> kept_;
};

}  // namespace tui
