// Text on the canvas: what each character of the application's strings
// becomes.  Wide characters take two cells; a combining mark goes over
// the character before it; format and direction controls, and marks with
// nothing before them, become U+FFFD; control bytes are spelled out.
#include <clocale>
#include <string>

#include "t/unit/tap.h"
#include "view/canvas.h"

using view::Canvas;

namespace {

std::string row(const Canvas& c, int y) {
    std::string s = c.row_text(y);
    return s.substr(0, s.find_last_not_of(' ') + 1);
}

}  // namespace

int main() {
    // Character widths come from the locale, as in the console.
    if (!std::setlocale(LC_CTYPE, "C.UTF-8")) tap::diag("no C.UTF-8 locale");
    Canvas c(20, 4, false);
    tap::check_eq(c.text(0, 0, "plain"), 5, "ASCII takes a column a character");
    tap::check_eq(row(c, 0), std::string("plain"), "and reads back as written");

    c.clear();
    tap::check_eq(c.text(0, 0, "宽x"), 3, "a wide character takes two columns");
    tap::check(c.at(0, 0).ch == U'宽' && c.at(1, 0).ch == 0 && c.at(2, 0).ch == U'x',
               "its second cell is the right half");

    c.clear();
    tap::check_eq(c.text(0, 0, "cafe\u0301!"), 5, "a combining mark takes no column");
    tap::check(c.at(3, 0).ch == U'e' && c.at(3, 0).mark == U'\u0301', "it goes over the character before it");
    tap::check(c.at(4, 0).ch == U'!' && c.at(4, 0).mark == 0, "and the next character is its own");
    tap::check_eq(row(c, 0), std::string("cafe\u0301!"), "the row reads back with the mark");
    tap::check_eq(view::display_width("cafe\u0301!", false), 5, "display_width agrees");

    c.clear();
    c.text(0, 0, "a\u0301\u0302b");
    tap::check(c.at(0, 0).mark == U'\u0301' && c.at(1, 0).ch == U'b', "a second mark on one character is dropped");
    c.clear();
    c.text(0, 0, "宽\u0301");
    tap::check(c.at(0, 0).mark == U'\u0301' && c.at(1, 0).mark == 0,
               "a mark on a wide character goes on its first cell");
    c.clear();
    tap::check_eq(c.text(0, 0, "\u0301x"), 2, "a mark with nothing before it takes a column");
    tap::check(c.at(0, 0).ch == U'\ufffd', "and shows as U+FFFD");
    c.clear();
    c.text(0, 0, "\u0e01\u0e34");  // Thai: a consonant and a vowel sign above it
    tap::check(c.at(0, 0).ch == U'\u0e01' && c.at(0, 0).mark == U'\u0e34', "marks of other scripts combine too");

    c.clear();
    tap::check_eq(c.text(0, 0, "a\u200bb\u202ec\ufeff"), 6, "format characters take a column");
    tap::check(c.at(1, 0).ch == U'\ufffd' && c.at(3, 0).ch == U'\ufffd' && c.at(5, 0).ch == U'\ufffd',
               "zero-width space, right-to-left override and BOM show as U+FFFD");
    c.clear();
    c.text(0, 0, "\x1b[2J");
    tap::check_eq(row(c, 0), std::string("\\x1b[2J"), "control bytes are spelled out");

    c.clear();
    tap::check_eq(c.text(0, 1, "e\u0301e\u0301e\u0301e\u0301", view::Style::Normal, 3), 3,
                  "a cut text keeps to its width");
    tap::check_eq(row(c, 1), std::string("e\u0301e\u0301\u2026"),
                  "marks of the shown characters stay, then the ellipsis");
    c.clear();
    c.text(0, 0, "ab");
    c.text(0, 0, "x\u0301");
    c.text(0, 0, "y");
    tap::check(c.at(0, 0).ch == U'y' && c.at(0, 0).mark == 0, "text written over a marked cell clears its mark");

    Canvas a(10, 1, true);
    a.text(0, 0, "e\u0301!");
    tap::check_eq(row(a, 0), std::string("e?!"), "in ASCII mode a mark is a question mark, as any non-ASCII");
    return tap::done();
}
