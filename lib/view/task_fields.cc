#include "view/fields.h"

#include <string>

#include "model/lints.h"
#include "view/format.h"
#include "view/glyphs.h"
#include "view/task_source.h"

namespace view {

namespace {

using model::FilterKey;
using model::KeyType;

const model::Task& task(const RowContext& c, uint32_t row) {
    return c.m.tasks().row(row);
}

std::string_view text(const RowContext& c, model::StrId id) {
    return c.m.strings().get(id);
}

uint64_t rank(const RowContext& c, model::StrId id) {
    return c.m.strings().ranks()[id];
}

// A numeric field: the same number is its value and its key.
#define NUMBER(expr)                                            \
    [](const RowContext& c, uint32_t r) -> Json {               \
        [[maybe_unused]] const model::Task& t = task(c, r);     \
        return (expr);                                          \
    },                                                          \
        [](const RowContext& c, uint32_t r) -> uint64_t {       \
            [[maybe_unused]] const model::Task& t = task(c, r); \
            return static_cast<uint64_t>(expr);                 \
        }
// A text field: its value, and the rank of its string for the order.
#define TEXT(member)                                                                    \
    [](const RowContext& c, uint32_t r) -> Json { return text(c, task(c, r).member); }, \
        [](const RowContext& c, uint32_t r) -> uint64_t { return rank(c, task(c, r).member); }

Json warnings_json(const RowContext& c, uint32_t r) {
    Json out = Json::array();
    for (int l = 0; l < model::kLintCount; l++)
        if (task(c, r).warnings & (1u << l)) out.push_back(model::lint_name(static_cast<model::Lint>(l)));
    return out;
}

uint64_t warnings_key(const RowContext& c, uint32_t r) {
    return static_cast<uint64_t>(__builtin_popcount(task(c, r).warnings));
}

Json size_json(const RowContext& c, uint32_t r) {
    int64_t n = task(c, r).size_bytes;
    return n >= 0 ? Json(n) : Json(nullptr);
}

uint64_t size_key(const RowContext& c, uint32_t r) {
    int64_t n = task(c, r).size_bytes;
    return n >= 0 ? static_cast<uint64_t>(n) + 1 : 0;  // unknown sorts first
}

Json state_json(const RowContext& c, uint32_t r) {
    return model::state_name(task(c, r).state());
}

uint64_t state_key(const RowContext& c, uint32_t r) {
    return static_cast<uint64_t>(task(c, r).state());
}

Json task_fields_json(const RowContext& c, uint32_t r) {
    return fields_json(task(c, r).fields, c.m.strings());
}

uint64_t task_fields_key(const RowContext& c, uint32_t r) {
    const model::Task& t = task(c, r);
    return t.fields.empty() ? 0 : rank(c, t.fields.front().value.text);
}

// The cells, as the task list draws them.
const model::Task& task(const CellContext& c, uint32_t row) {
    return c.m.tasks().row(row);
}

FieldCell warnings_cell(const CellContext& c, uint32_t r) {
    int n = __builtin_popcount(task(c, r).warnings);
    if (!n) return {};
    return text_cell(std::string(glyphs(c.o.ascii).warn) + " " + std::to_string(n), Style::Warn);
}

// With several applications, "api/42": an ID alone says not whose.
FieldCell id_cell(const CellContext& c, uint32_t r) {
    std::string id = std::to_string(task(c, r).id);
    return text_cell(c.app.empty() ? id : std::string(c.app) + "/" + id);
}

FieldCell state_cell(const CellContext& c, uint32_t r) {
    const model::Task& t = task(c, r);
    if (task_blocked(c.m, t.span_id, c.now, c.o)) return text_cell(glyphs(c.o.ascii).blocked, Style::Warn);
    return text_cell(state_glyph(t.state(), c.o.ascii),
                     t.state() == model::TaskState::Running ? Style::Ok : Style::Normal);
}

#define TEXT_CELL(member) \
    [](const CellContext& c, uint32_t r) { return text_cell(std::string(c.m.strings().get(task(c, r).member))); }
#define DURATION_CELL(method) \
    [](const CellContext& c, uint32_t r) { return duration_cell(task(c, r).method(c.now), c.o); }

FieldCell polls_cell(const CellContext& c, uint32_t r) {
    return text_cell(std::to_string(task(c, r).stats.polls));
}

// The fields, then the target, each key=value in upstream's colours.
FieldCell fields_cell(const CellContext& c, uint32_t r) {
    const model::Task& t = task(c, r);
    const auto& s = c.m.strings();
    FieldCell out;
    for (const auto& f : t.fields) {
        std::string kv = model::format_field(f, s);
        out.text += kv + ' ';
        field_spans(out.spans, kv);
        out.spans.push_back({" ", Style::Normal});
    }
    std::string target = "target=" + std::string(s.get(t.target));
    out.text += target;
    field_spans(out.spans, target);
    return out;
}

// clang-format off
const Field kTaskFields[] = {
    // name          aliases               col title       pri right min  filter key              type
    VIEW_APP_FIELD(8),
    {"id",           "",                   1,  "ID",       12, true,  0,  FilterKey::Id,         KeyType::Count,    NUMBER(t.id), id_cell},
    {"name",         "",                   3,  "Name",     9,  false, 12, FilterKey::Name,       KeyType::Text,     TEXT(name), TEXT_CELL(name)},
    {"state",        "",                   2,  "State",    10, false, 0,  FilterKey::State,      KeyType::State,    state_json, state_key, state_cell},
    {"kind",         "",                   9,  "Kind",     2,  false, 0,  FilterKey::Kind,       KeyType::Text,     TEXT(kind), TEXT_CELL(kind)},
    {"target",       "",                   -1, nullptr,    0,  false, 0,  FilterKey::Target,     KeyType::Text,     TEXT(target), nullptr},
    {"location",     "loc",                10, "Location", 3,  false, 16, FilterKey::Location,   KeyType::Text,     TEXT(location), TEXT_CELL(location)},
    {"total_ns",     "total",              4,  "Total",    11, true,  0,  FilterKey::Total,      KeyType::Duration, NUMBER(t.total(c.now)), DURATION_CELL(total)},
    {"busy_ns",      "busy",               5,  "Busy",     8,  true,  0,  FilterKey::Busy,       KeyType::Duration, NUMBER(t.busy(c.now)), DURATION_CELL(busy)},
    {"sched_ns",     "sched scheduled",    6,  "Sched",    5,  true,  0,  FilterKey::Sched,      KeyType::Duration, NUMBER(t.scheduled(c.now)), DURATION_CELL(scheduled)},
    {"idle_ns",      "idle",               7,  "Idle",     6,  true,  0,  FilterKey::Idle,       KeyType::Duration, NUMBER(t.idle(c.now)), DURATION_CELL(idle)},
    {"polls",        "",                   8,  "Polls",    7,  true,  0,  FilterKey::Polls,      KeyType::Count,    NUMBER(t.stats.polls), polls_cell},
    {"wakes",        "",                   -1, nullptr,    0,  false, 0,  FilterKey::Wakes,      KeyType::Count,    NUMBER(t.stats.wakes), nullptr},
    {"wakers",       "",                   -1, nullptr,    0,  false, 0,  FilterKey::Wakers,     KeyType::Count,    NUMBER(t.waker_count()), nullptr},
    {"self_wakes",   "self-wakes",         -1, nullptr,    0,  false, 0,  FilterKey::SelfWakes,  KeyType::Count,    NUMBER(t.stats.self_wakes), nullptr},
    {"size_bytes",   "size",               -1, nullptr,    0,  false, 0,  FilterKey::Size,       KeyType::Count,    size_json, size_key, nullptr},
    {"warnings",     "warn lint",          0,  "Warn",     4,  false, 0,  FilterKey::Warn,       KeyType::Warn,     warnings_json, warnings_key, warnings_cell},
    {"fields",       "",                   11, "Fields",   1,  false, 10, FilterKey::Fields,     KeyType::Text,     task_fields_json, task_fields_key, fields_cell},
};
// clang-format on

#undef NUMBER
#undef TEXT
#undef TEXT_CELL
#undef DURATION_CELL

}  // namespace

std::span<const Field> task_fields() {
    return kTaskFields;
}

}  // namespace view
