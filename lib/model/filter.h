// The filter language of the lists: a line like
//
//     worker !state:done busy>10ms warn:lost-waker|self-wakes
//
// compiled once and run over the task, resource or async-op rows.  Terms
// separated by spaces must all hold; `a | b` holds when either does; `!`
// negates a term.  Free text matches the text columns and field values,
// case-insensitively; `key:text` is a substring of a column, `key=text`
// the whole of it, `key~regex` a POSIX extended regex; `key>N` (and <, >=,
// <=, =) compares a numeric column, durations as util/duration.h reads
// them (10ms, 1.5s, 1m05s);
// an unknown key names a field.  See filter_term.h for the parts.
//
// A filter that does not parse is an error value with the byte offset of
// the bad part, for the filter line to show; nothing throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/async_op_table.h"
#include "model/filter_term.h"
#include "model/intern.h"
#include "model/lints.h"
#include "model/resource_table.h"
#include "model/task_table.h"

namespace model {

struct FilterError {
    size_t pos = 0;  // byte offset into the filter text
    std::string message;
};

class Filter {
public:
    // An empty filter keeps every row.
    bool empty() const { return groups_.empty(); }
    const std::string& text() const { return text_; }
    FilterTable table() const { return table_; }
    // Terms ANDed; within one, alternatives ORed.
    const std::vector<std::vector<FilterTerm>>& groups() const { return groups_; }

private:
    friend struct FilterParser;
    friend struct ParsedFilter parse_filter(std::string_view text, FilterTable table, const FilterKeys& keys);
    std::string text_;
    FilterTable table_ = FilterTable::Tasks;
    std::vector<std::vector<FilterTerm>> groups_;
};

struct ParsedFilter {
    Filter filter;  // empty when there is an error
    std::optional<FilterError> error;
};
// `keys`: the names the filter may use (view::filter_keys()).
ParsedFilter parse_filter(std::string_view text, FilterTable table, const FilterKeys& keys);
// A filter as the user types it, on the filter line, --filter or
// console.toml: a leading '?' makes it a search (every row stays, the
// matches are marked); an error's position counts the '?'.
struct TypedFilter : ParsedFilter {
    bool search = false;
};
TypedFilter parse_typed_filter(std::string_view text, FilterTable table, const FilterKeys& keys);

// Whether what the filter keeps can change with the clock alone: a term
// on a duration (total, busy, sched, idle), which grows while a task or
// resource lives.
bool filter_reads_clock(const Filter& f);

// "at 7: unknown state 'idel'": the error as one line.
std::string format_filter_error(const FilterError& e);

// The rows the filter keeps, ascending.  Times are at server time `now`.
// `app` is the name of the application the rows came from when several
// are watched: the `app` key and free text match it; empty: one
// application, and `app:` terms match nothing.
std::vector<uint32_t> filter_tasks(const Filter& f, const TaskTable& tasks, const StringPool& strings, Nanos now,
                                   std::string_view app = {});
std::vector<uint32_t> filter_resources(const Filter& f, const ResourceTable& resources, const StringPool& strings,
                                       Nanos now, std::string_view app = {});
// A warning: the lint `lint` on the task of row `task_row`.
inline uint32_t warning_row(uint32_t task_row, int lint) {
    return task_row * 8 + static_cast<uint32_t>(lint);
}
inline uint32_t warning_task(uint32_t warning) {
    return warning / 8;
}
inline int warning_lint(uint32_t warning) {
    return static_cast<int>(warning % 8);
}
// Among `rows` (warning_row()s), the warnings kept, in the order given: a
// task's keys read its task, `lint` and `message` the warning's own.
std::vector<uint32_t> filter_warnings(const Filter& f, const TaskTable& tasks, const StringPool& strings, Nanos now,
                                      const LintConfig& lints, const std::vector<uint32_t>& rows,
                                      std::string_view app = {});
// Among `rows` (e.g. AsyncOpTable::rows_of()), the ops kept, ascending.
std::vector<uint32_t> filter_async_ops(const Filter& f, const AsyncOpTable& ops, const TaskTable& tasks,
                                       const StringPool& strings, Nanos now, const std::vector<uint32_t>& rows,
                                       std::string_view app = {});

}  // namespace model
