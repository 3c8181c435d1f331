#include "view/merged_source.h"

#include <algorithm>
#include <queue>
#include <string>

#include "view/format.h"
#include "view/glyphs.h"

namespace view {

namespace {

// A line that is a member's header, not one of its rows.
constexpr uint32_t kHeader = 0xFFFF'FFFFu;

// Mixed into a member's keys so that two members' keys differ (splitmix64);
// the two top bits stay as the member's (a group's, a header's).
uint64_t slot_mix(uint32_t slot) {
    uint64_t z = (static_cast<uint64_t>(slot) + 1) * 0x9E37'79B9'7F4A'7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBull;
    return (z ^ (z >> 31)) & 0x3FFF'FFFF'FFFF'FFFFull;
}

uint64_t mix(uint64_t h, uint64_t v) {
    return (h ^ v) * 0x100'0000'01B3ull;
}

// What a row sorts by across members: a number, or a text (members'
// string ranks do not compare), then its ID.
struct SortKey {
    uint64_t number = 0;
    std::string text;
    uint64_t id = 0;
};

}  // namespace

uint64_t merged_key(uint32_t slot, uint64_t key) {
    return key ^ slot_mix(slot);
}

Style app_style(uint32_t slot) {
    constexpr int kPalette = static_cast<int>(Style::App5) - static_cast<int>(Style::App0) + 1;
    return static_cast<Style>(static_cast<int>(Style::App0) + static_cast<int>(slot % kPalette));
}

MergedSource::MergedSource(std::vector<MergedMember> members, std::span<const Field> fields, const DrawOptions& o,
                           MergedCache& cache, bool by_app, std::function<bool(uint32_t)> shut)
    : ModelListSource(members.front().source->model(), members.front().source->now(), o), members_(std::move(members)),
      fields_(fields), cache_(cache), by_app_(by_app), shut_(std::move(shut)) {
    if (members_.size() > kMergedMembers) members_.resize(kMergedMembers);
    std::stable_sort(members_.begin(), members_.end(),
                     [](const MergedMember& a, const MergedMember& b) { return a.name < b.name; });
    const Field* app = find_field(fields_, "app");
    columns_.push_back({app->title, app->priority, app->right, app->min_width});
    for (const ListColumn& c : field_columns(fields_)) columns_.push_back(c);
}

int MergedSource::member_column(int column) const {
    return column <= 0 ? find_field(fields_, "id")->column : column - 1;
}

size_t MergedSource::total() const {
    size_t n = 0;
    for (const MergedMember& m : members_) n += m.source->total();
    return n;
}

size_t MergedSource::kept() const {
    size_t n = 0;
    for (const MergedMember& m : members_) n += m.source->kept();
    return n;
}

size_t MergedSource::size() const {
    size_t n = 0;
    for (size_t i = 0; i < members_.size(); i++)
        if (listed(i)) n += (by_app_ ? 1 : 0) + (open(i) ? members_[i].source->size() : 0);
    return n;
}

uint64_t MergedSource::generation() const {
    uint64_t h = 0xCBF2'9CE4'8422'2325ull;
    for (const MergedMember& m : members_) h = mix(mix(h, m.slot), m.source->generation());
    return h;
}

bool MergedSource::reads_clock(int column) const {
    return members_.front().source->reads_clock(member_column(column));
}

void MergedSource::use_rows(const std::vector<uint32_t>* rows, bool search, uint64_t stamp) {
    ModelListSource::use_rows(rows, search, stamp);
    if (!rows) {
        for (MergedMember& m : members_) m.source->use_rows(nullptr, false, stamp);
        return;
    }
    if (cache_.split_for != stamp || cache_.split.size() != members_.size()) {
        cache_.split.assign(members_.size(), {});
        for (uint32_t r : *rows)
            if ((r >> 24) < members_.size()) cache_.split[r >> 24].push_back(r & 0xFF'FFFFu);
        cache_.split_for = stamp;
    }
    for (size_t i = 0; i < members_.size(); i++) members_[i].source->use_rows(&cache_.split[i], search, stamp);
}

std::vector<uint32_t> MergedSource::filter_rows(const model::Filter& f) const {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < members_.size(); i++)
        for (uint32_t r : members_[i].source->filter_rows(f)) out.push_back(merged_row(i, r));
    return out;
}

std::vector<uint64_t> MergedSource::order_key(int column, bool descending) const {
    std::vector<uint64_t> k = {static_cast<uint64_t>(column), descending, rows_stamp_};
    if (reads_clock(column)) k.push_back(static_cast<uint64_t>(now_ / 1'000'000'000));
    for (const MergedMember& m : members_) {
        k.push_back(m.slot);
        k.push_back(m.source->generation());
    }
    return k;
}

// Each member's whole list in its own order, merged k ways.
const std::vector<std::pair<uint32_t, uint32_t>>& MergedSource::merged(int column, bool descending) const {
    std::vector<uint64_t> want = order_key(column, descending);
    if (cache_.order_for == want) return cache_.order;
    int mc = member_column(column);
    const Field* by = column > 0 ? view::columns(fields_)[static_cast<size_t>(mc)] : nullptr;
    const Field* id = find_field(fields_, "id");
    size_t n = members_.size();
    std::vector<std::vector<uint32_t>> lists(n);
    std::vector<std::vector<SortKey>> keys(n);
    for (size_t i = 0; i < n; i++) {
        ModelListSource& src = *members_[i].source;
        size_t first = 0;
        lists[i] = src.window(mc, descending, first, src.size());
        RowContext rc{src.model(), src.now(), members_[i].name};
        for (uint32_t r : lists[i]) {
            SortKey k;
            k.id = id->key(rc, r);
            if (by && by->type == model::KeyType::Text) {
                Json j = by->json(rc, r);
                k.text = j.is_string() ? j.get<std::string>() : j.dump();
            } else if (by) {
                k.number = by->key(rc, r);
            }
            keys[i].push_back(std::move(k));
        }
    }
    // Ascending: by the key, then ID, then member (the App column: the
    // member, then ID); descending is that order backwards.
    auto before = [&](size_t a, size_t ia, size_t b, size_t ib) {
        const SortKey &x = keys[a][ia], &y = keys[b][ib];
        if (!by) return a != b ? a < b : x.id < y.id;
        if (x.text != y.text) return x.text < y.text;
        if (x.number != y.number) return x.number < y.number;
        if (x.id != y.id) return x.id < y.id;
        return a < b;
    };
    std::vector<size_t> at(n, 0);
    auto later = [&](size_t a, size_t b) {  // the heap's top comes first
        return descending ? before(a, at[a], b, at[b]) : before(b, at[b], a, at[a]);
    };
    std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heads(later);
    for (size_t i = 0; i < n; i++)
        if (!lists[i].empty()) heads.push(i);
    cache_.order.clear();
    while (!heads.empty()) {
        size_t i = heads.top();
        heads.pop();
        cache_.order.emplace_back(static_cast<uint32_t>(i), lists[i][at[i]]);
        if (++at[i] < lists[i].size()) heads.push(i);
    }
    cache_.order_for = std::move(want);
    cache_.merges++;
    return cache_.order;
}

uint32_t MergedSource::line(size_t member, uint32_t row) const {
    lines_.emplace_back(static_cast<uint32_t>(member), row);
    return static_cast<uint32_t>(lines_.size() - 1);
}

std::vector<uint32_t> MergedSource::window(int column, bool descending, size_t& first, size_t count) const {
    size_t total = size();
    if (first + count > total) first = total > count ? total - count : 0;
    std::vector<uint32_t> ids;
    if (!by_app_) {
        const auto& order = merged(column, descending);
        for (size_t k = first; k < first + count && k < order.size(); k++)
            ids.push_back(line(order[k].first, order[k].second));
        return ids;
    }
    size_t end = first + count, pos = 0;
    for (size_t i = 0; i < members_.size() && pos < end; i++) {
        if (!listed(i)) continue;
        if (pos >= first) ids.push_back(line(i, kHeader));
        pos++;
        if (!open(i)) continue;
        ModelListSource& src = *members_[i].source;
        size_t rows = src.size(), from = std::max(first, pos), to = std::min(end, pos + rows);
        if (from < to) {
            size_t local = from - pos;
            for (uint32_t r : src.window(member_column(column), descending, local, to - from))
                ids.push_back(line(i, r));
        }
        pos += rows;
    }
    return ids;
}

std::optional<MergedSource::Located> MergedSource::locate(uint64_t key) const {
    if ((key & 0xFFFF'FFFF'0000'0000ull) == kAppHeader) {
        for (size_t i = 0; i < members_.size(); i++)
            if (app_header_key(members_[i].slot) == key) return Located{i, 0};
        return std::nullopt;
    }
    for (size_t i = 0; i < members_.size(); i++) {
        uint64_t inner = key ^ slot_mix(members_[i].slot);
        if (members_[i].source->holds(inner)) return Located{i, inner};
    }
    return std::nullopt;
}

long MergedSource::rank(int column, bool descending, uint64_t key) const {
    std::optional<Located> at = locate(key);
    if (!at) return -1;
    if (!by_app_) {
        const auto& order = merged(column, descending);
        const ModelListSource& src = *members_[at->member].source;
        for (size_t k = 0; k < order.size(); k++)
            if (order[k].first == at->member && src.key(order[k].second) == at->key) return static_cast<long>(k);
        return -1;
    }
    if (!listed(at->member)) return -1;
    long pos = 0;
    for (size_t i = 0; i < at->member; i++)
        if (listed(i)) pos += 1 + (open(i) ? static_cast<long>(members_[i].source->size()) : 0);
    if (!at->key) return pos;
    if (!open(at->member)) return -1;
    long r = members_[at->member].source->rank(member_column(column), descending, at->key);
    return r < 0 ? -1 : pos + 1 + r;
}

uint64_t MergedSource::key(uint32_t id) const {
    auto [i, l] = lines_[id];
    if (l == kHeader) return app_header_key(members_[i].slot);
    return merged_key(members_[i].slot, members_[i].source->key(l));
}

bool MergedSource::marked(uint32_t id) const {
    auto [i, l] = lines_[id];
    return l != kHeader && members_[i].source->marked(l);
}

// "▾ api: 2,000 tasks", from the App column to the edge.
ListRow MergedSource::header_row(const MergedMember& m) const {
    ListRow r;
    r.cells.resize(columns_.size());
    r.styles.assign(columns_.size(), Style::Normal);
    const Glyphs& g = glyphs(o_.ascii);
    bool shut = shut_ && shut_(m.slot);
    size_t n = m.source->kept();
    r.span_from = 0;
    r.cells[0] = std::string(shut ? g.group_closed : g.group_open) + " " + std::string(m.name) + ": " +
                 format_count(n) + (n == 1 ? " task" : " tasks");
    r.styles[0] = m.style;
    return r;
}

ListRow MergedSource::row(uint32_t id) const {
    auto [i, l] = lines_[id];
    const MergedMember& m = members_[i];
    if (l == kHeader) return header_row(m);
    ListRow r = m.source->row(l);
    bool dim =
        !r.styles.empty() && std::all_of(r.styles.begin(), r.styles.end(), [](Style s) { return s == Style::Dim; });
    FieldCell app = app_cell(m.source->cell_context(), l);
    r.cells.insert(r.cells.begin(), std::move(app.text));
    r.styles.insert(r.styles.begin(), dim ? Style::Dim : app.style);
    if (!r.spans.empty()) r.spans.insert(r.spans.begin(), std::vector<Span>());
    if (r.lead >= 0) r.lead++;
    if (r.span_from >= 0) r.span_from++;
    return r;
}

uint64_t MergedSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>&,
                                  bool forward) const {
    size_t first = 0;
    std::vector<uint32_t> ids = window(column, descending, first, size());
    long n = static_cast<long>(ids.size()), at = forward ? -1 : n;
    for (long k = 0; k < n; k++)
        if (key(ids[static_cast<size_t>(k)]) == from) at = k;
    for (long step = 1; step <= n; step++) {
        long k = ((forward ? at + step : at - step) % n + n) % n;
        if (marked(ids[static_cast<size_t>(k)])) return key(ids[static_cast<size_t>(k)]);
    }
    return 0;
}

}  // namespace view
