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
    return tap::done();
}
