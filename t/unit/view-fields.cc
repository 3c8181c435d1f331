// The fields tables (lib/view): each name spelled once and in one
// convention, the columns numbered as the model's sort columns and the
// lists' cells, and the other spellings found.
#include <set>
#include <string>

#include "model/async_op.h"
#include "model/resource.h"
#include "model/task_order.h"
#include "t/unit/tap.h"
#include "util/text.h"
#include "view/fields.h"
#include "view/filter_keys.h"

namespace {

void check_table(const char* what, std::span<const view::Field> fields, size_t columns) {
    std::set<std::string> names;
    bool spelled = true;
    for (const view::Field& f : fields) {
        names.insert(f.name);
        for (const char* p = f.name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_')) spelled = false;
        if (view::find_field(fields, f.name) != &f) spelled = false;
    }
    std::string w(what);
    tap::check_eq(names.size(), fields.size(), w + ": each name once");
    tap::check(spelled, w + ": names are lower case words joined by '_', each found as itself");
    std::vector<const view::Field*> cols = view::columns(fields);
    tap::check_eq(cols.size(), columns, w + ": as many columns as the model sorts by");
    bool whole = true;
    for (size_t i = 0; i < cols.size(); i++)
        if (!cols[i] || cols[i]->column != static_cast<int>(i) || !cols[i]->title) whole = false;
    tap::check(whole, w + ": the columns are numbered 0.. without a gap, each with a title");
}

}  // namespace

// The filter's keys are the tables' spellings, and the tables agree on
// what each spelling means.
void check_filter_keys() {
    const model::FilterKeys& keys = view::filter_keys();
    tap::check(view::filter_key_clashes().empty(), "no spelling means two things in two tables");
    struct Case {
        const char* name;
        model::FilterKey key;
        model::FilterTable table;
    };
    using model::FilterKey;
    using model::FilterTable;
    const Case cases[] = {
        {"self_wakes", FilterKey::SelfWakes, FilterTable::Tasks},  {"self-wakes", FilterKey::SelfWakes, FilterTable::Tasks},
        {"loc", FilterKey::Location, FilterTable::Resources},      {"scheduled", FilterKey::Sched, FilterTable::Tasks},
        {"size", FilterKey::Size, FilterTable::Tasks},             {"visibility", FilterKey::Vis, FilterTable::Resources},
        {"attrs", FilterKey::Fields, FilterTable::AsyncOps},       {"dropped", FilterKey::State, FilterTable::Resources},
        {"state", FilterKey::State, FilterTable::AsyncOps},        {"lint", FilterKey::Warn, FilterTable::Tasks},
        {"warns", FilterKey::Warns, FilterTable::Tasks},           {"task_name", FilterKey::TaskName, FilterTable::AsyncOps},
        {"TOTAL_NS", FilterKey::Total, FilterTable::AsyncOps},
    };
    for (const Case& c : cases) {
        const model::FilterKeyInfo* k = keys.find(c.name);
        tap::check(k && k->key == c.key && model::key_in(*k, c.table),
                   std::string("filter key '") + c.name + "' as the tables spell it, in " + filter_table_name(c.table));
    }
    const model::FilterKeyInfo* message = keys.find("message");
    tap::check(message && model::key_in(*message, FilterTable::Warnings) && !model::key_in(*message, FilterTable::Tasks),
               "a warning's message is a key of the warnings only");
    const model::FilterKeyInfo* task = keys.find("task");
    tap::check(task && !model::key_in(*task, FilterTable::Tasks), "a key is in the lists whose tables have it only");
}

int main() {
    check_table("tasks", view::task_fields(), model::kTaskColumnCount);
    check_table("resources", view::resource_fields(), model::kResourceColumnCount);
    check_table("async ops", view::async_op_fields(), model::kAsyncOpColumnCount);
    check_table("warnings", view::warning_fields(), 5);

    auto tasks = view::task_fields();
    tap::check_eq(std::string(view::find_field(tasks, "self-wakes")->name), std::string("self_wakes"),
                  "the filter's older spelling is an alias");
    tap::check_eq(std::string(view::find_field(tasks, "Total")->name), std::string("total_ns"),
                  "a column's title, any case, names its field");
    tap::check_eq(std::string(view::find_field(tasks, "SIZE")->name), std::string("size_bytes"), "aliases, any case");
    tap::check(view::find_field(tasks, "self") == nullptr, "an alias is matched whole");
    tap::check(view::find_field(tasks, "") == nullptr, "nothing names no field");
    tap::check_eq(std::string(view::find_field(view::resource_fields(), "vis")->name), std::string("visibility"),
                  "a resource's column title names its field");
    for (int c = 0; c < model::kTaskColumnCount; c++)
        tap::check_eq(util::ascii_lower(model::task_column_name(static_cast<model::TaskColumn>(c))),
                      util::ascii_lower(view::columns(tasks)[c]->title),
                      "task column " + std::to_string(c) + " is the model's sort column of that title");
    check_filter_keys();
    return tap::done();
}
