// console.toml's TOML, read with toml++ and handed on as a small tree of
// our own: the keys in file order, each with its full dotted path and its
// line, so that the reader of settings can name the line of any error and
// report the first one in the file.  Only this file's .cc includes
// toml++.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace config {

struct TomlValue {
    enum class Kind { String, Integer, Float, Boolean, Array, Table, Datetime } kind = Kind::String;
    std::string text;                                        // String
    int64_t integer = 0;                                     // Integer
    bool boolean = false;                                    // Boolean
    std::vector<TomlValue> items;                            // Array
    std::vector<std::pair<std::string, TomlValue>> entries;  // Table (inline)

    const char* kind_name() const;

    // Out of line: `entries` holds the type while it is still incomplete.
    TomlValue();
    TomlValue(const TomlValue&);
    TomlValue(TomlValue&&) noexcept;
    TomlValue& operator=(const TomlValue&);
    TomlValue& operator=(TomlValue&&) noexcept;
    ~TomlValue();
};

struct TomlEntry {
    std::string key;  // the full dotted path: "colors.enable.durations"
    TomlValue value;
    int line = 0;
};

struct TomlTable {
    std::string name;  // "colors.enable", from a [header] or a dotted key
    int line = 0;
};

struct TomlDocument {
    std::vector<TomlTable> tables;   // in file order
    std::vector<TomlEntry> entries;  // in file order
};

// The most '.' characters one line may hold.  toml++ bounds nested
// arrays and inline tables itself (TOML_MAX_NESTED_VALUES, 256) but not
// dotted keys and headers ("a.a.a...", one table per part), which it
// builds and frees recursively; our deepest key has three parts.
constexpr size_t kMaxDotsPerLine = 256;

// Parses `text`.  On failure returns false with `line` (0 when unknown)
// and a one-line `error`; `out` is then left untouched.
bool parse_toml(const std::string& text, TomlDocument& out, int& line, std::string& error);

// Writes a TOML basic string, quotes included.
std::string toml_quote(const std::string& s);

}  // namespace config
