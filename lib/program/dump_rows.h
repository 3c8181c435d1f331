// What one snapshot of `tokio-console dump` prints: the rows of a view
// that the filter keeps, in the order asked for, at most --limit of them,
// each both as the console's table row (the list sources of lib/view that
// the TUI shows, so the columns are spelled once) and as a JSON object for
// the machine formats.  Built over a const Model at the server time of its
// last update, so that the same stream gives the same dump.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/settings.h"
#include "model/filter.h"
#include "model/model.h"
#include "view/draw_options.h"
#include "view/fields.h"
#include "view/list_source.h"

namespace program {

using Json = nlohmann::ordered_json;
using View = config::DumpSettings::View;

// The view's filter and sort, checked against its columns once.
struct DumpQuery {
    View view = View::Tasks;
    model::Filter filter;
    // What `filter` runs over.
    model::FilterTable table = model::FilterTable::Tasks;
    int column = 0;  // index into the view's columns; -1: sorted by a field that is none
    // The field of the view's table the rows are sorted by; warnings
    // sorted by a task's field: none.
    const view::Field* field = nullptr;
    // Tasks and warnings: the field the tasks are sorted by.
    const view::Field* task_field = nullptr;
    bool descending = false;
    uint64_t limit = 0;

    // --filter narrows the tasks (the tasks and warnings views).
    bool filters_tasks() const { return table == model::FilterTable::Tasks && !filter.empty(); }
};

// Compiles --view, --filter and --sort; false with a one-line `error`
// when the filter does not parse or the view has no such field.
bool make_query(const config::DumpSettings& d, DumpQuery& q, std::string& error);

// The names --sort takes for the view ("id", "name", ...).
std::vector<std::string> sort_columns(View v);

// The keys of the view's JSON objects, in order: the CSV header.  With
// several applications (`several`) they start with `app`.
std::vector<std::string> json_keys(View v, bool several = false);

// One snapshot as a writer prints it.
class SnapshotRows {
public:
    virtual ~SnapshotRows() = default;
    virtual size_t size() const = 0;
    virtual model::Nanos now() const = 0;
    // The table: its columns and its i-th row's cells, as the TUI has them.
    virtual const std::vector<view::ListColumn>& columns() const = 0;
    virtual view::ListRow table_row(size_t i) const = 0;
    virtual Json json_row(size_t i) const = 0;
    // The column the rows are sorted by; -1: none of them.
    virtual int sorted_column() const = 0;
    // Whether the rows are of several applications (an `app` key each).
    virtual bool several() const { return false; }
};

// The rows of one application.  `app` names it when several are watched:
// the filter's `app` key and free text match it, the JSON objects start
// with it and the table with its column.
class DumpRows : public SnapshotRows {
public:
    DumpRows(const model::Model& m, const DumpQuery& q, const view::DrawOptions& o, std::string_view app = {});

    size_t size() const override { return rows_.size(); }
    model::Nanos now() const override { return now_; }
    const std::vector<view::ListColumn>& columns() const override;
    view::ListRow table_row(size_t i) const override;
    Json json_row(size_t i) const override;
    int sorted_column() const override;
    bool several() const override { return !app_.empty(); }

    // What row i sorts by, for merging with other applications' rows: a
    // number (key) or, for text, the text itself; and its shown ID.
    uint64_t sort_key(size_t i) const;
    std::string sort_text(size_t i) const;
    bool sorts_by_text() const;
    uint64_t shown_id(size_t i) const;

private:
    // The field and the model row that row i sorts by.
    const view::Field& sort_field() const;
    uint32_t sort_row(size_t i) const;
    view::RowContext context() const { return {m_, now_, app_}; }

    void select_tasks();
    void select_resources();
    void select_async_ops();
    void select_warnings();
    std::vector<uint32_t> ordered_tasks(const model::Filter* filter, size_t limit) const;

    const model::Model& m_;
    const DumpQuery& q_;
    model::Nanos now_;
    view::DrawOptions draw_;
    std::string app_;
    std::vector<view::ListColumn> columns_;     // with App first, when several
    std::unique_ptr<view::ListSource> source_;  // the list's rows (view/); none for warnings
    // Rows of the model's table, in order; warnings: view::warning_row()s.
    std::vector<uint32_t> rows_;
};

}  // namespace program
