#include "view/fields.h"

#include <string>

#include "model/attribute.h"
#include "view/format.h"

namespace view {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i++)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace

Json value_json(const model::FieldValue& v, const model::StringPool& s) {
    switch (v.kind) {
    case model::FieldValue::Kind::U64: return v.u;
    case model::FieldValue::Kind::I64: return v.i;
    case model::FieldValue::Kind::Bool: return v.u != 0;
    default: return std::string(s.get(v.text));
    }
}

Json fields_json(const std::vector<model::Field>& fields, const model::StringPool& s) {
    Json out = Json::object();
    for (const auto& f : fields) {
        std::string name(s.get(f.name));
        if (f.unit)
            out[name] = model::format_value(f.value, s) + std::string(s.get(f.unit));
        else
            out[name] = value_json(f.value, s);
    }
    return out;
}

const Field* find_field(std::span<const Field> fields, std::string_view name) {
    for (const Field& f : fields)
        if (iequal(name, f.name)) return &f;
    // An alias, or a column's title ("ID", "Total").
    for (const Field& f : fields) {
        if (f.title && iequal(name, f.title)) return &f;
        std::string_view a = f.aliases;
        while (!a.empty()) {
            size_t sp = a.find(' ');
            if (iequal(name, a.substr(0, sp))) return &f;
            a = sp == std::string_view::npos ? std::string_view() : a.substr(sp + 1);
        }
    }
    return nullptr;
}

std::string field_names(std::span<const Field> fields) {
    std::string out;
    for (const Field& f : fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

Json app_json(const RowContext& c, uint32_t) {
    return std::string(c.app);
}

uint64_t app_key(const RowContext&, uint32_t) {
    return 0;
}

FieldCell app_cell(const CellContext& c, uint32_t) {
    return text_cell(std::string(c.app), c.app_style);
}

FieldCell text_cell(std::string text, Style style) {
    return FieldCell{std::move(text), style, {}};
}

FieldCell duration_cell(model::Nanos ns, const DrawOptions& o) {
    Duration f = format_duration(ns, 0, o.ascii);
    return text_cell(f.text, o.duration_colors ? f.style : Style::Normal);
}

FieldCell attributes_cell(const std::vector<model::Field>& as, const model::StringPool& s) {
    FieldCell out = text_cell(model::format_attributes(as, s));
    for (const model::Field& a : as) {
        if (!out.spans.empty()) out.spans.push_back({" ", Style::Normal});
        field_spans(out.spans, model::format_field(a, s), s.get(a.unit));
    }
    return out;
}

std::vector<const Field*> shown_fields(std::span<const Field> fields, bool several) {
    std::vector<const Field*> out;
    for (const Field& f : fields)
        if (several || !f.several_only) out.push_back(&f);
    return out;
}

std::vector<const Field*> columns(std::span<const Field> fields) {
    std::vector<const Field*> out;
    for (const Field& f : fields)
        if (f.column >= 0) {
            if (out.size() <= static_cast<size_t>(f.column)) out.resize(f.column + 1);
            out[f.column] = &f;
        }
    return out;
}

}  // namespace view
