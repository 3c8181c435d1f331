#include "view/fields.h"

#include "model/async_op.h"
#include "model/async_op_table.h"

namespace view {

namespace {

using model::FilterKey;
using model::KeyType;

const model::AsyncOp& op(const RowContext& c, uint32_t row) {
    return c.m.async_ops().row(row);
}

// The op's task, if the console knows it.
const model::Task* task_of(const RowContext& c, uint32_t row) {
    uint64_t span = op(c, row).task_span;
    return span ? c.m.tasks().find(span) : nullptr;
}

// A sort key of the op `x`.
#define KEY(expr)                                            \
    [](const RowContext& c, uint32_t r) -> uint64_t {        \
        [[maybe_unused]] const model::AsyncOp& x = op(c, r); \
        return static_cast<uint64_t>(expr);                  \
    }
// A numeric field: the same number is its value and its key.
#define NUMBER(expr)                                         \
    [](const RowContext& c, uint32_t r) -> Json {            \
        [[maybe_unused]] const model::AsyncOp& x = op(c, r); \
        return (expr);                                       \
    },                                                       \
        KEY(expr)
// An id that may be missing (0): null in JSON.
#define ID(member)                                \
    [](const RowContext& c, uint32_t r) -> Json { \
        uint64_t id = op(c, r).member;            \
        return id ? Json(id) : Json(nullptr);     \
    },                                            \
        KEY(x.member)

Json task_json(const RowContext& c, uint32_t r) {
    const model::Task* t = task_of(c, r);
    return t ? Json(t->id) : Json(nullptr);
}

uint64_t task_key(const RowContext& c, uint32_t r) {
    const model::Task* t = task_of(c, r);
    return t ? t->id : 0;
}

Json task_name_json(const RowContext& c, uint32_t r) {
    const model::Task* t = task_of(c, r);
    return t ? Json(c.m.strings().get(t->name)) : Json(nullptr);
}

uint64_t task_name_key(const RowContext& c, uint32_t r) {
    const model::Task* t = task_of(c, r);
    return t ? c.m.strings().ranks()[t->name] : 0;
}

Json source_json(const RowContext& c, uint32_t r) {
    return c.m.strings().get(op(c, r).source);
}

uint64_t source_key(const RowContext& c, uint32_t r) {
    return c.m.strings().ranks()[op(c, r).source];
}

Json attributes_json(const RowContext& c, uint32_t r) {
    return fields_json(op(c, r).attributes, c.m.strings());
}

// Attributes sort as the list's column does (model::async_op_window).
uint64_t no_key(const RowContext&, uint32_t) {
    return 0;
}

// The cells, as the async ops list draws them.
const model::AsyncOp& op(const CellContext& c, uint32_t row) {
    return c.m.async_ops().row(row);
}

FieldCell id_cell(const CellContext& c, uint32_t r) {
    return text_cell(std::to_string(op(c, r).id));
}

FieldCell parent_cell(const CellContext& c, uint32_t r) {
    return text_cell(model::AsyncOpTable::parent_label(op(c, r)));
}

FieldCell task_cell(const CellContext& c, uint32_t r) {
    return text_cell(model::AsyncOpTable::task_label(op(c, r), c.m.tasks(), c.m.strings()));
}

FieldCell source_cell(const CellContext& c, uint32_t r) {
    return text_cell(std::string(c.m.strings().get(op(c, r).source)));
}

#define DURATION_CELL(method) \
    [](const CellContext& c, uint32_t r) { return duration_cell(op(c, r).method(c.now), c.o); }

FieldCell polls_cell(const CellContext& c, uint32_t r) {
    return text_cell(std::to_string(op(c, r).polls));
}

FieldCell op_attributes_cell(const CellContext& c, uint32_t r) {
    return attributes_cell(op(c, r).attributes, c.m.strings());
}

// clang-format off
const Field kAsyncOpFields[] = {
    // name         aliases     col title         pri right min  filter key            type
    VIEW_APP_FIELD(7),
    {"id",          "",         0,  "ID",         10, true,  0,  FilterKey::Id,       KeyType::Count,    NUMBER(x.id), id_cell},
    {"parent",      "",         1,  "Parent",     5,  false, 6,  FilterKey::Parent,   KeyType::Count,    ID(parent_id), parent_cell},
    {"resource",    "",         -1, nullptr,      0,  false, 0,  FilterKey::Resource, KeyType::Count,    ID(resource_id), nullptr},
    {"task",        "",         2,  "Task",       8,  false, 10, FilterKey::Task,     KeyType::Count,    task_json, task_key, task_cell},
    {"task_name",   "",         -1, nullptr,      0,  false, 0,  FilterKey::TaskName, KeyType::Text,     task_name_json, task_name_key, nullptr},
    {"source",      "",         3,  "Source",     8,  false, 12, FilterKey::Source,   KeyType::Text,     source_json, source_key, source_cell},
    {"total_ns",    "total",    4,  "Total",      9,  true,  0,  FilterKey::Total,    KeyType::Duration, NUMBER(x.total(c.now)), DURATION_CELL(total)},
    {"busy_ns",     "busy",     5,  "Busy",       7,  true,  0,  FilterKey::Busy,     KeyType::Duration, NUMBER(x.busy(c.now)), DURATION_CELL(busy)},
    {"idle_ns",     "idle",     6,  "Idle",       6,  true,  0,  FilterKey::Idle,     KeyType::Duration, NUMBER(x.idle(c.now)), DURATION_CELL(idle)},
    {"polls",       "",         7,  "Polls",      7,  true,  0,  FilterKey::Polls,    KeyType::Count,    NUMBER(x.polls), polls_cell},
    {"dropped",     "state",    -1, nullptr,      0,  false, 0,  FilterKey::State,    KeyType::State,    NUMBER(x.dropped()), nullptr},
    {"attributes",  "attrs",    8,  "Attributes", 3,  false, 10, FilterKey::Fields,   KeyType::Text,     attributes_json, no_key, op_attributes_cell},
};
// clang-format on
#undef DURATION_CELL

#undef ID
#undef NUMBER
#undef KEY

}  // namespace

std::span<const Field> async_op_fields() {
    return kAsyncOpFields;
}

}  // namespace view
