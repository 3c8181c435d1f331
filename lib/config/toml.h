// A reader for the TOML that console.toml files use, built on inih.  The
// text is first cut into statements: comments dropped, values (strings
// with escapes, integers, floats, booleans, arrays across lines, inline
// tables) parsed and set aside; inih then walks `[table]` headers and
// `key = value` lines and hands each key, with its table, to us.  What
// TOML allows beyond that (multi-line strings, arrays of tables, dates)
// is reported as unsupported, with its line.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace config {

struct TomlValue {
    enum class Kind { String, Integer, Float, Boolean, Array, Table, Datetime } kind = Kind::String;
    std::string text;      // String; the raw text of Float and Datetime
    int64_t integer = 0;   // Integer
    bool boolean = false;  // Boolean
    std::vector<TomlValue> items;                             // Array
    std::vector<std::pair<std::string, TomlValue>> entries;   // Table (inline)

    const char* kind_name() const;
};

struct TomlEntry {
    std::string key;  // the full dotted path: "colors.enable.durations"
    TomlValue value;
    int line = 0;
};

struct TomlTable {
    std::string name;  // "colors.enable"
    int line = 0;
};

struct TomlDocument {
    std::vector<TomlTable> tables;   // headers in file order
    std::vector<TomlEntry> entries;  // keys in file order
};

// Parses `text`.  On failure returns false with `line` and a one-line
// `error`; `out` is then left untouched.
bool parse_toml(const std::string& text, TomlDocument& out, int& line, std::string& error);

// Writes a TOML basic string, quotes included.
std::string toml_quote(const std::string& s);

}  // namespace config
