#include "view/canvas.h"
#include "util/text.h"
#include "view/glyphs.h"

#include <algorithm>
#include <cwchar>
#include <vector>

namespace view {

namespace {

// Decodes one UTF-8 sequence; invalid or overlong input yields U+FFFD and
// consumes one byte.
char32_t decode(std::string_view s, size_t& i) {
    unsigned char c = s[i];
    if (c < 0x80) {
        i++;
        return c;
    }
    int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (c >= 0xf8) len = 0;
    if (!len || i + len > s.size()) {
        i++;
        return 0xfffd;
    }
    char32_t cp = c & (0x7f >> len);
    for (int k = 1; k < len; k++) {
        unsigned char cc = s[i + k];
        if ((cc & 0xc0) != 0x80) {
            i++;
            return 0xfffd;
        }
        cp = (cp << 6) | (cc & 0x3f);
    }
    static const char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        i++;
        return 0xfffd;
    }
    i += len;
    return cp;
}

// A glyph to draw: either one code point or the spelled-out form of a
// control character ("\x1b").
struct Spelled {
    char32_t cps[4];
    int n;
};

Spelled safe(char32_t cp, bool ascii) {
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
        static const char hex[] = "0123456789abcdef";
        return {{U'\\', U'x', char32_t(hex[(cp >> 4) & 15]), char32_t(hex[cp & 15])}, 4};
    }
    if (ascii && cp >= 0x80) return {{U'?'}, 1};
    return {{cp}, 1};
}

// Zero-width characters that are not marks: format characters, among
// them the direction overrides, and tag characters.
bool format_char(char32_t cp) {
    return (cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd || cp == 0x70f || cp == 0x8e2 || cp == 0x180e ||
           (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
           cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0x110bd || cp == 0x110cd ||
           (cp >= 0x13430 && cp <= 0x1343f) || (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) ||
           cp >= 0xe0000;
}

// What a code point is drawn as, and its columns: 0 for a combining
// mark, which goes over the character before it.  Other zero-width and
// unknown characters become U+FFFD.
struct Shown {
    char32_t cp;
    int width;
};

Shown shown(char32_t cp) {
    if (cp < 0x80) return {cp, 1};
    int w = wcwidth(static_cast<wchar_t>(cp));
    if (w == 0 && cp >= 0x300 && !format_char(cp)) return {cp, 0};
    if (w < 1) return {0xfffd, 1};
    return {cp, w == 2 ? 2 : 1};
}

// Calls f(code point, columns) for each glyph of s; columns is 0 for a
// combining mark, which goes over the glyph before it.  A mark with
// nothing before it is shown as U+FFFD.
template <typename F>
void each_glyph(std::string_view s, bool ascii, F f) {
    size_t i = 0;
    bool base = false;
    while (i < s.size()) {
        Spelled g = safe(decode(s, i), ascii);
        for (int k = 0; k < g.n; k++) {
            Shown s = shown(g.cps[k]);
            if (s.width == 0 && !base) s = {0xfffd, 1};
            base = true;
            if (!f(s.cp, s.width)) return;
        }
    }
}

}  // namespace

Canvas::Canvas(int width, int height, bool ascii)
    : w_(width > 0 ? width : 0), h_(height > 0 ? height : 0), ascii_(ascii), cells_(static_cast<size_t>(w_) * h_) {}

void Canvas::clear() {
    for (Cell& c : cells_) c = Cell{};
}

int display_width(std::string_view utf8, bool ascii) {
    int w = 0;
    each_glyph(utf8, ascii, [&](char32_t, int cw) {
        w += cw;
        return true;
    });
    return w;
}

int Canvas::text(int x, int y, std::string_view utf8, Style style, int max_width) {
    if (y < 0 || y >= h_ || x >= w_ || x < 0) return 0;
    int limit = w_ - x;
    if (max_width >= 0 && max_width < limit) limit = max_width;
    if (limit <= 0) return 0;
    bool fits = display_width(utf8, ascii_) <= limit;
    int room = fits ? limit : limit - 1;  // keep a column for the ellipsis
    int col = 0;
    Cell* row = &cells_[static_cast<size_t>(y) * w_];
    Cell* last = nullptr;  // the glyph a combining mark goes over
    each_glyph(utf8, ascii_, [&](char32_t cp, int cw) {
        if (cw == 0) {
            if (last && !last->mark) last->mark = cp;  // further marks are dropped
            return true;
        }
        if (col + cw > room) return false;
        last = &row[x + col];
        row[x + col] = {cp, style};
        if (cw == 2) row[x + col + 1] = {0, style};
        col += cw;
        return true;
    });
    if (!fits) {
        row[x + col] = {glyphs(ascii_).ellipsis, style};
        col++;
    }
    return col;
}

int Canvas::spans(int x, int y, const std::vector<Span>& pieces, int max_width) {
    int limit = w_ - x;
    if (max_width >= 0 && max_width < limit) limit = max_width;
    int total = spans_width(pieces, ascii_);
    int used = 0;
    for (size_t i = 0; i < pieces.size() && used < limit; i++) {
        int w = display_width(pieces[i].text, ascii_);
        if (total > limit && used + w >= limit) {
            // The last piece that shows: a space more makes text() cut it.
            used += text(x + used, y, pieces[i].text + " ", pieces[i].style, limit - used);
            break;
        }
        used += text(x + used, y, pieces[i].text, pieces[i].style, limit - used);
    }
    return used;
}

void Canvas::box(int x, int y, int w, int h, std::string_view title) {
    if (w < 2 || h < 2) return;
    const Glyphs& g = glyphs(ascii_);
    std::string top = g.frame[0], bottom = g.frame[5];
    for (int i = 0; i < w - 2; i++) {
        top += g.frame[1];
        bottom += g.frame[1];
    }
    top += g.frame[2];
    bottom += g.frame[4];
    text(x, y, top, Style::Border, w);
    text(x, y + h - 1, bottom, Style::Border, w);
    for (int r = y + 1; r < y + h - 1; r++) {
        text(x, r, g.frame[3], Style::Border, 1);
        text(x + w - 1, r, g.frame[3], Style::Border, 1);
    }
    if (!title.empty() && w > 4) text(x + 1, y, title, Style::Title, w - 2);
}

int spans_width(const std::vector<Span>& pieces, bool ascii) {
    int w = 0;
    for (const Span& p : pieces) w += display_width(p.text, ascii);
    return w;
}

void panel(Canvas& c, int x, int y, int w, int h, std::string_view title, const std::vector<std::vector<Span>>& lines) {
    if (w < 3 || h < 2) return;
    c.box(x, y, w, h, title);
    for (int i = 0; i < h - 2 && i < static_cast<int>(lines.size()); i++) c.spans(x + 1, y + 1 + i, lines[i], w - 2);
}

int Canvas::text_right(int x, int y, int width, std::string_view utf8, Style style) {
    int w = display_width(utf8, ascii_);
    if (w >= width) return text(x, y, utf8, style, width);
    return text(x + width - w, y, utf8, style, width - (width - w));
}

void Canvas::fill(int x, int y, int width, char32_t ch, Style style) {
    if (y < 0 || y >= h_) return;
    for (int i = 0; i < width; i++)
        if (x + i >= 0 && x + i < w_) cells_[static_cast<size_t>(y) * w_ + x + i] = {ch, style};
}

void Canvas::restyle(int x, int y, int width, Style style) {
    if (y < 0 || y >= h_) return;
    for (int i = 0; i < width; i++)
        if (x + i >= 0 && x + i < w_) cells_[static_cast<size_t>(y) * w_ + x + i].style = style;
}

void Canvas::select(int x, int y, int width) {
    if (y < 0 || y >= h_) return;
    for (int i = std::max(x, 0); i < x + width && i < w_; i++) cells_[static_cast<size_t>(y) * w_ + i].selected = true;
}

std::string Canvas::row_text(int y) const {
    std::string out;
    if (y < 0 || y >= h_) return out;
    for (int x = 0; x < w_; x++) {
        const Cell& c = at(x, y);
        if (c.ch) util::append_utf8(out, c.ch);
        if (c.ch && c.mark) util::append_utf8(out, c.mark);
    }
    return out;
}

}  // namespace view
