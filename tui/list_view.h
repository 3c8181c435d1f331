// A sortable, scrollable table of rows from one of the model's tables.  The
// source says what the columns are and gives rows in order; the view keeps
// the sort column, the direction and the selection, which follows a row's
// key (a span id), not its place, when rows re-sort.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tui/keys.h"
#include "view/canvas.h"
#include "view/list_source.h"

namespace tui {

class ListView {
public:
    explicit ListView(int sort_column = 0, bool descending = false) : sort_(sort_column), descending_(descending) {}

    // Draws the header row and the rows into [y, y+height).
    void draw(view::Canvas& c, int y, int height, const view::ListSource& src, const char* empty_text);
    // Moving and sorting (keys::list); false for other commands.
    bool act(Cmd c, const view::ListSource& src);
    void click(int screen_y);
    uint64_t selected() const { return selected_; }
    // Puts the selection on the row of `key`, when the order has it.
    void select(uint64_t key, const view::ListSource& src);
    bool descending() const { return descending_; }
    int sort_column() const { return sort_; }
    // The columns moved `by` places (a column came first, or left): the
    // same column stays sorted; the selection starts again.
    void shift_columns(int by) {
        sort_ = std::max(0, sort_ + by);
        selected_ = 0;
        rank_ = top_ = 0;
        kept_.reset();
    }

private:
    void move_to(long rank, const view::ListSource& src);
    // src.window(), or the window drawn last when it still holds: the
    // same order (view::OrderStamp), the same ranks asked for.
    std::vector<uint32_t> window(const view::ListSource& src, size_t& first, size_t count);

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
        view::OrderStamp stamp;
        int sort = 0;
        bool descending = false;
        size_t asked = 0, count = 0, first = 0;
        std::vector<uint32_t> ids;
    };
    std::optional<Kept> kept_;
};

}  // namespace tui
