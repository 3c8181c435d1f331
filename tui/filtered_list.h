// A list with its filter line: `/` opens the line at the bottom of the
// table, typing narrows the rows as it goes, Enter keeps the filter and
// Esc clears it; a line starting with `?` searches instead, keeping every
// row, marking the matches and moving between them with n and N.  The
// rows a filter keeps are worked out in the model and handed to the
// list's source (ModelListSource::use_rows), so sorting and paging run
// over those rows alone.  They are kept against the model's generation,
// the filter's text and the source's scope (and the second of the clock
// for a filter on a duration), and worked out again only when one of
// these changes: a frame or a key with nothing new costs no pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/filter_term.h"
#include "tui/filter_line.h"
#include "tui/list_view.h"
#include "view/canvas.h"
#include "view/model_source.h"

namespace tui {

class FilteredList {
public:
    FilteredList(int sort_column, bool descending, model::FilterTable table)
        : list_(sort_column, descending), line_(table) {}

    // Gives `src` the rows the filter in force keeps, running it over
    // `src`'s table when what it kept last may have changed; first thing
    // with every new source.
    void attach(view::ModelListSource& src);
    // Changes whenever the rows attach() hands on do (for what is worked
    // out from them, as the grouping).
    uint64_t stamp() const { return stamp_; }
    // Passes of the filter over the table so far (tests).
    uint64_t passes() const { return passes_; }
    // Opening the line, the edits of the open line (`key`: the character
    // typed), moving between a search's matches, dropping the filter in
    // force, then the list's own commands.  False for a command that does
    // not apply (no search, no filter in force) or is not one of these.
    bool act(Cmd c, int key, view::ModelListSource& src);
    // The table in [y, y+height), the filter line on its last row while
    // the line is open.
    void draw(view::Canvas& c, int y, int height, view::ModelListSource& src, const char* empty_text);
    // "Tasks (42 of 12,345) /state:idle", "Tasks (12,345) ?conn: 3 matches".
    std::string title(const char* name, const view::ModelListSource& src) const;

    // Sets the filter as if typed and kept (the command line's --filter);
    // false, with line().error(), when it does not parse.
    bool set_filter(std::string_view text) { return line_.set(text); }
    const FilterLine& line() const { return line_; }
    bool editing() const { return line_.editing(); }
    uint64_t selected() const { return list_.selected(); }
    void select(uint64_t key, const view::ListSource& src) { list_.select(key, src); }
    int sort_column() const { return list_.sort_column(); }
    void shift_columns(int by) { list_.shift_columns(by); }
    bool descending() const { return list_.descending(); }
    void click(int y) { list_.click(y); }

private:
    bool edit(Cmd c, int key, view::ModelListSource& src);
    // To the next match (the previous unless `forward`); with `stay`, not
    // when the selected row matches already.
    void jump(view::ModelListSource& src, bool forward, bool stay);

    // What rows_ was worked out for.
    struct Key {
        uint64_t generation = 0;
        uint64_t scope = 0;
        std::string text;
        bool search = false;
        // The second of the model's clock when the filter reads durations,
        // which grow with it (so worked out at most once a second); else -1.
        int64_t second = -1;
        bool operator==(const Key&) const = default;
    };

    ListView list_;
    FilterLine line_;
    std::vector<uint32_t> rows_;  // what the filter keeps, or the search matches
    std::optional<Key> key_;      // none: no filter in force
    uint64_t stamp_ = 0;
    uint64_t passes_ = 0;
};

}  // namespace tui
