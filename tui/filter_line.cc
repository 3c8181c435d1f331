#include "tui/filter_line.h"
#include "util/text.h"
#include "view/filter_keys.h"

namespace tui {

using view::Canvas;
using view::Style;

namespace {

// Drops the last character, not the last byte.
void erase_last(std::string& s) {
    while (!s.empty()) {
        unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xc0) != 0x80) break;
    }
}

}  // namespace

FilterLine::Edit FilterLine::edit(Cmd c, int key) {
    switch (c) {
    case Cmd::Keep:
        // A line that does not parse stays open to be mended.
        if (!error_.empty()) return Edit::Changed;
        editing_ = false;
        if (filter_.empty()) text_.clear();
        return Edit::Kept;
    case Cmd::Clear: clear(); return Edit::Cleared;
    case Cmd::Erase: erase_last(text_); break;
    case Cmd::EraseAll: text_.clear(); break;
    case Cmd::Type:
        if (!is_text_key(key)) return Edit::None;
        util::append_utf8(text_, static_cast<char32_t>(key));
        break;
    default: return Edit::None;
    }
    compile();
    return Edit::Changed;
}

bool FilterLine::set(std::string_view text) {
    text_ = std::string(text);
    editing_ = false;
    compile();
    return error_.empty();
}

void FilterLine::clear() {
    text_.clear();
    filter_ = model::Filter();
    search_ = false;
    error_.clear();
    editing_ = false;
}

void FilterLine::compile() {
    model::TypedFilter p = model::parse_typed_filter(text_, table_, view::filter_keys());
    if (p.error) {
        error_ = model::format_filter_error(*p.error);
        return;
    }
    error_.clear();
    filter_ = std::move(p.filter);
    search_ = p.search;
}

std::string FilterLine::label() const {
    if (filter_.empty()) return "";
    return (search_ ? "?" : "/") + filter_.text();
}

void FilterLine::draw(Canvas& c, int y) const {
    int x = c.text(0, y, "/" + text_, Style::Bold);
    if (error_.empty()) {
        c.fill(x, y, 1, U' ', Style::Normal);
        c.select(x, y, 1);  // the cursor
        return;
    }
    c.text(x + 2, y, error_, Style::Error, c.width() - x - 2);
}

}  // namespace tui
