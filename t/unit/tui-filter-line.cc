// The filter line's edits as the keys of keys::typing ask for them:
// typing, Backspace over a multi-byte character, Ctrl-U, Enter and Esc; `?` for a search; a line that does
// not parse keeps the filter before it and its error counts columns of
// the text as typed.  And the count format of the lists' titles.
#include <string>

#include "t/unit/tap.h"
#include "tui/filter_line.h"
#include "tui/keys.h"
#include "tui/terminal.h"
#include "view/format.h"

using tui::Cmd;
using tui::FilterLine;
using Edit = tui::FilterLine::Edit;

namespace {

void type(FilterLine& l, const std::u32string& keys) {
    for (char32_t k : keys) l.edit(Cmd::Type, static_cast<int>(k));
}

// What the key does to the line, as the typing table binds it.
Edit press(FilterLine& l, int key) {
    const tui::Binding* b = tui::keys::typing.find(key);
    return b ? l.edit(b->cmd, key) : Edit::None;
}

void editing() {
    FilterLine l(model::FilterTable::Tasks);
    tap::check(!l.editing() && !l.active(), "closed and empty to begin with");
    l.open();
    type(l, U"state:idle");
    tap::check(l.editing() && l.active(), "typing compiles as it goes");
    tap::check_eq(l.label(), std::string("/state:idle"), "the label is the filter in force");
    tap::check(press(l, tui::KeyEnter) == Edit::Kept && !l.editing(), "Enter keeps it and closes the line");
    tap::check_eq(l.label(), std::string("/state:idle"), "the filter stays after Enter");
    l.open();
    tap::check(press(l, tui::KeyEscape) == Edit::Cleared && !l.editing() && !l.active(), "Esc clears it");
    tap::check_eq(l.label(), std::string(""), "no label without a filter");

    l.open();
    type(l, U"caf\u00e9");
    tap::check_eq(l.filter().text(), std::string("caf\u00e9"), "a key above ASCII is UTF-8 text");
    press(l, tui::KeyBackspace);
    tap::check_eq(l.filter().text(), std::string("caf"), "Backspace takes a character, not a byte");
    tap::check(press(l, tui::KeyUp) == Edit::None && press(l, 1) == Edit::None,
               "special and control keys are not text");
    press(l, 21);  // Ctrl-U
    tap::check(!l.active() && l.editing(), "Ctrl-U empties the line, which stays open");
    type(l, U"q");
    tap::check_eq(l.label(), std::string("/q"), "q is text while the line is open");
}

void errors() {
    FilterLine l(model::FilterTable::Tasks);
    l.open();
    type(l, U"name~conn");
    type(l, U"(");
    tap::check_eq(l.error(), std::string("at 6: bad regex 'conn(': unmatched ( or \\("), "a bad regex is an error");
    tap::check_eq(l.label(), std::string("/name~conn"), "the filter before it stays in force");
    tap::check(press(l, tui::KeyEnter) == Edit::Changed && l.editing(),
               "Enter does not keep a line that does not parse");
    press(l, tui::KeyBackspace);
    tap::check(l.error().empty(), "mending it clears the error");
    tap::check(!l.set("?state:idel"), "set() says when a line does not parse");
    tap::check_eq(l.error(), std::string("at 8: unknown state 'idel' (running, idle, scheduled or done)"),
                  "a search's error counts the '?'");
    FilterLine r(model::FilterTable::Resources);
    tap::check(!r.set("polls>1") && r.error().find("not a column of resources") != std::string::npos,
               "each list has its own columns");
}

void search() {
    FilterLine l(model::FilterTable::Tasks);
    tap::check(l.set("?conn") && l.search() && l.active(), "a line starting with ? is a search");
    tap::check_eq(l.filter().text(), std::string("conn"), "the search's filter is what follows the ?");
    tap::check_eq(l.label(), std::string("?conn"), "its label starts with ?");
    tap::check(l.set("conn") && !l.search(), "without the ? it narrows again");
    tap::check(l.set("") && !l.active(), "an empty line is no filter");
}

}  // namespace

int main() {
    editing();
    errors();
    search();
    tap::check_eq(view::format_count(0), std::string("0"), "count: zero");
    tap::check_eq(view::format_count(999), std::string("999"), "count: three digits");
    tap::check_eq(view::format_count(12345), std::string("12,345"), "count: thousands");
    tap::check_eq(view::format_count(1000000), std::string("1,000,000"), "count: millions");
    return tap::done();
}
