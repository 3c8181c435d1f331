// The ListSource over one of the model's tables at one moment, which a
// filter can narrow or a search mark.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "model/filter.h"
#include "model/model.h"
#include "view/draw_options.h"
#include "view/fields.h"
#include "view/list_source.h"

namespace view {

// A list over one of the model's tables, drawn for server time `now`.
// A filter narrows it to the rows it keeps, or a search marks them.
class ModelListSource : public ListSource {
public:
    ModelListSource(const model::Model& m, model::Nanos now, const DrawOptions& o) : m_(m), now_(now), o_(o) {}

    // Rows of the list before any filter.
    virtual size_t total() const = 0;
    size_t size() const override { return only_ ? only_->size() : total(); }
    // The rows `f` keeps, ascending.
    virtual std::vector<uint32_t> filter_rows(const model::Filter& f) const = 0;
    // For search: the key of the match (a row of `matches`) after the row
    // of `from` in the order (before it, unless `forward`), wrapping
    // around; 0 when there is none.
    virtual uint64_t next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                bool forward) const = 0;
    // The list is narrowed to `rows` (ascending; nullptr: every row), or,
    // with `search`, keeps every row and marks those.  `stamp` changes
    // whenever the rows do (tui::FilteredList::stamp()).
    virtual void use_rows(const std::vector<uint32_t>* rows, bool search, uint64_t stamp) {
        only_ = search ? nullptr : rows;
        marks_ = search ? rows : nullptr;
        rows_stamp_ = stamp;
    }
    // Changes whenever the rows of the tables under the list do (the
    // model's generation; a merged list's, from all of its members').
    virtual uint64_t generation() const { return m_.generation(); }
    // Whether a row of the list has this key (without a pass).
    virtual bool holds(uint64_t key) const { return rank(0, false, key) >= 0; }
    // The application the rows come from, when several are watched (its
    // cells say so, its name in `style`; a filter matches its name);
    // empty: the one.
    void set_app(std::string_view app, Style style) {
        app_ = app;
        app_style_ = style;
    }
    std::string_view app() const { return app_; }
    // What a cell of this list is drawn from.
    CellContext cell_context() const { return CellContext{m_, now_, o_, app_, app_style_}; }
    // What else than the model and the filter the rows depend on (the
    // resource whose async ops are listed); 0: nothing.
    virtual uint64_t scope() const { return 0; }
    const model::Model& model() const { return m_; }
    // The order by a column that reads the clock (a duration) is kept a
    // second at most; by any other, while the model and the rows stay.
    std::optional<OrderStamp> order_stamp(int column) const override {
        return OrderStamp{generation(), rows_stamp_, scope(), reads_clock(column) ? now_ / 1'000'000'000 : -1};
    }
    // Whether the order by `column` changes with the clock alone.
    virtual bool reads_clock(int /*column*/) const { return true; }
    model::Nanos now() const { return now_; }
    // Rows the filter keeps, for the title; a list whose lines are not
    // rows (the grouped tasks) says so here.
    virtual size_t kept() const { return size(); }
    bool marking() const override { return marks_ != nullptr; }
    bool marked(uint32_t row) const override {
        return marks_ && std::binary_search(marks_->begin(), marks_->end(), row);
    }

protected:
    const model::Model& m_;
    model::Nanos now_;
    const DrawOptions& o_;
    std::string_view app_;
    Style app_style_ = Style::Normal;
    const std::vector<uint32_t>* only_ = nullptr;
    const std::vector<uint32_t>* marks_ = nullptr;
    uint64_t rows_stamp_ = 0;  // use_rows()'s stamp, for what is worked out from the rows
};

}  // namespace view
