#include "model/field.h"

namespace model {

namespace pb = rs::tokio::console::common;

std::optional<Field> field_from_proto(const pb::Field& f, const Metadata* meta, const MetadataRegistry& metas,
                                      StringPool& strings) {
    Field out;
    switch (f.name_case()) {
    case pb::Field::kStrName: out.name = strings.intern(f.str_name()); break;
    case pb::Field::kNameIdx: {
        const Metadata* m = f.has_metadata_id() ? metas.find(f.metadata_id().id()) : meta;
        uint64_t idx = f.name_idx();
        if (m && idx < m->field_names.size())
            out.name = m->field_names[idx];
        else
            out.name = strings.intern("<field " + std::to_string(idx) + ">");
        break;
    }
    default: return std::nullopt;
    }
    switch (f.value_case()) {
    case pb::Field::kDebugVal:
        if (f.debug_val().empty()) return std::nullopt;
        out.value.kind = FieldValue::Kind::Debug;
        out.value.text = strings.intern(f.debug_val());
        break;
    case pb::Field::kStrVal:
        if (f.str_val().empty()) return std::nullopt;
        out.value.kind = FieldValue::Kind::Str;
        out.value.text = strings.intern(f.str_val());
        break;
    case pb::Field::kU64Val:
        out.value.kind = FieldValue::Kind::U64;
        out.value.u = f.u64_val();
        break;
    case pb::Field::kI64Val:
        out.value.kind = FieldValue::Kind::I64;
        out.value.i = f.i64_val();
        break;
    case pb::Field::kBoolVal:
        out.value.kind = FieldValue::Kind::Bool;
        out.value.u = f.bool_val();
        break;
    default: return std::nullopt;
    }
    // Spawn locations in the Cargo registry are shortened like locations.
    if (strings.get(out.name) == "spawn.location" &&
        (out.value.kind == FieldValue::Kind::Str || out.value.kind == FieldValue::Kind::Debug)) {
        out.value.kind = FieldValue::Kind::Debug;
        out.value.text = strings.intern(shorten_registry_path(std::string(strings.get(out.value.text))));
    }
    return out;
}

std::string format_value(const FieldValue& v, const StringPool& strings) {
    switch (v.kind) {
    case FieldValue::Kind::Debug:
    case FieldValue::Kind::Str: return std::string(strings.get(v.text));
    case FieldValue::Kind::U64: return std::to_string(v.u);
    case FieldValue::Kind::I64: return std::to_string(v.i);
    case FieldValue::Kind::Bool: return v.u ? "true" : "false";
    }
    return {};
}

std::string format_field(const Field& f, const StringPool& strings) {
    std::string out(strings.get(f.name));
    out += '=';
    out += format_value(f.value, strings);
    return out;
}

}  // namespace model
