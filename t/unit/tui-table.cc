// Laying out a table and drawing pieces and frames: titles are never cut,
// empty columns and then the lowest priority give way first, the sorted
// column stays; pieces in several styles end in one ellipsis; frames are
// rounded in UTF-8 and +-| in ASCII; the selected row keeps its cells'
// styles under the selection; a row's lead cell (a group's label) is cut
// last; a right-aligned title ends where its values do, sorted or not.
#include <clocale>
#include <string>
#include <vector>

#include "t/unit/tap.h"
#include "tui/list_view.h"
#include "view/canvas.h"
#include "view/table.h"

using view::Canvas;
using view::Column;
using view::ListColumn;
using view::ListRow;
using view::Style;

namespace {

std::string row(const Canvas& c, int y) {
    std::string s = c.row_text(y);
    return s.substr(0, s.find_last_not_of(' ') + 1);
}

const std::vector<ListColumn> spec = {
    {"ID", 10, true, 0},       {"Warn", 5, false, 0},   {"Name", 8, false, 6},
    {"Location", 3, false, 8}, {"Fields", 2, false, 6}, {"Total", 9, true, 0},
};

// A row of `spec`, with or without a warning.
ListRow spec_row(bool warn) {
    ListRow r;
    r.cells = {"1", warn ? "! 1" : "", "a-rather-long-name", "src/some/where.rs:10:5", "x=1 y=2 z=3", "13s"};
    return r;
}

std::vector<Column> fitted(int width, int sorted, bool warn) {
    std::vector<Column> cols = view::list_columns(spec);
    view::measure(cols, spec_row(warn), true);
    view::fit(cols, spec, width, sorted);
    return cols;
}

// Three rows, each a name and a duration in its unit's colour.
class ThreeRows : public view::ListSource {
public:
    const std::vector<ListColumn>& columns() const override {
        static const std::vector<ListColumn> cols = {{"Name", 2, false, 0}, {"Busy", 1, true, 0}};
        return cols;
    }
    size_t size() const override { return 3; }
    std::vector<uint32_t> window(int, bool, size_t& first, size_t count) const override {
        std::vector<uint32_t> ids;
        for (size_t i = first; i < 3 && ids.size() < count; i++) ids.push_back(static_cast<uint32_t>(i));
        return ids;
    }
    long rank(int, bool, uint64_t key) const override { return key >= 1 && key <= 3 ? static_cast<long>(key) - 1 : -1; }
    uint64_t key(uint32_t row) const override { return row + 1; }
    ListRow row(uint32_t row) const override {
        ListRow r;
        r.cells = {"task" + std::to_string(row), "12ms"};
        r.styles = {Style::Normal, Style::DurMs};
        return r;
    }
};

// The first cell of `text` on row y; null when the row lacks it.
const view::Cell* cell_after(const Canvas& c, int y, const std::string& text) {
    size_t at = c.row_text(y).find(text);
    return at == std::string::npos ? nullptr : &c.at(static_cast<int>(at), y);
}

// A group's row: its label leads in the Name column, the states after
// the sums, from the last column to the edge.
std::vector<Column> fitted_lead(const std::string& label, int width, int sorted) {
    static const std::vector<ListColumn> cols_spec = {{"ID", 10, true, 0},   {"Name", 3, false, 6},
                                                      {"Total", 9, true, 0}, {"Busy", 8, true, 0},
                                                      {"Idle", 7, true, 0},  {"Kind", 2, false, 0}};
    std::vector<Column> cols = view::list_columns(cols_spec);
    ListRow r;
    r.cells = {"", label, "4d11h", "11m35s", "4d10h", "- 99 idle, 1 running"};
    r.lead = 1;
    r.span_from = 5;
    view::measure(cols, r, true);
    view::fit(cols, cols_spec, width, sorted);
    return cols;
}

bool titles_whole(const std::vector<Column>& cols) {
    for (const Column& c : cols)
        if (c.width && c.width < static_cast<int>(c.title.size()) + 1) return false;
    return true;
}

}  // namespace

int main() {
    if (!std::setlocale(LC_CTYPE, "C.UTF-8")) tap::diag("no C.UTF-8 locale");

    std::vector<Column> wide = fitted(200, 0, false);
    tap::check(wide[1].width && wide[4].width, "wide enough: every column shows");

    std::vector<Column> narrow = fitted(32, 5, false);
    tap::check(titles_whole(narrow), "narrow: no title is cut");
    tap::check_eq(narrow[1].width, 0, "the empty Warn column gives way first");
    tap::check_eq(narrow[4].width, 0, "then the lowest priority (Fields)");
    tap::check(narrow[0].width && narrow[5].width, "ID and Total stay");

    std::vector<Column> with_warn = fitted(32, 5, true);
    tap::check(with_warn[1].width > 0, "a Warn column with text outranks Location");
    tap::check_eq(with_warn[3].width, 0, "which gives way instead");

    std::vector<Column> sorted = fitted(32, 4, false);
    tap::check(sorted[4].width > 0, "the sorted column stays whatever its priority");
    tap::check(titles_whole(sorted), "and its title is whole");
    Canvas h(32, 1, false);
    view::draw_header_row(h, 0, sorted, 4, true);
    tap::check(row(h, 0).find("Fields\u25bf") != std::string::npos, "its marker shows");

    // ID and Total hold numbers, right-aligned: "13s" and "1" end under
    // the last letter of their titles, the marker (when sorted) past it.
    for (int by : {0, 2, 5}) {
        std::vector<Column> cols = fitted(200, by, false);
        Canvas t(200, 2, true);  // ASCII: a byte a column
        view::draw_header_row(t, 0, cols, by, false);
        view::draw_list_row(t, 1, cols, spec_row(false));
        std::string head = t.row_text(0), body = t.row_text(1);
        auto end = [](const std::string& s, const std::string& what) { return s.find(what) + what.size(); };
        tap::check(end(head, "ID") == end(body, "1") && end(head, "Total") == end(body, "13s"),
                   "sorted by column " + std::to_string(by) + ": right-aligned titles end where their values do");
    }

    Canvas c(12, 1, false);
    std::vector<view::Span> kv = {{"key", Style::FieldKey}, {"=", Style::FieldDelim}, {"value", Style::FieldValue}};
    tap::check_eq(c.spans(0, 0, kv), 9, "pieces that fit take their width");
    tap::check(c.at(0, 0).style == Style::FieldKey && c.at(3, 0).style == Style::FieldDelim &&
                   c.at(4, 0).style == Style::FieldValue,
               "each in its style");
    c.clear();
    tap::check_eq(c.spans(0, 0, kv, 6), 6, "cut pieces keep to the width");
    tap::check_eq(row(c, 0), std::string("key=v\u2026"), "and end in one ellipsis");
    c.clear();
    tap::check_eq(c.spans(0, 0, kv, 4), 4, "cut where a piece ends");
    tap::check_eq(row(c, 0), std::string("key\u2026"), "the ellipsis still shows");

    const std::string label = "100 tasks at src/some/where.rs:10:5";  // 35 columns
    const int whole = static_cast<int>(label.size()) + 1;
    std::vector<Column> lead = fitted_lead(label, 60, 2);
    tap::check(lead[1].width >= whole && lead[2].width && lead[3].width && lead[4].width,
               "wide enough: the lead cell is whole and every sum shows");
    lead = fitted_lead(label, 52, 2);
    tap::check(lead[1].width >= whole && lead[2].width, "narrower, the lead stays whole, and the sorted column");
    tap::check(!lead[4].width, "the sums give way before it");
    lead = fitted_lead(label + "/and/much/further/down/the/tree.rs", 50, 2);
    tap::check(lead[1].width > 0 && lead[2].width > 0, "a lead wider than the row is cut beside the sorted column");
    tap::check_eq(lead[3].width + lead[4].width, 0, "every other column gives way to it");
    lead = fitted_lead(label, 52, 1);
    tap::check(lead[1].width >= whole, "sorted by the lead's column, the lead is whole too");
    Canvas g(80, 1, true);
    ListRow gr;
    gr.cells = {"", label, "4d11h", "11m35s", "4d10h", "- 99 idle, 1 running"};
    gr.span_from = 5;
    view::draw_list_row(g, 0, fitted_lead(label, 80, 2), gr);
    tap::check(
        row(g, 0).find(label + " ") != std::string::npos && row(g, 0).find("4d10h  - 99 idle") != std::string::npos,
        "the states follow the sums to the edge");

    ThreeRows three;
    for (bool ascii : {false, true}) {
        Canvas l(20, 4, ascii);
        tui::ListView view;
        view.select(2, three);
        view.draw(l, 0, 4, three, "none");
        const view::Cell* busy = cell_after(l, 2, "12ms");
        std::string mode = ascii ? "ASCII: " : "UTF-8: ";
        tap::check(busy && busy->selected && busy->style == Style::DurMs,
                   mode + "the selected row keeps its duration's colour under the selection");
        tap::check(l.at(19, 2).selected && l.at(0, 2).selected, mode + "the selection runs the width of the row");
        const view::Cell* other = cell_after(l, 1, "12ms");
        tap::check(other && !other->selected && !l.at(0, 3).selected, mode + "the other rows are not selected");
        tap::check_eq(row(l, 2).rfind(">> ", 0) == 0, ascii, mode + "only ASCII marks the row with \">> \"");
    }

    Canvas u(6, 3, false), a(6, 3, true);
    u.box(0, 0, 6, 3, "T");
    a.box(0, 0, 6, 3, "T");
    tap::check_eq(row(u, 0), std::string("\u256dT\u2500\u2500\u2500\u256e"), "a rounded frame with its title");
    tap::check_eq(row(u, 2), std::string("\u2570\u2500\u2500\u2500\u2500\u256f"), "and its bottom edge");
    tap::check_eq(row(a, 0), std::string("+T---+"), "in ASCII, + and -");
    tap::check_eq(row(a, 1), std::string("|    |"), "and | down the sides");
    return tap::done();
}
