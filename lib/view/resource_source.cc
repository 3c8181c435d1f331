#include "view/resource_source.h"

#include <string>

#include "model/filter.h"

#include "model/async_op_table.h"
#include "model/attribute.h"
#include "model/resource_table.h"
#include "view/fields.h"
#include "view/format.h"
#include "view/glyphs.h"

namespace view {

using model::AsyncOpColumn;
using model::ResourceColumn;

namespace {

void duration_cell(ListRow& r, int i, model::Nanos d, const DrawOptions& o) {
    Duration f = format_duration(d, 0, o.ascii);
    r.cells[i] = f.text;
    if (o.duration_colors) r.styles[i] = f.style;
}

// The text of the attributes, and the same in upstream's colours.
void attributes_cell(ListRow& r, int i, const std::vector<model::Field>& as, const model::StringPool& s) {
    r.cells[i] = model::format_attributes(as, s);
    r.spans.resize(r.cells.size());
    for (const model::Field& a : as) {
        if (!r.spans[i].empty()) r.spans[i].push_back({" ", Style::Normal});
        field_spans(r.spans[i], model::format_field(a, s), s.get(a.unit));
    }
}

// The column of the resource field of this name (lib/view/resource_fields.cc).
int col(const char* name) {
    return find_field(resource_fields(), name)->column;
}

// The same for an async op's (lib/view/async_op_fields.cc).
int op_col(const char* name) {
    return find_field(async_op_fields(), name)->column;
}

}  // namespace

const std::vector<ListColumn>& ResourceSource::columns() const {
    static const std::vector<ListColumn> cols = field_columns(resource_fields());
    return cols;
}

std::vector<uint32_t> ResourceSource::window(int column, bool descending, size_t& first, size_t count) const {
    model::RowWindow w = model::resource_window(m_.resources(), m_.strings(), static_cast<ResourceColumn>(column),
                                                descending, now_, first, count, only_);
    first = w.first;
    return std::move(w.rows);
}

long ResourceSource::rank(int column, bool descending, uint64_t key) const {
    return model::resource_rank(m_.resources(), m_.strings(), static_cast<ResourceColumn>(column), descending, now_,
                                key, only_);
}

std::vector<uint32_t> ResourceSource::filter_rows(const model::Filter& f) const {
    return model::filter_resources(f, m_.resources(), m_.strings(), now_);
}

uint64_t ResourceSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                    bool forward) const {
    return model::resource_next_match(m_.resources(), m_.strings(), static_cast<ResourceColumn>(column), descending,
                                      now_, from, matches, forward);
}

ListRow ResourceSource::row(uint32_t index) const {
    const model::Resource& res = m_.resources().row(index);
    const auto& s = m_.strings();
    static const int id = col("id"), parent = col("parent"), kind = col("kind"), total = col("total_ns"),
                     target = col("target"), type = col("type"), vis = col("visibility"), location = col("location"),
                     attributes = col("attributes");
    size_t ncols = columns().size();
    ListRow r;
    r.cells.resize(ncols);
    r.styles.assign(ncols, Style::Normal);
    r.cells[id] = std::to_string(res.id);
    r.cells[parent] = m_.resources().parent_label(res, s);
    r.cells[kind] = std::string(s.get(res.kind));
    duration_cell(r, total, res.total(now_), o_);
    r.cells[target] = std::string(s.get(res.target));
    r.cells[type] = std::string(s.get(res.concrete_type));
    const Glyphs& g = glyphs(o_.ascii);
    bool internal = res.visibility == model::Visibility::Internal;
    r.cells[vis] = internal ? g.internal : g.pub;
    r.styles[vis] = internal ? Style::Internal : Style::Public;
    r.cells[location] = std::string(s.get(res.location));
    attributes_cell(r, attributes, res.attributes, s);
    if (res.dropped() && o_.terminated_colors) {
        r.styles.assign(ncols, Style::Dim);
        r.spans.clear();
    }
    return r;
}

const std::vector<ListColumn>& AsyncOpSource::columns() const {
    static const std::vector<ListColumn> cols = field_columns(async_op_fields());
    return cols;
}

size_t AsyncOpSource::total() const {
    return resource_ ? m_.async_ops().rows_of(resource_).size() : m_.async_ops().size();
}

std::vector<uint32_t> AsyncOpSource::window(int column, bool descending, size_t& first, size_t count) const {
    model::RowWindow w =
        model::async_op_window(m_.async_ops(), m_.tasks(), m_.strings(), static_cast<AsyncOpColumn>(column), descending,
                               now_, resource_, first, count, only_);
    first = w.first;
    return std::move(w.rows);
}

long AsyncOpSource::rank(int column, bool descending, uint64_t key) const {
    return model::async_op_rank(m_.async_ops(), m_.tasks(), m_.strings(), static_cast<AsyncOpColumn>(column),
                                descending, now_, resource_, key, only_);
}

std::vector<uint32_t> AsyncOpSource::filter_rows(const model::Filter& f) const {
    const model::AsyncOpTable& ops = m_.async_ops();
    std::vector<uint32_t> rows;
    if (resource_) {
        rows = ops.rows_of(resource_);
    } else {
        rows.resize(ops.size());
        for (size_t i = 0; i < rows.size(); i++) rows[i] = static_cast<uint32_t>(i);
    }
    return model::filter_async_ops(f, ops, m_.tasks(), m_.strings(), now_, rows);
}

uint64_t AsyncOpSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                   bool forward) const {
    return model::async_op_next_match(m_.async_ops(), m_.tasks(), m_.strings(), static_cast<AsyncOpColumn>(column),
                                      descending, now_, from, matches, forward);
}

ListRow AsyncOpSource::row(uint32_t index) const {
    const model::AsyncOp& op = m_.async_ops().row(index);
    const auto& s = m_.strings();
    static const int id = op_col("id"), parent = op_col("parent"), task = op_col("task"), source = op_col("source"),
                     total = op_col("total_ns"), busy = op_col("busy_ns"), idle = op_col("idle_ns"),
                     polls = op_col("polls"), attributes = op_col("attributes");
    size_t ncols = columns().size();
    ListRow r;
    r.cells.resize(ncols);
    r.styles.assign(ncols, Style::Normal);
    r.cells[id] = std::to_string(op.id);
    r.cells[parent] = model::AsyncOpTable::parent_label(op);
    r.cells[task] = model::AsyncOpTable::task_label(op, m_.tasks(), s);
    r.cells[source] = std::string(s.get(op.source));
    duration_cell(r, total, op.total(now_), o_);
    duration_cell(r, busy, op.busy(now_), o_);
    duration_cell(r, idle, op.idle(now_), o_);
    r.cells[polls] = std::to_string(op.polls);
    attributes_cell(r, attributes, op.attributes, s);
    if (op.dropped() && o_.terminated_colors) {
        r.styles.assign(ncols, Style::Dim);
        r.spans.clear();
    }
    return r;
}

}  // namespace view
