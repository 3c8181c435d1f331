// The filter line, parsed and compiled in one pass.  Grammar:
//
//   filter := group (SPACE group)*        all must hold
//   group  := term ('|' term)*            any may hold
//   term   := '!'* (QUOTED | KEY OP values | WORD)
//   values := value ('|' value)*          no spaces: alternatives of one key
//   OP     := ':' | '=' | '!=' | '~' | '<' | '<=' | '>' | '>='
//
// `key:` is only a key when the key is known (so "main.rs:42" stays free
// text); the other operators after an unknown key name a field.
#include <cmath>
#include <charconv>
#include <cstring>

#include "model/filter.h"
#include "model/filter_regex.h"
#include "model/lints.h"
#include "model/task.h"
#include "util/duration.h"

namespace model {

namespace {

enum class Op : uint8_t { Has, Eq, Ne, Match, Lt, Le, Gt, Ge };

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
}

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The operator at s[j], and its length (0: none).
size_t op_at(std::string_view s, size_t j, Op& op) {
    if (j >= s.size()) return 0;
    char c = s[j], d = j + 1 < s.size() ? s[j + 1] : 0;
    switch (c) {
    case ':': op = Op::Has; return 1;
    case '=': op = Op::Eq; return 1;
    case '~': op = Op::Match; return 1;
    case '!': op = Op::Ne; return d == '=' ? 2 : 0;
    case '<': op = d == '=' ? Op::Le : Op::Lt; return d == '=' ? 2 : 1;
    case '>': op = d == '=' ? Op::Ge : Op::Gt; return d == '=' ? 2 : 1;
    }
    return 0;
}

struct Unit {
    const char* name;
    double scale;
};
// A count's units; its M is a million, where a duration's is a month.
const Unit kCountUnits[] = {{"", 1}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}};

}  // namespace

struct FilterParser {
    std::string_view s;
    FilterTable table;
    const FilterKeys& keys;
    size_t i = 0;
    std::optional<FilterError> err;

    bool fail(size_t pos, std::string msg) {
        if (!err) err = FilterError{pos, std::move(msg)};
        return false;
    }
    bool word_end() const { return i >= s.size() || space(s[i]) || s[i] == '|'; }

    // A quoted string at s[i] == '"'; backslash escapes the next byte.
    bool quoted(std::string& out) {
        size_t start = i++;
        while (i < s.size() && s[i] != '"') {
            if (s[i] == '\\' && i + 1 < s.size()) i++;
            out += s[i++];
        }
        if (i >= s.size()) return fail(start, "unterminated quote");
        i++;
        if (!word_end()) return fail(i, "expected a space after the closing quote");
        return true;
    }
    // One value: quoted, or up to a space (or '|' unless `bars`).
    bool value(std::string& out, bool bars) {
        if (i < s.size() && s[i] == '"') return quoted(out);
        while (i < s.size() && !space(s[i]) && (bars || s[i] != '|')) out += s[i++];
        return true;
    }
    // Whether the text at j starts a term of its own ("busy>1s"), not
    // another value of the key before it.
    bool starts_term(size_t j) const {
        if (j < s.size() && s[j] == '!') return true;
        size_t k = j;
        while (k < s.size() && key_char(s[k])) k++;
        Op op;
        size_t n = op_at(s, k, op);
        if (k == j || !n) return false;
        return op != Op::Has || keys.find(s.substr(j, k - j));
    }

    bool number(std::string_view v, KeyType type, std::string_view key, size_t pos, int64_t& out);
    bool add_value(FilterTerm& t, const FilterKeyInfo* k, std::string_view key, Op op, const std::string& v,
                   size_t pos);
    bool keyed(FilterTerm& t, std::string_view key, Op op, size_t start);
    bool term(FilterTerm& t);
    void parse(Filter& f);
};

bool FilterParser::number(std::string_view v, KeyType type, std::string_view key, size_t pos, int64_t& out) {
    if (type == KeyType::Duration) {
        // The grammar the tables print in (util/duration.h), so that a
        // value copied from the screen reads back.
        uint64_t ns;
        std::string why;
        if (!util::parse_duration(v, ns, why)) return fail(pos, why);
        out = static_cast<int64_t>(ns);
        return true;
    }
    double d = 0;
    const char* end = v.data() + v.size();
    auto [p, ec] = std::from_chars(v.data(), end, d);
    if (ec != std::errc() || !std::isfinite(d) || v.empty() ||
        !(v[0] == '-' || v[0] == '.' || (v[0] >= '0' && v[0] <= '9')))
        return fail(pos, "'" + std::string(key) + "' needs a number, not '" + std::string(v) + "'");
    std::string_view unit(p, static_cast<size_t>(end - p));
    double scale = 0;
    for (const Unit& u : kCountUnits)
        if (unit == u.name) scale = u.scale;
    if (!scale) return fail(pos, "unknown unit '" + std::string(unit) + "' (k, M, G or none)");
    double x = std::round(d * scale);
    out = x >= 9.2e18 ? INT64_MAX : x <= -9.2e18 ? INT64_MIN : static_cast<int64_t>(x);
    return true;
}

bool FilterParser::add_value(FilterTerm& t, const FilterKeyInfo* k, std::string_view key, Op op, const std::string& v,
                             size_t pos) {
    if (v.empty()) return fail(pos, "'" + std::string(key) + "' needs a value");
    if (t.kind == TermKind::State) {
        const char* names[] = {"running", "scheduled", "idle", "done"};
        bool tasks = table == FilterTable::Tasks;
        std::string lv = lowered(v);
        for (int b = 0; b < 4; b++)
            if (lv == names[b] && (tasks || b == 3)) t.mask |= 1u << b;
        if (!tasks && (lv == "live" || lv == "dropped")) t.mask |= lv == "live" ? 1u : 8u;
        if (!t.mask)
            return fail(pos, "unknown state '" + v + "' (" +
                                 (tasks ? "running, idle, scheduled or done" : "live or done") + ")");
        return true;
    }
    if (t.kind == TermKind::Warn) {
        Lint l;
        if (lowered(v) == "any")
            t.mask |= (1u << kLintCount) - 1;
        else if (lint_from_name(lowered(v), l))
            t.mask |= 1u << static_cast<int>(l);
        else
            return fail(pos, "unknown lint '" + v + "' (any, lost-waker, self-wakes, ...)");
        return true;
    }
    if (t.kind == TermKind::Number || t.kind == TermKind::FieldNumber) {
        int64_t n;
        if (!number(v, k ? k->type : KeyType::Count, key, pos, n)) return false;
        t.numbers.push_back(n);
        return true;
    }
    if (op == Op::Match) {
        std::string why;
        auto re = compile_filter_regex(v, why);
        if (!re) return fail(pos, "bad regex '" + v + "': " + lowered(why));
        t.regexes.push_back(std::move(re));
        return true;
    }
    t.texts.push_back(lowered(v));
    return true;
}

// The term after `key` and its operator; i is at the first value.
bool FilterParser::keyed(FilterTerm& t, std::string_view key, Op op, size_t start) {
    const FilterKeyInfo* k = keys.find(key);
    if (k && !key_in(*k, table))
        return fail(start, "'" + std::string(key) + "' is not a column of " + filter_table_name(table));
    bool numeric = op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
    if (!k) {
        t.kind = numeric ? TermKind::FieldNumber : TermKind::Field;
        t.field = lowered(key);
    } else if (k->type == KeyType::State || k->type == KeyType::Warn) {
        if (op != Op::Has && op != Op::Eq && op != Op::Ne)
            return fail(start, "'" + std::string(key) + "' takes ':', '=' or '!='");
        t.kind = k->type == KeyType::State ? TermKind::State : TermKind::Warn;
    } else if (k->type == KeyType::Text) {
        if (numeric) return fail(start, "'" + std::string(key) + "' is text: use ':', '=', '!=' or '~'");
        t.kind = k->key == FilterKey::Fields ? TermKind::AnyField : TermKind::Column;
        t.key = k->key;
    } else {
        if (op == Op::Match) return fail(start, "'" + std::string(key) + "' is a number: use <, <=, >, >= or =");
        t.kind = TermKind::Number;
        t.key = k->key;
        numeric = true;
    }
    if (op == Op::Ne) t.negate = !t.negate;
    switch (op) {
    case Op::Has: t.op = numeric ? TermOp::Eq : TermOp::Contains; break;
    case Op::Eq:
    case Op::Ne: t.op = numeric ? TermOp::Eq : TermOp::Equals; break;
    case Op::Match: t.op = TermOp::Regex; break;
    case Op::Lt: t.op = TermOp::Lt; break;
    case Op::Le: t.op = TermOp::Le; break;
    case Op::Gt: t.op = TermOp::Gt; break;
    case Op::Ge: t.op = TermOp::Ge; break;
    }
    // Alternatives ("state:idle|running") for the operators where "any
    // of" makes sense; a regex has its own '|'.
    bool alternatives = op == Op::Has || op == Op::Eq || op == Op::Ne;
    for (;;) {
        std::string v;
        size_t pos = i;
        if (!value(v, op == Op::Match) || !add_value(t, k, key, op, v, pos)) return false;
        if (!alternatives || i + 1 >= s.size() || s[i] != '|' || space(s[i + 1]) || s[i + 1] == '|' ||
            starts_term(i + 1))
            return true;
        i++;
    }
}

bool FilterParser::term(FilterTerm& t) {
    size_t start = i;
    while (i < s.size() && s[i] == '!') {
        t.negate = !t.negate;
        i++;
    }
    if (word_end()) return fail(start, "'!' needs a term after it");
    std::string text;
    if (s[i] == '"') {
        if (!quoted(text)) return false;
    } else {
        size_t key_end = i;
        while (key_end < s.size() && key_char(s[key_end])) key_end++;
        Op op;
        size_t n = op_at(s, key_end, op);
        std::string_view key = s.substr(i, key_end - i);
        // "word::" starts a Rust path (app::net), free text, not a key.
        bool path = op == Op::Has && key_end + 1 < s.size() && s[key_end + 1] == ':';
        if (key_end > i && n && !path && (op != Op::Has || keys.find(key))) {
            i = key_end + n;
            return keyed(t, key, op, start);
        }
        value(text, false);
    }
    t.kind = TermKind::Text;
    t.op = TermOp::Contains;
    t.texts.push_back(lowered(text));
    return true;
}

void FilterParser::parse(Filter& f) {
    for (;;) {
        while (i < s.size() && space(s[i])) i++;
        if (i >= s.size()) return;
        if (s[i] == '|') {
            fail(i, "'|' needs a term before it");
            return;
        }
        std::vector<FilterTerm> group;
        for (;;) {
            FilterTerm t;
            if (!term(t)) return;
            group.push_back(std::move(t));
            size_t after = i;
            while (i < s.size() && space(s[i])) i++;
            if (i >= s.size() || s[i] != '|') {
                i = after;
                break;
            }
            size_t bar = i++;
            while (i < s.size() && space(s[i])) i++;
            if (i >= s.size() || s[i] == '|') {
                fail(bar, "'|' needs a term after it");
                return;
            }
        }
        f.groups_.push_back(std::move(group));
    }
}

ParsedFilter parse_filter(std::string_view text, FilterTable table, const FilterKeys& keys) {
    ParsedFilter out;
    FilterParser p{text, table, keys, 0, std::nullopt};
    p.parse(out.filter);
    if (p.err) {
        out.error = std::move(p.err);
        out.filter = Filter();
    }
    out.filter.text_ = std::string(text);
    out.filter.table_ = table;
    return out;
}

TypedFilter parse_typed_filter(std::string_view text, FilterTable table, const FilterKeys& keys) {
    TypedFilter out;
    out.search = !text.empty() && text[0] == '?';
    if (out.search) text.remove_prefix(1);
    static_cast<ParsedFilter&>(out) = parse_filter(text, table, keys);
    if (out.error && out.search) out.error->pos++;  // counted in the text as typed
    return out;
}

std::string format_filter_error(const FilterError& e) {
    return "at " + std::to_string(e.pos + 1) + ": " + e.message;
}

}  // namespace model
