#include "tui/fleet_status.h"

#include <algorithm>
#include <numeric>

#include "tui/header_status.h"
#include "util/text.h"
#include "view/format.h"

namespace tui {

namespace {

enum Column { Name, State, Tasks, Updated, Rate, Error };

}  // namespace

std::vector<TargetRow> target_rows(const session::Fleet& fleet, session::Clock::time_point now) {
    std::vector<TargetRow> out;
    for (size_t i = 0; i < fleet.size(); i++) {
        const session::Member& m = fleet[i];
        const session::SourceStatus& st = m.session->status();
        HeaderInfo h = header_info(st, now);
        TargetRow r;
        r.slot = m.slot;
        r.name = m.name;
        r.connected = st.link == session::SourceStatus::Link::Connected;
        r.state = r.connected && m.session->model().paused() ? "PAUSED" : h.state;
        r.state_style = r.state == "PAUSED" ? view::Style::Paused : h.state_style;
        r.error = st.last_error;
        r.tasks = m.session->model().tasks().size();
        if (m.last_update) r.update_age = now - *m.last_update;
        r.bytes_per_sec = m.bytes_per_sec;
        out.push_back(std::move(r));
    }
    return out;
}

std::string fleet_line(const std::vector<TargetRow>& rows, int width, bool ascii) {
    size_t up = std::count_if(rows.begin(), rows.end(), [](const TargetRow& r) { return r.connected; });
    const std::string count = std::to_string(up) + " of " + std::to_string(rows.size()) + " connected";
    auto fine = [](const TargetRow& r) { return r.connected && r.state != "PAUSED"; };
    std::string all = count, names;
    for (const TargetRow& r : rows) {
        if (fine(r)) {
            names += (names.empty() ? "" : ", ") + r.name;
            continue;
        }
        all += "; " + r.name + ": " + util::ascii_lower(r.state);
        if (!r.error.empty() && !r.connected) all += " (" + r.error + ")";
    }
    if (!names.empty()) all += "; " + names + ": connected";
    if (view::display_width(all, ascii) <= width) return all;
    for (const TargetRow& r : rows)
        if (!r.connected) return count + "; " + r.name + ": " + (r.error.empty() ? util::ascii_lower(r.state) : r.error);
    return count;
}

const std::vector<view::ListColumn>& TargetSource::columns() const {
    static const std::vector<view::ListColumn> cols = {
        {"App", 10, false, 8},   {"State", 9, false, 0},  {"Tasks", 8, true, 0},
        {"Updated", 7, true, 0}, {"Bytes/s", 6, true, 0}, {"Last error", 5, false, 12},
    };
    return cols;
}

std::vector<uint32_t> TargetSource::order(int column, bool descending) const {
    std::vector<uint32_t> o(rows_.size());
    std::iota(o.begin(), o.end(), 0u);
    auto age = [](const TargetRow& r) { return r.update_age ? r.update_age->count() : INT64_MAX; };
    std::stable_sort(o.begin(), o.end(), [&](uint32_t a, uint32_t b) {
        const TargetRow &x = rows_[a], &y = rows_[b];
        bool less = false, more = false;
        switch (column) {
        case State: less = x.state < y.state, more = y.state < x.state; break;
        case Tasks: less = x.tasks < y.tasks, more = y.tasks < x.tasks; break;
        case Updated: less = age(x) < age(y), more = age(y) < age(x); break;
        case Rate: less = x.bytes_per_sec < y.bytes_per_sec, more = y.bytes_per_sec < x.bytes_per_sec; break;
        case Error: less = x.error < y.error, more = y.error < x.error; break;
        default: break;
        }
        if (less || more) return descending ? more : less;
        return column == Name && descending ? y.name < x.name : x.name < y.name;
    });
    return o;
}

std::vector<uint32_t> TargetSource::window(int column, bool descending, size_t& first, size_t count) const {
    std::vector<uint32_t> o = order(column, descending);
    if (first + count > o.size()) first = o.size() > count ? o.size() - count : 0;
    return std::vector<uint32_t>(o.begin() + static_cast<long>(first),
                                 o.begin() + static_cast<long>(std::min(o.size(), first + count)));
}

long TargetSource::rank(int column, bool descending, uint64_t key) const {
    std::vector<uint32_t> o = order(column, descending);
    for (size_t i = 0; i < o.size(); i++)
        if (this->key(o[i]) == key) return static_cast<long>(i);
    return -1;
}

view::ListRow TargetSource::row(uint32_t i) const {
    const TargetRow& r = rows_[i];
    view::ListRow out;
    std::string age = r.update_age ? age_text(*r.update_age) + " ago" : "never";
    out.cells = {util::escape_controls(r.name, util::Escape::Hex),
                 r.state,
                 view::format_count(r.tasks),
                 age,
                 util::format_bytes(r.bytes_per_sec),
                 util::escape_controls(r.error, util::Escape::Hex)};
    out.styles = {view::Style::Bold,   r.state_style,       view::Style::Normal,
                  view::Style::Normal, view::Style::Normal, view::Style::Error};
    return out;
}

}  // namespace tui
