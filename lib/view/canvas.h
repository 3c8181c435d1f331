// A grid of styled character cells that views draw into.  Drawing a frame
// is a pure step: a test can draw a view and read the text back without a
// terminal.  All text enters through text(), which makes it safe to show:
// invalid UTF-8 becomes U+FFFD and control characters are spelled out, so
// no byte from the application reaches the terminal as a control sequence.
// A combining mark (e + U+0301 = é) goes over the character before it, one
// mark per cell; other zero-width characters (format and direction
// controls) become U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace view {

enum class Style : uint8_t {
    Normal,
    Bold,
    Dim,
    Title,
    Header,
    HeaderSorted,
    Key,
    Warn,
    Error,
    Ok,
    Info,
    DurPs,
    DurNs,
    DurUs,
    DurMs,
    DurS,
    DurMin,
    DurH,
    DurD,
    // Upstream's colours for fields (key=value), visibility and pausing.
    FieldKey,
    FieldDelim,
    FieldValue,
    Public,
    Internal,
    Paused,
    Pausing,
    Unpausing,
    FieldUnit,  // an attribute's unit (ms in duration=5ms)
    Border,     // the frames of panels and the help
    // The applications' names when several are watched, by their place.
    App0,
    App1,
    App2,
    App3,
    App4,
    App5,
    Count
};

struct Cell {
    char32_t ch = U' ';  // 0: the right half of a wide character
    Style style = Style::Normal;
    // Reverse video on top of the style (the selected row, the cursor):
    // a selected cell keeps its own colour, as upstream's highlight does.
    bool selected = false;
    char32_t mark = 0;  // a combining mark drawn over ch (an accent), or 0
    bool operator==(const Cell&) const = default;
};

// A piece of text in one style: a cell or a line drawn in several styles.
struct Span {
    std::string text;
    Style style = Style::Normal;
};

class Canvas {
public:
    Canvas(int width, int height, bool ascii);
    int width() const { return w_; }
    int height() const { return h_; }
    bool ascii() const { return ascii_; }

    // Writes text at (x, y), at most max_width columns (-1: to the edge);
    // when it does not fit, the last column shows an ellipsis.  Returns the
    // columns used.  Nothing is ever written outside the grid.
    int text(int x, int y, std::string_view utf8, Style style = Style::Normal, int max_width = -1);
    // Pieces one after the other, as text() draws one: at most max_width
    // columns, one ellipsis at the end when they do not all fit.
    int spans(int x, int y, const std::vector<Span>& pieces, int max_width = -1);
    // A frame around (x, y, w, h) with a title in its top edge; rounded in
    // UTF-8, +-| in ASCII (glyphs.h).
    void box(int x, int y, int w, int h, std::string_view title = {});
    // Right-aligned in [x, x+width).
    int text_right(int x, int y, int width, std::string_view utf8, Style style = Style::Normal);
    void fill(int x, int y, int width, char32_t ch, Style style);
    void restyle(int x, int y, int width, Style style);
    // Marks [x, x+width) of row y selected; their text and styles stay.
    void select(int x, int y, int width);
    void clear();

    const Cell& at(int x, int y) const { return cells_[static_cast<size_t>(y) * w_ + x]; }
    // One row as UTF-8 text, trailing blanks kept; for tests and dumps.
    std::string row_text(int y) const;

private:
    int w_, h_;
    bool ascii_;
    std::vector<Cell> cells_;
};

// Display columns of text once made safe (as Canvas::text would draw it).
int display_width(std::string_view utf8, bool ascii);
int spans_width(const std::vector<Span>& pieces, bool ascii);

// A framed panel of lines (Canvas::box); those that do not fit are left out.
void panel(Canvas& c, int x, int y, int w, int h, std::string_view title, const std::vector<std::vector<Span>>& lines);

}  // namespace view
