#include "view/fields.h"

#include "model/lints.h"

namespace view {

namespace {

using model::FilterKey;
using model::KeyType;

static_assert(model::kLintCount <= 8, "warning_row() keeps a lint in 3 bits");

const model::Task& task(uint32_t row, const RowContext& c) {
    return c.m.tasks().row(model::warning_task(row));
}

model::Lint lint(uint32_t row) {
    return static_cast<model::Lint>(model::warning_lint(row));
}

Json lint_json(const RowContext&, uint32_t r) {
    return model::lint_name(lint(r));
}

uint64_t lint_key(const RowContext&, uint32_t r) {
    return static_cast<uint64_t>(lint(r));
}

Json id_json(const RowContext& c, uint32_t r) {
    return task(r, c).id;
}

uint64_t id_key(const RowContext& c, uint32_t r) {
    return task(r, c).id;
}

Json name_json(const RowContext& c, uint32_t r) {
    return c.m.strings().get(task(r, c).name);
}

uint64_t name_key(const RowContext& c, uint32_t r) {
    return c.m.strings().ranks()[task(r, c).name];
}

Json location_json(const RowContext& c, uint32_t r) {
    return c.m.strings().get(task(r, c).location);
}

uint64_t location_key(const RowContext& c, uint32_t r) {
    return c.m.strings().ranks()[task(r, c).location];
}

Json message_json(const RowContext& c, uint32_t r) {
    return model::lint_sentence(lint(r), task(r, c), c.now, c.m.lint_config(), true);
}

// Messages sort as their lints do: each lint's sentences read alike.
uint64_t message_key(const RowContext& c, uint32_t r) {
    return lint_key(c, r);
}

// The cells: each the field's value as text, as `dump` prints them.
#define JSON_CELL(json)                                                    \
    [](const CellContext& c, uint32_t r) {                                 \
        Json j = json(RowContext{c.m, c.now, c.app}, r);                   \
        return text_cell(j.is_string() ? j.get<std::string>() : j.dump()); \
    }

// clang-format off
const Field kWarningFields[] = {
    // name        aliases   col title       pri right min  filter key            type
    VIEW_APP_FIELD(7),
    {"lint",       "warn",   0,  "Warn",     9,  false, 0,  FilterKey::Warn,     KeyType::Warn, lint_json,     lint_key, JSON_CELL(lint_json)},
    {"id",         "",       1,  "ID",       10, false, 0,  FilterKey::Id,       KeyType::Count, id_json,      id_key, JSON_CELL(id_json)},
    {"name",       "",       2,  "Name",     8,  false, 12, FilterKey::Name,     KeyType::Text, name_json,     name_key, JSON_CELL(name_json)},
    {"location",   "loc",    3,  "Location", 4,  false, 16, FilterKey::Location, KeyType::Text, location_json, location_key, JSON_CELL(location_json)},
    {"message",    "",       4,  "Warning",  6,  false, 20, FilterKey::Message,  KeyType::Text, message_json,  message_key, JSON_CELL(message_json)},
};
// clang-format on
#undef JSON_CELL

}  // namespace

std::span<const Field> warning_fields() {
    return kWarningFields;
}

}  // namespace view
