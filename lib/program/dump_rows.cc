#include "program/dump_rows.h"
#include "view/filter_keys.h"

#include <algorithm>
#include <numeric>

#include "model/attribute.h"
#include "model/lints.h"
#include "model/task_order.h"
#include "view/resource_source.h"
#include "view/task_source.h"

namespace program {

namespace {

model::FilterTable filter_table(View v) {
    switch (v) {
    case View::Resources: return model::FilterTable::Resources;
    case View::AsyncOps: return model::FilterTable::AsyncOps;
    case View::Warnings: return model::FilterTable::Warnings;
    default: return model::FilterTable::Tasks;
    }
}

const std::vector<view::ListColumn>& warning_columns() {
    static const std::vector<view::ListColumn> cols = view::field_columns(view::warning_fields());
    return cols;
}

// A value as a table prints it: text as it is, numbers in decimal.
std::string json_text(const Json& j) {
    return j.is_string() ? j.get<std::string>() : j.is_null() ? std::string() : j.dump();
}

// `rows` (all of them when `all`) in the order of `f`'s key, ties by
// ascending shown id, as the lists' own orders have them; the first
// `count`.
template <class Id>
std::vector<uint32_t> by_key(const view::Field& f, const view::RowContext& c, std::vector<uint32_t> rows, bool all,
                             size_t total, bool descending, size_t count, Id id) {
    if (all) {
        rows.resize(total);
        std::iota(rows.begin(), rows.end(), 0u);
    }
    struct Keyed {
        uint64_t key, id;
        uint32_t row;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(rows.size());
    for (uint32_t r : rows) keyed.push_back({f.key(c, r), id(r), r});
    std::sort(keyed.begin(), keyed.end(), [descending](const Keyed& a, const Keyed& b) {
        if (a.key != b.key) return descending ? a.key > b.key : a.key < b.key;
        if (a.id != b.id) return a.id < b.id;
        return a.row < b.row;
    });
    std::vector<uint32_t> out;
    for (size_t i = 0; i < count && i < keyed.size(); i++) out.push_back(keyed[i].row);
    return out;
}

// The fields of the view's rows, when it has a table of them.
std::span<const view::Field> view_fields(View v) {
    switch (v) {
    case View::Resources: return view::resource_fields();
    case View::AsyncOps: return view::async_op_fields();
    case View::Warnings: return view::warning_fields();
    default: return view::task_fields();
    }
}

}  // namespace

std::vector<std::string> sort_columns(View v) {
    std::vector<std::string> out;
    for (const view::Field& f : view_fields(v)) out.push_back(f.name);
    return out;
}

std::vector<std::string> json_keys(View v, bool several) {
    std::vector<std::string> out;
    for (const view::Field* f : view::shown_fields(view_fields(v), several)) out.push_back(f->name);
    return out;
}

bool make_query(const config::DumpSettings& d, DumpQuery& q, std::string& error) {
    q.view = d.view;
    q.limit = d.limit;
    q.descending = d.descending;
    q.table = filter_table(d.view);
    model::ParsedFilter pf = model::parse_filter(d.filter, q.table, view::filter_keys());
    if (pf.error) {
        error = "option '--filter': " + model::format_filter_error(*pf.error);
        return false;
    }
    q.filter = std::move(pf.filter);
    std::string want = d.sort.empty() ? "id" : d.sort;
    std::span<const view::Field> fields = view_fields(d.view);
    q.field = view::find_field(fields, want);
    q.column = q.field ? q.field->column : -1;
    if (d.view == View::Tasks) q.task_field = q.field;
    if (d.view == View::Warnings) {
        // Its own fields, else the tasks' (each task's lints together).
        q.task_field = view::find_field(view::task_fields(), q.field ? "id" : want.c_str());
        if (q.task_field && !q.field) return true;
    }
    if (!q.field) {
        error = "option '--sort': no field '" + want + "' (" + view::field_names(fields) +
                (d.view == View::Warnings ? ", or a task's field)" : ")");
        return false;
    }
    return true;
}

DumpRows::DumpRows(const model::Model& m, const DumpQuery& q, const view::DrawOptions& o, std::string_view app)
    : m_(m), q_(q), now_(m.last_update_now()), draw_(o), app_(app) {
    switch (q.view) {
    case View::Tasks:
        source_ = std::make_unique<view::TaskSource>(m, now_, o);
        select_tasks();
        break;
    case View::Resources:
        source_ = std::make_unique<view::ResourceSource>(m, now_, o);
        select_resources();
        break;
    case View::AsyncOps:
        source_ = std::make_unique<view::AsyncOpSource>(m, now_, o, 0);
        select_async_ops();
        break;
    case View::Warnings: select_warnings(); break;
    }
    if (several()) {
        const view::Field* f = view::find_field(view_fields(q.view), "app");
        columns_ = {{f->title, f->priority, f->right, f->min_width}};
        const auto& base = source_ ? source_->columns() : warning_columns();
        columns_.insert(columns_.end(), base.begin(), base.end());
    }
}

void DumpRows::select_tasks() {
    size_t limit = q_.view == View::Tasks ? q_.limit : 0;
    rows_ = ordered_tasks(q_.filters_tasks() ? &q_.filter : nullptr, limit);
}

// The tasks `filter` keeps (every one: nullptr), in the order asked for,
// at most `limit` (0: no limit).
std::vector<uint32_t> DumpRows::ordered_tasks(const model::Filter* filter, size_t limit) const {
    const auto& tasks = m_.tasks();
    std::vector<uint32_t> only;
    if (filter) only = model::filter_tasks(*filter, tasks, m_.strings(), now_, app_);
    size_t total = filter ? only.size() : tasks.size();
    size_t count = limit ? std::min<size_t>(limit, total) : total;
    if (q_.task_field->column >= 0) {
        model::TaskWindow w =
            model::task_window(tasks, m_.strings(), static_cast<model::TaskColumn>(q_.task_field->column),
                               q_.descending, now_, 0, count, filter ? &only : nullptr);
        return std::move(w.rows);
    }
    view::RowContext c{m_, now_};
    return by_key(*q_.task_field, c, std::move(only), !filter, tasks.size(), q_.descending, count,
                  [&tasks](uint32_t r) { return tasks.row(r).id; });
}

void DumpRows::select_resources() {
    const auto& res = m_.resources();
    std::vector<uint32_t> only;
    if (!q_.filter.empty()) only = model::filter_resources(q_.filter, res, m_.strings(), now_, app_);
    size_t total = q_.filter.empty() ? res.size() : only.size();
    size_t count = q_.limit ? std::min<size_t>(q_.limit, total) : total;
    if (q_.field->column >= 0) {
        model::RowWindow w = model::resource_window(res, m_.strings(), static_cast<model::ResourceColumn>(q_.column),
                                                    q_.descending, now_, 0, count, q_.filter.empty() ? nullptr : &only);
        rows_ = std::move(w.rows);
        return;
    }
    view::RowContext c{m_, now_};
    rows_ = by_key(*q_.field, c, std::move(only), q_.filter.empty(), res.size(), q_.descending, count,
                   [&res](uint32_t r) { return res.row(r).id; });
}

void DumpRows::select_async_ops() {
    const auto& ops = m_.async_ops();
    std::vector<uint32_t> all(ops.size()), only;
    std::iota(all.begin(), all.end(), 0u);
    if (!q_.filter.empty()) only = model::filter_async_ops(q_.filter, ops, m_.tasks(), m_.strings(), now_, all, app_);
    size_t total = q_.filter.empty() ? ops.size() : only.size();
    size_t count = q_.limit ? std::min<size_t>(q_.limit, total) : total;
    if (q_.field->column >= 0) {
        model::RowWindow w =
            model::async_op_window(ops, m_.tasks(), m_.strings(), static_cast<model::AsyncOpColumn>(q_.column),
                                   q_.descending, now_, 0, 0, count, q_.filter.empty() ? nullptr : &only);
        rows_ = std::move(w.rows);
        return;
    }
    view::RowContext c{m_, now_};
    rows_ = by_key(*q_.field, c, q_.filter.empty() ? std::move(all) : std::move(only), false, ops.size(), q_.descending,
                   count, [&ops](uint32_t r) { return ops.row(r).id; });
}

// The tasks in their order, each repeated for every lint that fires on
// it, those the filter keeps; then, when sorted by a field of the
// warnings, in that order.
void DumpRows::select_warnings() {
    std::vector<uint32_t> all;
    for (uint32_t r : ordered_tasks(nullptr, 0)) {
        uint16_t w = m_.tasks().row(r).warnings;
        for (int l = 0; l < model::kLintCount; l++)
            if (w & (1u << l)) all.push_back(model::warning_row(r, l));
    }
    rows_ = model::filter_warnings(q_.filter, m_.tasks(), m_.strings(), now_, m_.lint_config(), all, app_);
    size_t count = q_.limit ? std::min<size_t>(q_.limit, rows_.size()) : rows_.size();
    if (!q_.field) {
        rows_.resize(count);
        return;
    }
    view::RowContext c{m_, now_};
    const auto& tasks = m_.tasks();
    rows_ = by_key(*q_.field, c, std::move(rows_), false, 0, q_.descending, count,
                   [&tasks](uint32_t r) { return tasks.row(model::warning_task(r)).id; });
}

const std::vector<view::ListColumn>& DumpRows::columns() const {
    if (several()) return columns_;
    return source_ ? source_->columns() : warning_columns();
}

int DumpRows::sorted_column() const {
    int c = q_.view == View::Warnings ? -1 : q_.column;
    return c >= 0 && several() ? c + 1 : c;
}

view::ListRow DumpRows::table_row(size_t i) const {
    view::ListRow r;
    if (source_) {
        r = source_->row(rows_[i]);
    } else {
        static const std::vector<const view::Field*> cols = view::columns(view::warning_fields());
        r = view::field_row(cols, view::CellContext{m_, now_, draw_}, rows_[i], false);
    }
    if (several()) {
        r.cells.insert(r.cells.begin(), app_);
        r.styles.insert(r.styles.begin(), view::Style::Normal);
        if (!r.spans.empty()) r.spans.insert(r.spans.begin(), std::vector<view::Span>());
        if (r.lead >= 0) r.lead++;
        if (r.span_from >= 0) r.span_from++;
    }
    return r;
}

Json DumpRows::json_row(size_t i) const {
    Json j;
    view::RowContext c = context();
    for (const view::Field* f : view::shown_fields(view_fields(q_.view), several())) j[f->name] = f->json(c, rows_[i]);
    return j;
}

// Warnings sorted by a task's field sort by their task's row.
const view::Field& DumpRows::sort_field() const {
    return q_.field ? *q_.field : *q_.task_field;
}

uint32_t DumpRows::sort_row(size_t i) const {
    return q_.field ? rows_[i] : model::warning_task(rows_[i]);
}

bool DumpRows::sorts_by_text() const {
    return sort_field().type == model::KeyType::Text;
}

uint64_t DumpRows::sort_key(size_t i) const {
    return sort_field().key(context(), sort_row(i));
}

std::string DumpRows::sort_text(size_t i) const {
    return json_text(sort_field().json(context(), sort_row(i)));
}

uint64_t DumpRows::shown_id(size_t i) const {
    return view::find_field(view_fields(q_.view), "id")->key(context(), rows_[i]);
}

}  // namespace program
