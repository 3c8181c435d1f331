#include "model/attribute.h"

#include <algorithm>

namespace model {

namespace {

// Upstream's order of field names: the task name first, the (long) spawn
// location last, the rest by name.
int name_class(std::string_view n) {
    if (n == "task.name") return 0;
    if (n == "spawn.location") return 2;
    return 1;
}

int compare_names(StrId a, StrId b, const StringPool& strings) {
    std::string_view x = strings.get(a), y = strings.get(b);
    int ca = name_class(x), cb = name_class(y);
    if (ca != cb) return ca < cb ? -1 : 1;
    return x.compare(y) < 0 ? -1 : x == y ? 0 : 1;
}

bool numeric(const FieldValue& v) {
    return v.kind == FieldValue::Kind::U64 || v.kind == FieldValue::Kind::I64 || v.kind == FieldValue::Kind::Bool;
}

}  // namespace

std::vector<Field> attributes_from_proto(const AttributeList& pb, const Metadata* meta, const MetadataRegistry& metas,
                                         StringPool& strings) {
    std::vector<Field> out;
    out.reserve(pb.size());
    for (const auto& a : pb) {
        if (!a.has_field()) continue;
        auto f = field_from_proto(a.field(), meta, metas, strings);
        if (!f) continue;
        if (a.has_unit()) f->unit = strings.intern(a.unit());
        out.push_back(*f);
    }
    std::stable_sort(out.begin(), out.end(), [&](const Field& x, const Field& y) {
        int c = compare_names(x.name, y.name, strings);
        if (c) return c < 0;
        return strings.get(x.unit) < strings.get(y.unit);
    });
    return out;
}

std::string format_attribute(const Field& a, const StringPool& strings) {
    std::string out = format_field(a, strings);
    out += strings.get(a.unit);
    return out;
}

std::string format_attributes(const std::vector<Field>& as, const StringPool& strings) {
    std::string out;
    for (const Field& a : as) {
        if (!out.empty()) out += ' ';
        out += format_attribute(a, strings);
    }
    return out;
}

int compare_values(const FieldValue& a, const FieldValue& b, const StringPool& strings) {
    // Numbers before text; numbers by value whatever their signedness.
    if (numeric(a) != numeric(b)) return numeric(a) ? -1 : 1;
    if (numeric(a)) {
        bool na = a.kind == FieldValue::Kind::I64 && a.i < 0;
        bool nb = b.kind == FieldValue::Kind::I64 && b.i < 0;
        if (na != nb) return na ? -1 : 1;
        if (na) return a.i < b.i ? -1 : a.i > b.i;
        uint64_t x = a.kind == FieldValue::Kind::I64 ? static_cast<uint64_t>(a.i) : a.u;
        uint64_t y = b.kind == FieldValue::Kind::I64 ? static_cast<uint64_t>(b.i) : b.u;
        return x < y ? -1 : x > y;
    }
    int c = strings.get(a.text).compare(strings.get(b.text));
    return c < 0 ? -1 : c > 0;
}

int compare_attributes(const std::vector<Field>& a, const std::vector<Field>& b, const StringPool& strings) {
    for (size_t i = 0; i < a.size() && i < b.size(); i++) {
        if (int c = compare_names(a[i].name, b[i].name, strings)) return c;
        if (int c = compare_values(a[i].value, b[i].value, strings)) return c;
        int u = strings.get(a[i].unit).compare(strings.get(b[i].unit));
        if (u) return u < 0 ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size();
}

}  // namespace model
