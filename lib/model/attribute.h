// Attributes of resources and async ops: fields that may carry a unit, as
// in `duration=5000ms`.  A list is kept in the order upstream shows it
// (by name; task.name first, spawn.location last), and lists compare
// value by value, numbers as numbers, so `7ms` sorts before `1001ms`.
#pragma once

#include <string>
#include <vector>

#include "common.pb.h"
#include "model/field.h"

namespace model {

using AttributeList = google::protobuf::RepeatedPtrField<rs::tokio::console::common::Attribute>;

// Resolves and sorts; unresolvable or empty ones are skipped as fields are.
std::vector<Field> attributes_from_proto(const AttributeList& pb, const Metadata* meta, const MetadataRegistry& metas,
                                         StringPool& strings);

// "name=value" followed by the unit, if any.
std::string format_attribute(const Field& a, const StringPool& strings);
// All of them, separated by single spaces.
std::string format_attributes(const std::vector<Field>& as, const StringPool& strings);

// <0, 0, >0 as a sorts before, with, after b.
int compare_values(const FieldValue& a, const FieldValue& b, const StringPool& strings);
int compare_attributes(const std::vector<Field>& a, const std::vector<Field>& b, const StringPool& strings);

}  // namespace model
