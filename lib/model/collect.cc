// Collection of the strings no row names any more (see intern.h): every
// table and the metadata mark what they use, the pool frees the rest.
// Retained (completed, not yet expired) rows are rows like any other, so
// their strings stay until they expire.
#include "model/model.h"

namespace model {

namespace {

void mark_fields(const std::vector<Field>& fields, StringPool& strings) {
    for (const Field& f : fields) {
        strings.mark(f.name);
        strings.mark(f.value.text);
        strings.mark(f.unit);
    }
}

}  // namespace

size_t Model::collect_strings() {
    strings_.clear_marks();
    for (size_t i = 0; i < tasks_.size(); i++) {
        const Task& t = tasks_.row(i);
        strings_.mark(t.name);
        strings_.mark(t.kind);
        strings_.mark(t.target);
        strings_.mark(t.location);
        mark_fields(t.fields, strings_);
    }
    for (size_t i = 0; i < resources_.size(); i++) {
        const Resource& r = resources_.row(i);
        strings_.mark(r.kind);
        strings_.mark(r.concrete_type);
        strings_.mark(r.target);
        strings_.mark(r.location);
        mark_fields(r.attributes, strings_);
    }
    for (size_t i = 0; i < async_ops_.size(); i++) {
        const AsyncOp& op = async_ops_.row(i);
        strings_.mark(op.source);
        mark_fields(op.attributes, strings_);
    }
    poll_ops_.mark_strings(strings_);
    metas_.mark_strings(strings_);
    size_t freed = strings_.sweep();
    // Text sorts by the strings' ranks, which a sweep may renumber.
    if (freed) bump();
    return freed;
}

}  // namespace model
