// console.toml through toml++, turned into file-ordered entries.
#include "config/toml.h"

#include <algorithm>
#include <toml++/toml.h>

#include "util/text.h"

namespace config {

namespace {

using Kind = TomlValue::Kind;

// Where a node starts, for sorting into file order.
struct Place {
    int line = 0;
    int column = 0;
    bool operator<(const Place& o) const { return line != o.line ? line < o.line : column < o.column; }
};

Place place_of(const toml::node& n) {
    return {static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column)};
}

TomlValue convert(const toml::node& n) {
    TomlValue v;
    if (auto s = n.as_string()) {
        v.text = s->get();
    } else if (auto i = n.as_integer()) {
        v.kind = Kind::Integer;
        v.integer = i->get();
    } else if (n.is_floating_point()) {
        v.kind = Kind::Float;
    } else if (auto b = n.as_boolean()) {
        v.kind = Kind::Boolean;
        v.boolean = b->get();
    } else if (auto a = n.as_array()) {
        v.kind = Kind::Array;
        for (const auto& item : *a) v.items.push_back(convert(item));
    } else if (auto t = n.as_table()) {
        v.kind = Kind::Table;
        for (const auto& [k, sub] : *t) v.entries.emplace_back(std::string(k.str()), convert(sub));
    } else {
        v.kind = Kind::Datetime;
    }
    return v;
}

struct Flattener {
    std::vector<std::pair<Place, TomlTable>> tables;
    std::vector<std::pair<Place, TomlEntry>> entries;

    // Tables from headers and dotted keys become names; their keys are
    // spread under the full path.  Inline tables stay values, as a key's
    // value can be one (upstream's allow_warnings = { Explicit = [...] }).
    // Nesting is bounded by kMaxDotsPerLine and TOML_MAX_NESTED_VALUES.
    void walk(const toml::table& t, const std::string& prefix) {
        for (const auto& [k, node] : t) {
            std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
            auto sub = node.as_table();
            if (sub && !sub->is_inline()) {
                Place p = place_of(node);
                tables.push_back({p, TomlTable{path, p.line}});
                walk(*sub, path);
                continue;
            }
            Place p = place_of(node);
            entries.push_back({p, TomlEntry{path, convert(node), p.line}});
        }
    }
};

// The first line with more than kMaxDotsPerLine dots, or 0.
int too_dotted_line(const std::string& text) {
    int line = 1;
    size_t dots = 0;
    for (char c : text) {
        if (c == '\n') {
            line++;
            dots = 0;
        } else if (c == '.' && ++dots > kMaxDotsPerLine) {
            return line;
        }
    }
    return 0;
}

template <typename T>
std::vector<T> in_file_order(std::vector<std::pair<Place, T>>& v) {
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<T> out;
    for (auto& [p, x] : v) out.push_back(std::move(x));
    return out;
}

}  // namespace

TomlValue::TomlValue() = default;
TomlValue::TomlValue(const TomlValue&) = default;
TomlValue::TomlValue(TomlValue&&) noexcept = default;
TomlValue& TomlValue::operator=(const TomlValue&) = default;
TomlValue& TomlValue::operator=(TomlValue&&) noexcept = default;
TomlValue::~TomlValue() = default;

const char* TomlValue::kind_name() const {
    switch (kind) {
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Float: return "a float";
    case Kind::Boolean: return "a boolean";
    case Kind::Array: return "an array";
    case Kind::Table: return "a table";
    case Kind::Datetime: return "a date";
    }
    return "a value";
}

bool parse_toml(const std::string& text, TomlDocument& out, int& line, std::string& error) {
    if (int l = too_dotted_line(text)) {
        line = l;
        error = "more than " + std::to_string(kMaxDotsPerLine) + " '.' in one line: keys nest too deep";
        return false;
    }
    toml::table root;
    try {
        root = toml::parse(std::string_view(text));
    } catch (const toml::parse_error& e) {
        line = static_cast<int>(e.source().begin.line);
        error = util::lower_first(std::string(e.description()));
        return false;
    }
    Flattener f;
    f.walk(root, "");
    out.tables = in_file_order(f.tables);
    out.entries = in_file_order(f.entries);
    return true;
}

std::string toml_quote(const std::string& s) {
    return "\"" + util::escape_controls(s, util::Escape::TomlBasic) + "\"";
}

}  // namespace config
