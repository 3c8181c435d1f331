// fields: prints the fields tables (lib/view), one field a line:
//
//   ENTITY NAME TYPE
//
// ENTITY is dump's --view (tasks, ...), NAME the field's one spelling
// (its JSON/CSV key, --sort name and filter key) and TYPE what a filter
// on it compares (text, count, duration, state, warn; none: no filter
// key yet).  Tests loop over
// it, so that every field of every table is checked.  Exits 1 (saying
// why on standard error) when a field's name is not the filter key the
// table says it is.
#include <cstdio>

#include "view/fields.h"
#include "view/filter_keys.h"

namespace {

const char* type_name(model::KeyType t) {
    switch (t) {
    case model::KeyType::Text: return "text";
    case model::KeyType::Count: return "count";
    case model::KeyType::Duration: return "duration";
    case model::KeyType::State: return "state";
    case model::KeyType::Warn: return "warn";
    }
    return "?";
}

bool print(const char* entity, model::FilterTable table, std::span<const view::Field> fields) {
    bool ok = true;
    for (const view::Field& f : fields) {
        // `app` is only there with several applications (t7005 tests it).
        if (f.several_only) continue;
        std::printf("%s %s %s\n", entity, f.name, f.filterable ? type_name(f.type) : "none");
        if (!f.filterable) continue;
        const model::FilterKeyInfo* k = view::filter_keys().find(f.name);
        if (!k || k->key != f.filter || k->type != f.type || !model::key_in(*k, table)) {
            std::fprintf(stderr, "fields: %s: '%s' is not the filter key the table says\n", entity, f.name);
            ok = false;
        }
    }
    return ok;
}

}  // namespace

int main() {
    bool ok = print("tasks", model::FilterTable::Tasks, view::task_fields());
    ok = print("resources", model::FilterTable::Resources, view::resource_fields()) && ok;
    ok = print("async-ops", model::FilterTable::AsyncOps, view::async_op_fields()) && ok;
    // A warning has its task's keys, and its own lint and message.
    ok = print("warnings", model::FilterTable::Warnings, view::warning_fields()) && ok;
    return ok ? 0 : 1;
}
