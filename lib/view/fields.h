// The fields of each list (tasks, resources, async ops, warnings), one
// table per list and one row per field: the tables that the TUI's
// columns, `dump --sort`, the filter keys (view/filter_keys.h), the
// JSON/CSV keys and the completions all read.  A field's name is its one
// spelling: lower case, words joined by '_', a unit kept where the value
// carries one ("total_ns", "size_bytes"); it is the JSON/CSV key, the
// --sort name and a filter key.  Other spellings (the filter's older
// "self-wakes", the column titles such as "total") are accepted on input
// only.  Adding a field is adding a row.  Plain data over a const model;
// no curses.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/filter.h"
#include "model/filter_term.h"
#include "model/model.h"
#include "view/canvas.h"
#include "view/draw_options.h"

namespace view {

using Json = nlohmann::ordered_json;

// What a field's value is computed from: one row of the model's table at
// server time `now`.
struct RowContext {
    const model::Model& m;
    model::Nanos now;
    // The application's name when several are watched (the `app` field);
    // empty: one.
    std::string_view app = {};
};

// What a cell is drawn from: a row of the model's table at server time
// `now`, drawn as `o` says, for the application `app` (empty: the one
// watched), shown in `app_style`.
struct CellContext {
    const model::Model& m;
    model::Nanos now;
    const DrawOptions& o;
    std::string_view app = {};
    Style app_style = Style::Normal;
};

// A cell as a list draws it: its text (for widths, filters and dumps) in
// one style, or in several (`spans`; empty: the text in `style`).
struct FieldCell {
    std::string text;
    Style style = Style::Normal;
    std::vector<Span> spans;
};

struct Field {
    const char* name;     // the one spelling (JSON/CSV key, --sort, filter)
    const char* aliases;  // other spellings accepted on input, ' '-separated
    // Its column in the list, left to right, and the model's sort column
    // of the same number; -1: not a column (sorted by `key`).
    int column;
    const char* title;  // the column's title; nullptr: not a column
    int priority;       // higher stays longer when the width runs out
    bool right;         // right-aligned
    int min_width;      // 0: may not shrink below its content
    model::FilterKey filter;
    model::KeyType type;
    // The value as JSON (a number, text, null, a list or an object).
    Json (*json)(const RowContext&, uint32_t row);
    // The sort key: a number, or a text's rank among the pool's strings.
    uint64_t (*key)(const RowContext&, uint32_t row);
    // Its cell in the list; nullptr: not a column.
    FieldCell (*cell)(const CellContext&, uint32_t row);
    // A filter can name it (as `filter`); false: no filter key yet.
    bool filterable = true;
    // Only there when several applications are watched (`app`): one
    // application's lists, JSON and CSV stay as they always were.
    bool several_only = false;
};

// Each table's `app` field, spelled once (fields.cc): its value is
// RowContext::app; it sorts all of one application's rows alike, so a
// merged list orders by the name itself.
#define VIEW_APP_FIELD(pri)                                                                                    \
    {                                                                                                          \
        "app", "", -1, "App", (pri), false, 0, model::FilterKey::App, model::KeyType::Text, &::view::app_json, \
            &::view::app_key, &::view::app_cell, true, true                                                    \
    }
Json app_json(const RowContext& c, uint32_t row);
uint64_t app_key(const RowContext& c, uint32_t row);
FieldCell app_cell(const CellContext& c, uint32_t row);

// Each list's fields, in the order of the JSON objects.
std::span<const Field> task_fields();      // task_fields.cc
std::span<const Field> resource_fields();  // resource_fields.cc
std::span<const Field> async_op_fields();  // async_op_fields.cc
// The warnings view: a row per lint that fires on a task, numbered
// warning_row(task row, lint); a filter on it narrows the tasks.
std::span<const Field> warning_fields();  // warning_fields.cc
using model::warning_row;

// The field that `name` spells (its name or an alias, any case), or nullptr.
const Field* find_field(std::span<const Field> fields, std::string_view name);

// The names, ", "-separated, for messages.
std::string field_names(std::span<const Field> fields);

// The fields of a table as one application (several: false) or several
// show them: those in JSON objects and CSV headers, in order.
std::vector<const Field*> shown_fields(std::span<const Field> fields, bool several);

// The fields that are columns, left to right.
std::vector<const Field*> columns(std::span<const Field> fields);

// A duration's cell: coloured by its unit unless the options say not.
FieldCell duration_cell(model::Nanos ns, const DrawOptions& o);
// Text in one style.
FieldCell text_cell(std::string text, Style style = Style::Normal);
// Attributes, `a=1 b=2`, in upstream's colours (a resource's, an op's).
FieldCell attributes_cell(const std::vector<model::Field>& as, const model::StringPool& s);

// A field's (or attribute's) value as JSON: numbers and booleans as such,
// text as text; a list of them by name, a value with a unit as text
// ("5000ms").
Json value_json(const model::FieldValue& v, const model::StringPool& s);
Json fields_json(const std::vector<model::Field>& fields, const model::StringPool& s);

}  // namespace view
