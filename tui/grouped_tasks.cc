#include "tui/grouped_tasks.h"

#include <algorithm>
#include <array>

#include "model/lints.h"
#include "tui/terminal.h"
#include "view/fields.h"
#include "view/format.h"
#include "view/glyphs.h"

namespace tui {

using view::display_width;
using view::DrawOptions;
using view::Duration;
using view::format_count;
using view::format_duration;
using view::Glyphs;
using view::glyphs;
using view::ListRow;
using view::ModelListSource;
using view::Style;
using view::TaskSource;

namespace {

using model::TaskColumn;

// A line id with this bit is a group's line (the rest is its node);
// without it, a task's row.
constexpr uint32_t kGroupLine = 0x80000000u;
constexpr uint32_t kMaxIndent = 12;

// The column of the task field of this name (lib/view/task_fields.cc).
int col(const char* name) {
    return view::find_field(view::task_fields(), name)->column;
}

std::string tasks_text(uint64_t n) {
    return n == 1 ? "1 task" : format_count(n) + " tasks";
}

// The summed columns of a group or subtree.
void sums(ListRow& r, const model::GroupTotals& t, const DrawOptions& o) {
    static const int times[4] = {col("total_ns"), col("busy_ns"), col("sched_ns"), col("idle_ns")};
    static const int polls = col("polls");
    model::Nanos d[4] = {t.total, t.busy, t.sched, t.idle};
    for (int i = 0; i < 4; i++) {
        Duration f = format_duration(d[i], 0, o.ascii);
        r.cells[times[i]] = f.text;
        if (o.duration_colors) r.styles[times[i]] = f.style;
    }
    r.cells[polls] = std::to_string(t.polls);
}

}  // namespace

// The cached outline, grouped, brought up to the clock and put in order
// as OutlineCache says.
const model::TaskOutline& GroupedTaskSource::outline(int column, bool descending) const {
    OutlineCache& c = cache_;
    int64_t second = now_ / 1'000'000'000;
    if (!c.outline || c.generation != m_.generation() || c.rows != rows_stamp_ || c.by != by_ ||
        now_ < c.outline->now() || now_ >= c.outline->valid_until()) {
        c.outline.emplace(m_.tasks(), m_.strings(), by_, now_, only_);
        c.generation = m_.generation();
        c.rows = rows_stamp_;
        c.by = by_;
        c.second = second;
        c.ordered = false;
        c.builds++;
    } else if (second != c.second) {
        c.outline->advance(now_);
        c.second = second;
    }
    column_ = column;
    descending_ = descending;
    auto col = static_cast<TaskColumn>(column);
    bool by_time =
        col == TaskColumn::Total || col == TaskColumn::Busy || col == TaskColumn::Sched || col == TaskColumn::Idle;
    if (!c.ordered || column != c.column || descending != c.descending || open_.version() != c.open_version ||
        (by_time && c.order_second != c.second)) {
        c.outline->order(col, descending, open_);
        c.ordered = true;
        c.column = column;
        c.descending = descending;
        c.open_version = open_.version();
        c.order_second = c.second;
        c.orders++;
    }
    return *c.outline;
}

std::vector<uint32_t> GroupedTaskSource::window(int column, bool descending, size_t& first, size_t count) const {
    const model::TaskOutline& o = outline(column, descending);
    std::vector<uint32_t> ids;
    for (const model::OutlineLine& l : o.window(first, count)) {
        bool group = l.node != model::kNoNode && o.nodes()[l.node].row < 0;
        ids.push_back(group ? kGroupLine | l.node : l.row);
    }
    return ids;
}

long GroupedTaskSource::rank(int column, bool descending, uint64_t key) const {
    return outline(column, descending).rank(key);
}

uint64_t GroupedTaskSource::key(uint32_t line) const {
    if (line & kGroupLine) return outline().nodes()[line & ~kGroupLine].key;
    return m_.tasks().row(line).span_id;
}

bool GroupedTaskSource::opens(uint64_t key) const {
    const model::TaskOutline& o = outline();
    uint32_t n = key ? o.node_of(key) : model::kNoNode;
    return n != model::kNoNode && (o.nodes()[n].row < 0 || !o.nodes()[n].children.empty());
}

size_t GroupedTaskSource::top_level() const {
    return outline().top_level();
}

// "10,000 tasks at src/http/server.rs:214:9"
std::string GroupedTaskSource::label(const model::GroupNode& g) const {
    std::string label(m_.strings().get(g.label));
    std::string s = tasks_text(g.totals.count) + " ";
    switch (by_) {
    case model::GroupBy::Location: return s + (label.empty() ? "at no known location" : "at " + label);
    case model::GroupBy::Name: return s + (label.empty() ? "without a name" : "named " + label);
    case model::GroupBy::Kind: return s + (label.empty() ? "of no kind" : "of kind " + label);
    default: return s + (label.empty() ? "of no target" : "in " + label);
    }
}

// "— 9,980 idle, 20 running, ⚠ lost-waker": the states by how many tasks
// are in them, most first, then the worst lint.
std::string GroupedTaskSource::states(const model::GroupTotals& t) const {
    std::array<int, 4> order = {0, 1, 2, 3};
    std::stable_sort(order.begin(), order.end(), [&t](int a, int b) { return t.states[a] > t.states[b]; });
    const char* sep = " ";
    std::string s = glyphs(o_.ascii).dash;
    for (int st : order) {
        if (!t.states[st]) continue;
        s += sep + format_count(t.states[st]) + " " + model::state_name(static_cast<model::TaskState>(st));
        sep = ", ";
    }
    if (t.worst >= 0)
        s += std::string(sep) + glyphs(o_.ascii).warn + " " + model::lint_name(static_cast<model::Lint>(t.worst));
    return s;
}

// The marker and the label lead the row, in the Name column, which gives
// way last: the columns of sums go first.  The states run from the Kind
// column to the edge, in what room is left (README, "Grouped tasks").
ListRow GroupedTaskSource::group_row(const model::GroupNode& g) const {
    static const int warn = col("warnings"), name = col("name"), kind = col("kind");
    ListRow r;
    r.cells.resize(columns().size());
    r.styles.assign(columns().size(), Style::Normal);
    const Glyphs& gl = glyphs(o_.ascii);
    if (g.totals.warned) {
        r.cells[warn] = std::string(gl.warn) + " " + format_count(g.totals.warned);
        r.styles[warn] = Style::Warn;
    }
    sums(r, g.totals, o_);
    r.lead = name;
    r.cells[r.lead] = std::string(open_.open(g.key) ? gl.group_open : gl.group_closed) + " " + label(g);
    r.styles[r.lead] = Style::Title;
    r.span_from = kind;
    r.cells[r.span_from] = states(g.totals);
    r.styles[r.span_from] = Style::Title;
    return r;
}

ListRow GroupedTaskSource::row(uint32_t line) const {
    const model::TaskOutline& o = outline();
    if (line & kGroupLine) return group_row(o.nodes()[line & ~kGroupLine]);
    ListRow r = TaskSource::row(line);
    static const int name_col = col("name");
    std::string& name = r.cells[name_col];
    const Glyphs& gl = glyphs(o_.ascii);
    // Under the label of its group, or the names of the tasks that have a marker.
    std::string under_marker(static_cast<size_t>(display_width(gl.group_closed, o_.ascii) + 1), ' ');
    if (by_ != model::GroupBy::Parent) {
        name = under_marker + name;
        return r;
    }
    // The tree: indented by depth; a task with children shows its subtree.
    uint32_t n = o.node_of(m_.tasks().row(line).span_id);
    if (n == model::kNoNode) return r;
    const model::GroupNode& node = o.nodes()[n];
    std::string indent(2 * std::min(node.depth, kMaxIndent), ' ');
    if (node.children.empty()) {
        name = indent + under_marker + name;
        return r;
    }
    name = indent + (open_.open(node.key) ? gl.group_open : gl.group_closed) + " " + name + " (" +
           format_count(node.totals.count) + ")";
    sums(r, node.totals, o_);
    return r;
}

namespace {

bool any_member_in(const model::GroupNode& g, const std::vector<uint32_t>& rows) {
    for (uint32_t r : g.members)
        if (std::binary_search(rows.begin(), rows.end(), r)) return true;
    return false;
}

}  // namespace

bool GroupedTaskSource::marked(uint32_t line) const {
    if (!(line & kGroupLine)) return ModelListSource::marked(line);
    return marks_ && any_member_in(outline().nodes()[line & ~kGroupLine], *marks_);
}

uint64_t GroupedTaskSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                       bool forward) const {
    const model::TaskOutline& o = outline(column, descending);
    size_t first = 0;
    std::vector<model::OutlineLine> lines = o.window(first, o.size());
    if (!forward) std::reverse(lines.begin(), lines.end());
    uint64_t first_match = 0;
    bool past = false;
    for (const model::OutlineLine& l : lines) {
        bool task = l.node == model::kNoNode || o.nodes()[l.node].row >= 0;
        uint64_t k = o.line_key(l);
        // A closed group with a match is a stop on the way; an open one's tasks are.
        bool match = task ? std::binary_search(matches.begin(), matches.end(), l.row)
                          : !open_.open(k) && any_member_in(o.nodes()[l.node], matches);
        if (match && past) return k;
        if (match && !first_match) first_match = k;
        if (k == from) past = true;
    }
    return first_match;
}

}  // namespace tui
