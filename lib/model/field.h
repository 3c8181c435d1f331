// A key/value field of a span (task, resource, async op), its name
// resolved through the metadata registry and its value kept in kind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common.pb.h"
#include "model/intern.h"
#include "model/metadata.h"

namespace model {

struct FieldValue {
    enum class Kind : uint8_t { Debug, Str, U64, I64, Bool };
    Kind kind = Kind::Debug;
    StrId text = 0;  // Debug, Str
    uint64_t u = 0;  // U64, Bool
    int64_t i = 0;   // I64
};

struct Field {
    StrId name = 0;
    FieldValue value;
    StrId unit = 0;  // attributes only
};

// Resolves one wire field.  Names given by index resolve through the
// metadata the field names (or `meta`); an unknown index or metadata is
// kept, named "<field N>", rather than dropped.  Empty string values give
// nullopt, as upstream skips them.
std::optional<Field> field_from_proto(const rs::tokio::console::common::Field& pb, const Metadata* meta,
                                      const MetadataRegistry& metas, StringPool& strings);

// "value" and "name=value" as the console shows them.
std::string format_value(const FieldValue& v, const StringPool& strings);
std::string format_field(const Field& f, const StringPool& strings);

}  // namespace model
