// Small text helpers.
#include "util/text.h"

#include <cstdio>

namespace util {

namespace {

char lower_char(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

void append_hex(std::string& out, const char* format, unsigned char c) {
    char buf[8];
    snprintf(buf, sizeof buf, format, c);
    out += buf;
}

// The TOML basic-string escape of `c`, or nullptr when it has none.
const char* toml_named(unsigned char c) {
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    default: return nullptr;
    }
}

}  // namespace

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = lower_char(c);
    return out;
}

std::string lower_first(std::string s) {
    if (!s.empty()) s[0] = lower_char(s[0]);
    return s;
}

std::string trim(std::string_view s, std::string_view set) {
    size_t b = s.find_first_not_of(set);
    if (b == std::string_view::npos) return "";
    return std::string(s.substr(b, s.find_last_not_of(set) - b + 1));
}

std::string escape_controls(std::string_view s, Escape style) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (style == Escape::TomlBasic) {
            if (const char* named = toml_named(c))
                out += named;
            else if (is_control(c))
                append_hex(out, "\\u%04x", c);
            else
                out += static_cast<char>(c);
        } else if (is_control(c) || (style == Escape::HexBackslash && c == '\\')) {
            if (style == Escape::Question)
                out += '?';
            else
                append_hex(out, "\\x%02x", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string format_bytes(uint64_t n) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(n);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        u++;
    }
    char buf[32];
    if (u == 0)
        snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
    else
        snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

void append_utf8(std::string& s, char32_t c) {
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xc0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        s += static_cast<char>(0xe0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        s += static_cast<char>(0x80 | (c & 0x3f));
    } else {
        s += static_cast<char>(0xf0 | (c >> 18));
        s += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        s += static_cast<char>(0x80 | (c & 0x3f));
    }
}

}  // namespace util
