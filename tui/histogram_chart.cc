#include "tui/histogram_chart.h"

#include <algorithm>
#include <string>

#include "view/format.h"
#include "view/glyphs.h"

namespace tui {

using view::Canvas;
using view::Duration;
using view::format_duration;
using view::glyphs;
using view::Style;

namespace {

std::string dur(uint64_t ns, bool ascii) {
    return format_duration(static_cast<int64_t>(ns), 2, ascii).text;
}

}  // namespace

void draw_duration_panel(Canvas& c, int x, int y, int w, int h, const char* title, const model::DurationStats& s,
                         bool colors) {
    if (w < 12 || h < 3) return;
    c.box(x, y, w, h, title);
    // Inside the frame; y is the frame's top row, as the title row was.
    x++;
    w -= 2;
    h--;
    if (!s.present) {
        c.text(x + 1, y + 1, "no data yet", Style::Dim, w - 1);
        return;
    }
    if (!s.ok()) {
        c.text(x + 1, y + 1, "cannot read histogram: " + s.error, Style::Error, w - 1);
        return;
    }
    // Percentiles on the left: "p99  123.45ms".
    const int pw = std::min(16, w / 2);
    int row = y + 1;
    for (size_t i = 0; i < s.percentiles.size() && row < y + h; i++, row++) {
        char label[8];
        snprintf(label, sizeof label, "p%.0f", model::DurationStats::kPercentiles[i]);
        c.text(x + 1, row, label, Style::Bold, 4);
        Duration d = format_duration(static_cast<int64_t>(s.percentiles[i]), 2, c.ascii());
        c.text(x + 6, row, d.text, colors ? d.style : Style::Normal, pw - 6);
    }
    // Bars on the right, labels under them; as upstream, the largest
    // bucket's count stands at the top left of the bars, which move right
    // to make room (sized for three digits first, like upstream).
    int cx = x + pw + 1, cw = w - pw - 1;
    int ch = h - 1 - 1 - (s.high_outliers ? 1 : 0);  // title row, labels, outliers
    if (cw < 8 || ch < 1) return;
    std::vector<uint64_t> bars = s.chart(static_cast<unsigned>(cw - 3));
    uint64_t top = bars.empty() ? 0 : *std::max_element(bars.begin(), bars.end());
    std::string top_label = std::to_string(top);
    c.text(cx, y + 1, top_label, Style::Normal);
    int lw = static_cast<int>(top_label.size());
    cx += lw;
    cw -= lw;
    if (bars.size() > static_cast<size_t>(cw)) bars.resize(cw);
    const char* const* glyph = glyphs(c.ascii()).bars;
    for (size_t i = 0; i < bars.size(); i++) {
        // Height in eighths; any non-zero bucket shows at least a sliver.
        uint64_t eighths = top ? (bars[i] * static_cast<uint64_t>(ch) * 8 + top - 1) / top : 0;
        for (int r = 0; r < ch; r++) {
            int64_t level = static_cast<int64_t>(eighths) - static_cast<int64_t>(ch - 1 - r) * 8;
            int g = static_cast<int>(std::clamp<int64_t>(level, 0, 8));
            if (g) c.text(cx + static_cast<int>(i), y + 1 + r, glyph[g], Style::Info, 1);
        }
    }
    int ly = y + 1 + ch;
    c.text(cx, ly, dur(s.min, c.ascii()), Style::Dim, cw / 2);
    c.text_right(cx + cw / 2, ly, cw - cw / 2, dur(s.max, c.ascii()), Style::Dim);
    if (s.high_outliers) {
        std::string o = std::to_string(s.high_outliers) + " outliers over " + dur(s.max_value, c.ascii());
        if (s.highest_outlier) o += " (highest " + dur(*s.highest_outlier, c.ascii()) + ")";
        c.text(cx, ly + 1, o, Style::Warn, cw);
    }
}

}  // namespace tui
