#include "view/fields.h"

#include "model/resource.h"

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

// clang-format off
const Field kResourceFields[] = {
    // name         aliases     col title         pri right min  filter key            type
    VIEW_APP_FIELD(7),
    {"id",          "",         0,  "ID",         10, true,  0,  FilterKey::Id,       KeyType::Count,    NUMBER(x.id)},
    {"parent",      "",         1,  "Parent",     4,  false, 6,  FilterKey::Parent,   KeyType::Count,    parent_json, KEY(x.parent_id)},
    {"kind",        "",         2,  "Kind",       8,  false, 0,  FilterKey::Kind,     KeyType::Text,     TEXT(kind)},
    {"type",        "",         5,  "Type",       9,  false, 12, FilterKey::Type,     KeyType::Text,     TEXT(concrete_type)},
    {"target",      "",         4,  "Target",     5,  false, 12, FilterKey::Target,   KeyType::Text,     TEXT(target)},
    {"visibility",  "vis",      6,  "Vis",        6,  false, 0,  FilterKey::Vis,      KeyType::Text,     visibility_json, KEY(x.visibility)},
    {"location",    "loc",      7,  "Location",   3,  false, 16, FilterKey::Location, KeyType::Text,     TEXT(location)},
    {"total_ns",    "total",    3,  "Total",      9,  true,  0,  FilterKey::Total,    KeyType::Duration, NUMBER(x.total(c.now))},
    {"dropped",     "state",    -1, nullptr,      0,  false, 0,  FilterKey::State,    KeyType::State,    NUMBER(x.dropped())},
    {"attributes",  "attrs",    8,  "Attributes", 7,  false, 12, FilterKey::Fields,   KeyType::Text,     attributes_json, no_key},
};
// clang-format on

#undef NUMBER
#undef KEY
#undef TEXT

}  // namespace

std::span<const Field> resource_fields() {
    return kResourceFields;
}

}  // namespace view
