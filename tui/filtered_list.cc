#include "tui/filtered_list.h"

#include <algorithm>

#include "view/format.h"

namespace tui {

using view::Canvas;
using view::format_count;
using view::ModelListSource;

void FilteredList::attach(ModelListSource& src) {
    if (!line_.active()) {
        if (key_) {
            rows_.clear();
            key_.reset();
            stamp_++;
        }
        src.use_rows(nullptr, false, stamp_);
        return;
    }
    const model::Filter& f = line_.filter();
    Key k{src.generation(), src.scope(), f.text(), line_.search(),
          model::filter_reads_clock(f) ? src.now() / 1'000'000'000 : -1};
    if (!key_ || !(*key_ == k)) {
        rows_ = src.filter_rows(f);
        passes_++;
        key_ = std::move(k);
        stamp_++;
    }
    src.use_rows(&rows_, line_.search(), stamp_);
}

bool FilteredList::act(Cmd c, int key, ModelListSource& src) {
    switch (c) {
    case Cmd::OpenFilter: line_.open(); return true;
    case Cmd::NextMatch:
    case Cmd::PreviousMatch:
        if (!line_.search() || !line_.active()) return false;
        jump(src, c == Cmd::NextMatch, false);
        return true;
    case Cmd::DropFilter:
        if (!line_.active()) return false;
        line_.clear();
        attach(src);
        return true;
    case Cmd::Keep:
    case Cmd::Clear:
    case Cmd::Erase:
    case Cmd::EraseAll:
    case Cmd::Type: return edit(c, key, src);
    default: return list_.act(c, src);
    }
}

bool FilteredList::edit(Cmd c, int key, ModelListSource& src) {
    FilterLine::Edit e = line_.edit(c, key);
    if (e == FilterLine::Edit::None) return false;
    attach(src);
    // An incremental search: on to the first match unless already on one.
    if (line_.search() && line_.active() && e != FilterLine::Edit::Cleared) jump(src, true, true);
    return true;
}

void FilteredList::jump(ModelListSource& src, bool forward, bool stay) {
    uint64_t from = list_.selected();
    if (stay && from)
        for (uint32_t r : rows_)
            if (src.key(r) == from) return;
    uint64_t to = src.next_match(list_.sort_column(), list_.descending(), from, rows_, forward);
    if (to) list_.select(to, src);
}

void FilteredList::draw(Canvas& c, int y, int height, ModelListSource& src, const char* empty_text) {
    if (height <= 0) return;
    bool open = line_.editing() && height > 1;
    const char* empty = line_.active() && !line_.search() && src.total() ? "No rows match the filter." : empty_text;
    list_.draw(c, y, open ? height - 1 : height, src, empty);
    if (open) line_.draw(c, y + height - 1);
}

std::string FilteredList::title(const char* name, const ModelListSource& src) const {
    std::string t = name;
    std::string label = line_.label();
    if (label.empty()) return t + " (" + format_count(src.total()) + ")";
    if (line_.search()) {
        size_t n = rows_.size();
        return t + " (" + format_count(src.total()) + ") " + label + ": " + format_count(n) +
               (n == 1 ? " match" : " matches");
    }
    return t + " (" + format_count(src.kept()) + " of " + format_count(src.total()) + ") " + label;
}

}  // namespace tui
