#include "view/fields.h"

#include "model/resource.h"
#include "model/resource_table.h"
#include "view/glyphs.h"

namespace view {

namespace {

using model::FilterKey;
using model::KeyType;

const model::Resource& resource(const RowContext& c, uint32_t row) {
    return c.m.resources().row(row);
}

// A sort key of the resource `x`.
#define KEY(expr)                                                   \
    [](const RowContext& c, uint32_t r) -> uint64_t {               \
        [[maybe_unused]] const model::Resource& x = resource(c, r); \
        return static_cast<uint64_t>(expr);                         \
    }
// A numeric field: the same number is its value and its key.
#define NUMBER(expr)                                                \
    [](const RowContext& c, uint32_t r) -> Json {                   \
        [[maybe_unused]] const model::Resource& x = resource(c, r); \
        return (expr);                                              \
    },                                                              \
        KEY(expr)
// A text field: its value, and the rank of its string for the order.
#define TEXT(member)                                                                                  \
    [](const RowContext& c, uint32_t r) -> Json { return c.m.strings().get(resource(c, r).member); }, \
        [](const RowContext& c, uint32_t r) -> uint64_t { return c.m.strings().ranks()[resource(c, r).member]; }

Json parent_json(const RowContext& c, uint32_t r) {
    uint64_t id = resource(c, r).parent_id;
    return id ? Json(id) : Json(nullptr);
}

Json visibility_json(const RowContext& c, uint32_t r) {
    return model::visibility_name(resource(c, r).visibility);
}

Json attributes_json(const RowContext& c, uint32_t r) {
    return fields_json(resource(c, r).attributes, c.m.strings());
}

// Attributes sort as the list's column does (model::resource_window).
uint64_t no_key(const RowContext&, uint32_t) {
    return 0;
}

// The cells, as the resource list draws them.
const model::Resource& resource(const CellContext& c, uint32_t row) {
    return c.m.resources().row(row);
}

#define TEXT_CELL(member) \
    [](const CellContext& c, uint32_t r) { return text_cell(std::string(c.m.strings().get(resource(c, r).member))); }

FieldCell id_cell(const CellContext& c, uint32_t r) {
    return text_cell(std::to_string(resource(c, r).id));
}

FieldCell parent_cell(const CellContext& c, uint32_t r) {
    return text_cell(c.m.resources().parent_label(resource(c, r), c.m.strings()));
}

FieldCell total_cell(const CellContext& c, uint32_t r) {
    return duration_cell(resource(c, r).total(c.now), c.o);
}

FieldCell visibility_cell(const CellContext& c, uint32_t r) {
    const Glyphs& g = glyphs(c.o.ascii);
    bool internal = resource(c, r).visibility == model::Visibility::Internal;
    return text_cell(internal ? g.internal : g.pub, internal ? Style::Internal : Style::Public);
}

FieldCell resource_attributes_cell(const CellContext& c, uint32_t r) {
    return attributes_cell(resource(c, r).attributes, c.m.strings());
}

// clang-format off
const Field kResourceFields[] = {
    // name         aliases     col title         pri right min  filter key            type
    VIEW_APP_FIELD(7),
    {"id",          "",         0,  "ID",         10, true,  0,  FilterKey::Id,       KeyType::Count,    NUMBER(x.id), id_cell},
    {"parent",      "",         1,  "Parent",     4,  false, 6,  FilterKey::Parent,   KeyType::Count,    parent_json, KEY(x.parent_id), parent_cell},
    {"kind",        "",         2,  "Kind",       8,  false, 0,  FilterKey::Kind,     KeyType::Text,     TEXT(kind), TEXT_CELL(kind)},
    {"type",        "",         5,  "Type",       9,  false, 12, FilterKey::Type,     KeyType::Text,     TEXT(concrete_type), TEXT_CELL(concrete_type)},
    {"target",      "",         4,  "Target",     5,  false, 12, FilterKey::Target,   KeyType::Text,     TEXT(target), TEXT_CELL(target)},
    {"visibility",  "vis",      6,  "Vis",        6,  false, 0,  FilterKey::Vis,      KeyType::Text,     visibility_json, KEY(x.visibility), visibility_cell},
    {"location",    "loc",      7,  "Location",   3,  false, 16, FilterKey::Location, KeyType::Text,     TEXT(location), TEXT_CELL(location)},
    {"total_ns",    "total",    3,  "Total",      9,  true,  0,  FilterKey::Total,    KeyType::Duration, NUMBER(x.total(c.now)), total_cell},
    {"dropped",     "state",    -1, nullptr,      0,  false, 0,  FilterKey::State,    KeyType::State,    NUMBER(x.dropped()), nullptr},
    {"attributes",  "attrs",    8,  "Attributes", 7,  false, 12, FilterKey::Fields,   KeyType::Text,     attributes_json, no_key, resource_attributes_cell},
};
// clang-format on
#undef TEXT_CELL

#undef NUMBER
#undef KEY
#undef TEXT

}  // namespace

std::span<const Field> resource_fields() {
    return kResourceFields;
}

}  // namespace view
