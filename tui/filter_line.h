// The filter line of a list: what the user types after `/`, compiled as
// it is typed.  A line starting with `?` searches instead of narrowing:
// every row stays and the matches are marked.  Only a line that parses
// replaces the filter in force, so a half-typed or bad line (an
// unmatched bracket in a regex) leaves the rows as they were and shows
// its error instead.
#pragma once

#include <string>
#include <string_view>

#include "model/filter.h"
#include "tui/keys.h"
#include "view/canvas.h"

namespace tui {

class FilterLine {
public:
    explicit FilterLine(model::FilterTable table) : table_(table) {}

    // What a key did to the line.
    enum class Edit {
        None,     // not an edit of the line
        Changed,  // the text (and maybe the filter) changed
        Kept,     // Enter: the line closes, the filter stays
        Cleared,  // Esc: the line closes, the filter is gone
    };

    // Opens the line for typing, with the text in force.
    void open() { editing_ = true; }
    bool editing() const { return editing_; }
    // An edit of the open line (keys::typing): Keep, Clear, Erase,
    // EraseAll, or Type `key`.
    Edit edit(Cmd c, int key = 0);
    // Sets the text as if typed and kept; false (with error()) when it
    // does not parse.
    bool set(std::string_view text);
    void clear();

    // A filter or a search is in force.
    bool active() const { return !filter_.empty(); }
    bool search() const { return search_; }
    const model::Filter& filter() const { return filter_; }
    const std::string& error() const { return error_; }
    // The line in force, `/` or `?` first ("/state:idle"); "" when none.
    std::string label() const;

    // The line at row y while it is open: the text and a cursor, or the
    // text and its error.
    void draw(view::Canvas& c, int y) const;

private:
    void compile();

    model::FilterTable table_;
    std::string text_;      // as typed, '?' included
    model::Filter filter_;  // the last text that parsed
    bool search_ = false;   // filter_ came from a '?' line
    std::string error_;     // why text_ does not parse
    bool editing_ = false;
};

}  // namespace tui
