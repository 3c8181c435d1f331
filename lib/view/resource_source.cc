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
    return model::filter_resources(f, m_.resources(), m_.strings(), now_, app_);
}

uint64_t ResourceSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                    bool forward) const {
    return model::resource_next_match(m_.resources(), m_.strings(), static_cast<ResourceColumn>(column), descending,
                                      now_, from, matches, forward);
}

ListRow ResourceSource::row(uint32_t index) const {
    static const std::vector<const Field*> cols = view::columns(resource_fields());
    return field_row(cols, cell_context(), index, m_.resources().row(index).dropped() && o_.terminated_colors);
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
    return model::filter_async_ops(f, ops, m_.tasks(), m_.strings(), now_, rows, app_);
}

uint64_t AsyncOpSource::next_match(int column, bool descending, uint64_t from, const std::vector<uint32_t>& matches,
                                   bool forward) const {
    return model::async_op_next_match(m_.async_ops(), m_.tasks(), m_.strings(), static_cast<AsyncOpColumn>(column),
                                      descending, now_, from, matches, forward);
}

ListRow AsyncOpSource::row(uint32_t index) const {
    static const std::vector<const Field*> cols = view::columns(async_op_fields());
    return field_row(cols, cell_context(), index, m_.async_ops().row(index).dropped() && o_.terminated_colors);
}

}  // namespace view
