// The parts of a compiled filter (see filter.h): the keys a term can name,
// and one term as the parser leaves it for the evaluator.  Plain data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace model {

// Which list a filter is for: each has its own columns.
// Warnings: a row per lint that fires on a task (warning_row()), which
// has the task's keys and its own message.
enum class FilterTable : uint8_t { Tasks, Resources, AsyncOps, Warnings };
const char* filter_table_name(FilterTable t);  // "tasks", "resources", "async ops", "warnings"

// The keys a term can name, across the three lists.
enum class FilterKey : uint8_t {
    Id,
    Name,
    Target,
    Location,
    Kind,
    Polls,
    Total,
    Busy,
    Sched,
    Idle,
    Warns,
    Wakes,
    Wakers,
    SelfWakes,
    Size,
    Parent,
    Type,
    Vis,
    Source,
    Task,
    Resource,
    Fields,
    State,
    Warn,
    TaskName,  // an async op's task's name
    App,       // the application the row came from, when several are watched
    Message,   // a warning's sentence
};
enum class KeyType : uint8_t { Text, Count, Duration, State, Warn };

struct FilterKeyInfo {
    std::string name;  // lower case
    FilterKey key;
    KeyType type;
    uint8_t tables;  // bit per FilterTable
};
inline constexpr uint8_t filter_table_bit(FilterTable t) {
    return static_cast<uint8_t>(1u << static_cast<int>(t));
}
// The names a filter can use, and what each means.  The model knows no
// names: the field tables (lib/view) make the one set, so that a field is
// spelled once, in its table.
class FilterKeys {
public:
    FilterKeys() = default;
    explicit FilterKeys(std::vector<FilterKeyInfo> keys) : keys_(std::move(keys)) {}
    // The key of this name (case-insensitive), or nullptr.
    const FilterKeyInfo* find(std::string_view name) const;
    const std::vector<FilterKeyInfo>& all() const { return keys_; }

private:
    std::vector<FilterKeyInfo> keys_;
};
inline bool key_in(const FilterKeyInfo& k, FilterTable t) {
    return k.tables & (1u << static_cast<int>(t));
}

// A compiled POSIX extended regex, freed with the last term that holds it.
struct FilterRegex;

enum class TermKind : uint8_t {
    Text,         // free text over the list's text columns and field values
    Column,       // a text column: name, target, ...
    Field,        // a field (or attribute) by name, its value as text
    AnyField,     // any field's name or value
    Number,       // a numeric column
    FieldNumber,  // a numeric field by name
    State,        // mask: bit per TaskState (tasks); bit 0 live, bit 3 done (others)
    Warn,         // mask: bit per Lint
};
enum class TermOp : uint8_t { Contains, Equals, Regex, Lt, Le, Gt, Ge, Eq };

struct FilterTerm {
    TermKind kind = TermKind::Text;
    TermOp op = TermOp::Contains;
    bool negate = false;
    FilterKey key = FilterKey::Id;  // Column, Number
    uint16_t mask = 0;              // State, Warn
    std::string field;              // Field, FieldNumber: the field's name
    // Any one of these matches: needles in lower case (Contains, Equals),
    // regexes (Regex), numbers (Number, FieldNumber; one unless Eq).
    std::vector<std::string> texts;
    std::vector<std::shared_ptr<const FilterRegex>> regexes;
    std::vector<int64_t> numbers;
};

// Whether `s` matches one of the term's texts or regexes.
bool term_text_match(const FilterTerm& t, std::string_view s);
// Whether `v` passes the term's comparison.
bool term_number_match(const FilterTerm& t, int64_t v);

}  // namespace model
