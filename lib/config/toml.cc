// TOML statements cut out by hand, then walked by inih.
#include "config/toml.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ini.h>
#include <set>

namespace config {

namespace {

// An error found while cutting the text; carries its line.
struct ParseError {
    int line;
    std::string message;
};

bool is_bare(char c) { return isalnum((unsigned char)c) || c == '_' || c == '-'; }

// Cuts `text` into statements and parses the values.
class Cutter {
public:
    explicit Cutter(const std::string& text) : t_(text) {}

    // For inih: one line per statement, values replaced by "@index".
    std::vector<std::string> lines;
    std::vector<int> line_numbers;
    std::vector<TomlEntry> values;
    std::vector<TomlTable> tables;

    void run() {
        if (t_.compare(0, 3, "\xef\xbb\xbf") == 0) pos_ = 3;
        std::set<std::string> seen_tables;
        std::string table;
        while (pos_ < t_.size()) {
            skip_blank();
            if (pos_ >= t_.size()) break;
            char c = t_[pos_];
            if (c == '\n' || c == '\r') {
                newline();
                continue;
            }
            if (c == '#') {
                skip_comment();
                continue;
            }
            int start = line_;
            if (c == '[') {
                if (peek(1) == '[') throw ParseError{line_, "arrays of tables are not supported"};
                pos_++;
                skip_blank();
                table = key();
                skip_blank();
                expect(']', "expected ']' after the table name");
                end_of_statement();
                if (!seen_tables.insert(table).second)
                    throw ParseError{start, "table '" + table + "' is defined twice"};
                tables.push_back({table, start});
                lines.push_back("[" + safe(table) + "]");
                line_numbers.push_back(start);
                continue;
            }
            std::string k = key();
            skip_blank();
            expect('=', "expected '=' after key '" + k + "'");
            skip_blank();
            TomlValue v = value();
            end_of_statement();
            std::string full = table.empty() ? k : table + "." + k;
            if (!seen_keys_.insert(full).second)
                throw ParseError{start, "key '" + full + "' is defined twice"};
            lines.push_back(safe(k) + " = @" + std::to_string(values.size()));
            line_numbers.push_back(start);
            values.push_back({full, std::move(v), start});
        }
    }

private:
    const std::string& t_;
    size_t pos_ = 0;
    int line_ = 1;
    std::set<std::string> seen_keys_;

    char peek(size_t ahead = 0) const {
        return pos_ + ahead < t_.size() ? t_[pos_ + ahead] : '\0';
    }
    void skip_blank() {
        while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t')) pos_++;
    }
    void skip_comment() {
        while (pos_ < t_.size() && t_[pos_] != '\n') pos_++;
    }
    void newline() {
        if (t_[pos_] == '\r') {
            pos_++;
            if (peek() != '\n') throw ParseError{line_, "a bare carriage return"};
        }
        pos_++;
        line_++;
    }
    // Blanks, comments and line ends, inside arrays.
    void skip_space_lines() {
        for (;;) {
            skip_blank();
            char c = peek();
            if (c == '#')
                skip_comment();
            else if (c == '\n' || c == '\r')
                newline();
            else
                return;
        }
    }
    void expect(char c, const std::string& message) {
        if (peek() != c) throw ParseError{line_, message};
        pos_++;
    }
    void end_of_statement() {
        skip_blank();
        if (peek() == '#') skip_comment();
        if (pos_ >= t_.size()) return;
        if (peek() != '\n' && peek() != '\r')
            throw ParseError{line_, "unexpected text '" + rest_of_line() + "'"};
        newline();
    }
    std::string rest_of_line() const {
        size_t end = t_.find('\n', pos_);
        std::string s = t_.substr(pos_, end == std::string::npos ? std::string::npos : end - pos_);
        if (s.size() > 30) s = s.substr(0, 30) + "...";
        return s;
    }
    // Table names and keys go to inih as they are when that is safe.
    static std::string safe(const std::string& k) {
        for (char c : k)
            if (!is_bare(c) && c != '.') return "_";
        return k;
    }

    std::string key() {
        std::string k;
        for (;;) {
            skip_blank();
            char c = peek();
            if (c == '"' || c == '\'') {
                if (peek(1) == c && peek(2) == c)
                    throw ParseError{line_, "multi-line strings are not keys"};
                k += string();
            } else if (is_bare(c)) {
                while (is_bare(peek())) k += t_[pos_++];
            } else {
                throw ParseError{line_, "expected a key"};
            }
            skip_blank();
            if (peek() != '.') return k;
            pos_++;
            k += '.';
        }
    }

    std::string string() {
        char quote = t_[pos_++];
        std::string s;
        for (;;) {
            if (pos_ >= t_.size() || t_[pos_] == '\n')
                throw ParseError{line_, "unterminated string"};
            char c = t_[pos_++];
            if (c == quote) return s;
            if (c == '\\' && quote == '"') {
                char e = peek();
                pos_++;
                switch (e) {
                case 'b': s += '\b'; break;
                case 't': s += '\t'; break;
                case 'n': s += '\n'; break;
                case 'f': s += '\f'; break;
                case 'r': s += '\r'; break;
                case '"': s += '"'; break;
                case '\\': s += '\\'; break;
                case 'u':
                case 'U': s += unicode(e == 'u' ? 4 : 8); break;
                default:
                    throw ParseError{line_, std::string("unknown escape '\\") + e + "' in a string"};
                }
                continue;
            }
            if ((unsigned char)c < 0x20 && c != '\t')
                throw ParseError{line_, "control character in a string"};
            s += c;
        }
    }

    std::string unicode(int digits) {
        if (pos_ + digits > t_.size()) throw ParseError{line_, "short unicode escape"};
        uint32_t cp = 0;
        for (int i = 0; i < digits; i++) {
            char h = t_[pos_++];
            if (!isxdigit((unsigned char)h)) throw ParseError{line_, "bad unicode escape"};
            cp = cp * 16 + (isdigit((unsigned char)h) ? h - '0' : (tolower(h) - 'a' + 10));
        }
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            throw ParseError{line_, "unicode escape out of range"};
        std::string out;
        if (cp < 0x80) {
            out += (char)cp;
        } else if (cp < 0x800) {
            out += (char)(0xc0 | (cp >> 6));
            out += (char)(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out += (char)(0xe0 | (cp >> 12));
            out += (char)(0x80 | ((cp >> 6) & 0x3f));
            out += (char)(0x80 | (cp & 0x3f));
        } else {
            out += (char)(0xf0 | (cp >> 18));
            out += (char)(0x80 | ((cp >> 12) & 0x3f));
            out += (char)(0x80 | ((cp >> 6) & 0x3f));
            out += (char)(0x80 | (cp & 0x3f));
        }
        return out;
    }

    TomlValue value() {
        TomlValue v;
        char c = peek();
        if (c == '"' || c == '\'') {
            if (peek(1) == c && peek(2) == c)
                throw ParseError{line_, "multi-line strings are not supported"};
            v.text = string();
            return v;
        }
        if (c == '[') {
            pos_++;
            v.kind = TomlValue::Kind::Array;
            for (;;) {
                skip_space_lines();
                if (peek() == ']') {
                    pos_++;
                    return v;
                }
                v.items.push_back(value());
                skip_space_lines();
                if (peek() == ',') {
                    pos_++;
                    continue;
                }
                expect(']', "expected ',' or ']' in an array");
                return v;
            }
        }
        if (c == '{') {
            pos_++;
            v.kind = TomlValue::Kind::Table;
            skip_blank();
            if (peek() == '}') {
                pos_++;
                return v;
            }
            for (;;) {
                skip_blank();
                std::string k = key();
                skip_blank();
                expect('=', "expected '=' after key '" + k + "'");
                skip_blank();
                for (const auto& e : v.entries)
                    if (e.first == k) throw ParseError{line_, "key '" + k + "' is defined twice"};
                v.entries.emplace_back(k, value());
                skip_blank();
                if (peek() == ',') {
                    pos_++;
                    continue;
                }
                expect('}', "expected ',' or '}' in an inline table");
                return v;
            }
        }
        // Bare words: booleans, numbers, dates.
        std::string word;
        while (pos_ < t_.size() && (isalnum((unsigned char)peek()) || strchr("+-._:", peek())))
            word += t_[pos_++];
        if (word.empty()) {
            if (c == '\n' || c == '\r' || c == '\0' || c == '#')
                throw ParseError{line_, "a value is missing"};
            throw ParseError{line_, "expected a value at '" + rest_of_line() + "'"};
        }
        if (word == "true" || word == "false") {
            v.kind = TomlValue::Kind::Boolean;
            v.boolean = word == "true";
            return v;
        }
        return number(word);
    }

    TomlValue number(const std::string& word) {
        TomlValue v;
        v.text = word;
        std::string w = word;
        if (w.size() >= 10 && isdigit((unsigned char)w[0]) && w[4] == '-') {
            v.kind = TomlValue::Kind::Datetime;
            return v;
        }
        std::string digits;
        for (char c : w)
            if (c != '_') digits += c;
        bool neg = false;
        size_t i = 0;
        if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
            neg = digits[0] == '-';
            i = 1;
        }
        std::string body = digits.substr(i);
        if (body == "inf" || body == "nan" ||
            (body.find_first_of(".eE") != std::string::npos && body.compare(0, 2, "0x") != 0)) {
            char* end;
            strtod(digits.c_str(), &end);
            if (*end && body != "inf" && body != "nan")
                throw ParseError{line_, "invalid number '" + word + "'"};
            v.kind = TomlValue::Kind::Float;
            return v;
        }
        int base = 10;
        if (body.compare(0, 2, "0x") == 0) base = 16;
        else if (body.compare(0, 2, "0o") == 0) base = 8;
        else if (body.compare(0, 2, "0b") == 0) base = 2;
        if (base != 10) body = body.substr(2);
        if (body.empty()) throw ParseError{line_, "invalid value '" + word + "'"};
        errno = 0;
        char* end;
        unsigned long long u = strtoull(body.c_str(), &end, base);
        if (*end || !isalnum((unsigned char)body[0]))
            throw ParseError{line_, "invalid value '" + word + "'"};
        if (errno || u > (unsigned long long)INT64_MAX + (neg ? 1 : 0))
            throw ParseError{line_, "number '" + word + "' is too large"};
        v.kind = TomlValue::Kind::Integer;
        v.integer = neg ? (int64_t)(0 - u) : (int64_t)u;
        return v;
    }
};

// inih's side: hands lines over one by one and collects what it reports.
struct Walk {
    const Cutter* cut;
    size_t next = 0;
    std::vector<TomlEntry> entries;
    int error_line = 0;
    std::string error;
};

char* read_line(char* str, int num, void* stream) {
    auto* w = static_cast<Walk*>(stream);
    if (w->next >= w->cut->lines.size()) return nullptr;
    std::string line = w->cut->lines[w->next++] + "\n";
    if ((int)line.size() >= num) line = line.substr(0, num - 2) + "\n";
    memcpy(str, line.c_str(), line.size() + 1);
    return str;
}

int on_key(void* user, const char* section, const char* name, const char* value) {
    auto* w = static_cast<Walk*>(user);
    int line = w->cut->line_numbers[w->next - 1];
    if (value[0] != '@') {
        if (!w->error_line) {
            w->error_line = line;
            w->error = "cannot read this line";
        }
        return 0;
    }
    const TomlEntry& e = w->cut->values[strtoul(value + 1, nullptr, 10)];
    // inih tracks the table and the key; names it could not carry safely
    // were sent as "_" and are taken from the cutter.
    TomlEntry entry = e;
    if (strcmp(name, "_") != 0 && strcmp(section, "_") != 0)
        entry.key = *section ? std::string(section) + "." + name : std::string(name);
    w->entries.push_back(std::move(entry));
    return 1;
}

}  // namespace

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
    Cutter cut(text);
    try {
        cut.run();
    } catch (const ParseError& e) {
        line = e.line;
        error = e.message;
        return false;
    }
    Walk walk;
    walk.cut = &cut;
    int rc = ini_parse_stream(read_line, &walk, on_key, &walk);
    if (rc != 0 || walk.error_line) {
        line = walk.error_line ? walk.error_line
                               : (rc > 0 && rc <= (int)cut.line_numbers.size()
                                      ? cut.line_numbers[rc - 1]
                                      : 0);
        error = walk.error.empty() ? "cannot read this line" : walk.error;
        return false;
    }
    out.tables = std::move(cut.tables);
    out.entries = std::move(walk.entries);
    return true;
}

std::string toml_quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += (char)c;
            }
        }
    }
    return out + "\"";
}

}  // namespace config
