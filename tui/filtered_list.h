// A list with its filter line: `/` opens the line at the bottom of the
// table, typing narrows the rows as it goes, Enter keeps the filter and
// Esc clears it; a line starting with `?` searches instead, keeping every
// row, marking the matches and moving between them with n and N.  The
// rows a filter keeps are worked out once per use, in the model, and
// handed to the list's source (ModelListSource::use_rows), so sorting
// and paging run over those rows alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/filter_term.h"
#include "tui/canvas.h"
#include "tui/filter_line.h"
#include "tui/list_view.h"
#include "tui/model_source.h"

namespace tui {

class FilteredList {
public:
    FilteredList(int sort_column, bool descending, model::FilterTable table)
        : list_(sort_column, descending), line_(table) {}

    // Runs the filter in force over `src`'s table and gives it the rows;
    // first thing with every new source.
    void attach(ModelListSource& src);
    // `/`, the line's keys while it is open, n and N in a search, Esc to
    // drop the filter in force, then the list's own keys.  False for a
    // key it does not use.
    bool handle_key(int key, ModelListSource& src);
    // The table in [y, y+height), the filter line on its last row while
    // the line is open.
    void draw(Canvas& c, int y, int height, ModelListSource& src, const char* empty_text);
    // "Tasks (42 of 12,345) /state:idle", "Tasks (12,345) ?conn: 3 matches".
    std::string title(const char* name, const ModelListSource& src) const;

    // Sets the filter as if typed and kept (the command line's --filter);
    // false, with line().error(), when it does not parse.
    bool set_filter(std::string_view text) { return line_.set(text); }
    const FilterLine& line() const { return line_; }
    bool editing() const { return line_.editing(); }
    uint64_t selected() const { return list_.selected(); }
    void select(uint64_t key, const ListSource& src) { list_.select(key, src); }
    int sort_column() const { return list_.sort_column(); }
    bool descending() const { return list_.descending(); }
    void click(int y) { list_.click(y); }

private:
    bool line_key(int key, ModelListSource& src);
    // To the next match (the previous unless `forward`); with `stay`, not
    // when the selected row matches already.
    void jump(ModelListSource& src, bool forward, bool stay);

    ListView list_;
    FilterLine line_;
    std::vector<uint32_t> rows_;  // what the filter keeps, or the search matches
};

}  // namespace tui
