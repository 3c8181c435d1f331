#include "tui/link_section.h"

#include <algorithm>

namespace tui {

using view::Canvas;
using view::display_width;
using view::Style;

namespace {

// The rows of one line at this width: itself, or split after "; ".
std::vector<std::string> rows_of(const std::string& text, int width, bool ascii) {
    size_t cut = text.find("; ");
    if (cut == std::string::npos || display_width(text, ascii) <= width) return {text};
    return {text.substr(0, cut + 1), "  " + text.substr(cut + 2)};
}

}  // namespace

int LinkSection::draw(Canvas& c, int y, int max_rows, const std::string& title, const std::vector<LinkLine>& lines,
                      bool focused) {
    if (max_rows <= 0) return 0;
    c.text(0, y, title, Style::Title);
    if (lines.empty()) return 1;
    sel_ = std::min(sel_, lines.size() - 1);
    int width = c.width() - 1;
    std::vector<std::vector<std::string>> rows;
    for (const LinkLine& l : lines) rows.push_back(rows_of(l.text, width - 1, c.ascii()));
    // Scroll so that the selected line is in view.
    auto height = [&](size_t from, size_t to) {
        int h = 0;
        for (size_t i = from; i <= to; i++) h += static_cast<int>(rows[i].size());
        return h;
    };
    top_ = std::min(top_, sel_);
    while (top_ < sel_ && height(top_, sel_) > max_rows - 1) top_++;
    int used = 1;
    for (size_t i = top_; i < lines.size(); i++) {
        if (used + static_cast<int>(rows[i].size()) > max_rows) break;
        for (size_t k = 0; k < rows[i].size(); k++) {
            c.text(1, y + used, rows[i][k], lines[i].style, width);
            if (focused && i == sel_) {
                // Reverse video may not show in ASCII: a mark too.
                if (c.ascii() && k == 0) c.text(0, y + used, ">");
                c.select(0, y + used, c.width());
            }
            used++;
        }
    }
    return used;
}

bool LinkSection::act(Cmd c, size_t count) {
    switch (c) {
    case Cmd::Up:
        if (sel_ > 0) sel_--;
        return true;
    case Cmd::Down:
        if (sel_ + 1 < count) sel_++;
        return true;
    default: return false;
    }
}

uint64_t LinkSection::selected(const std::vector<LinkLine>& lines) const {
    return lines.empty() ? 0 : lines[std::min(sel_, lines.size() - 1)].target;
}

}  // namespace tui
