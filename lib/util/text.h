// Small text helpers that several layers need: ASCII case folding,
// trimming, control-character escaping and byte sizes for people.  ASCII
// only on purpose: these work on protocol words, option values and
// messages, never on text shown as the user's language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace util {

// "HTTP" -> "http"; bytes outside A-Z are kept.
std::string ascii_lower(std::string_view s);
// strerror() and library messages start with a capital; ours do not.
std::string lower_first(std::string s);

// `s` without the leading and trailing characters found in `set`.
std::string trim(std::string_view s, std::string_view set = " \t");

// How control characters (below 0x20, and 0x7f) are written out.
enum class Escape {
    Hex,           // "\x1b": log records, one per line
    HexBackslash,  // as Hex, and '\' as "\x5c" too, so the output reads back
    Question,      // '?': short one-line messages from a peer
    TomlBasic,     // a TOML basic string body: \" \\ \n \t \r, others \u001b
};
std::string escape_controls(std::string_view s, Escape style);

// Appends code point `c` to `s`, encoded as UTF-8.
void append_utf8(std::string& s, char32_t c);

// "512 bytes", "1.5 KiB", "3.0 GiB": one decimal above a kibibyte.
std::string format_bytes(uint64_t n);

}  // namespace util
