// Scenario words, values and durations; see lex.h.
#include "lex.h"

#include <cctype>
#include <cstdlib>

#include "util/duration.h"
#include "util/text.h"

namespace peer {

namespace {

int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Reads a quoted part starting after the opening quote; leaves i after the
// closing quote.
bool read_quoted(const std::string& s, size_t& i, std::string& out, std::string& error) {
    while (i < s.size()) {
        char c = s[i++];
        if (c == '"') return true;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (i >= s.size()) break;
        char e = s[i++];
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'e': out += '\x1b'; break;
        case '0': out += '\0'; break;
        case '\\': out += '\\'; break;
        case '"': out += '"'; break;
        case 'x': {
            int hi = i < s.size() ? hexval(s[i]) : -1;
            int lo = i + 1 < s.size() ? hexval(s[i + 1]) : -1;
            if (hi < 0 || lo < 0) {
                error = "bad '\\x' escape";
                return false;
            }
            out += char(hi * 16 + lo);
            i += 2;
            break;
        }
        case 'u': {
            size_t close = s.find('}', i);
            if (i >= s.size() || s[i] != '{' || close == std::string::npos) {
                error = "bad '\\u' escape";
                return false;
            }
            uint32_t cp = std::strtoul(s.substr(i + 1, close - i - 1).c_str(), nullptr, 16);
            util::append_utf8(out, cp);
            i = close + 1;
            break;
        }
        default: error = std::string("unknown escape '\\") + e + "'"; return false;
        }
    }
    error = "unterminated quote";
    return false;
}

}  // namespace

bool split_words(const std::string& line, std::vector<std::string>& words, std::string& error) {
    words.clear();
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) i++;
        if (i >= line.size() || line[i] == '#') break;
        std::string word;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) {
            if (line[i] != '"') {
                word += line[i++];
                continue;
            }
            i++;
            std::string part;
            if (!read_quoted(line, i, part, error)) return false;
            uint64_t times = 1;
            if (i < line.size() && line[i] == '*') {
                size_t j = ++i;
                while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) i++;
                if (!parse_count(line.substr(j, i - j), times)) {
                    error = "bad repeat count after quote";
                    return false;
                }
            }
            for (uint64_t k = 0; k < times; k++) word += part;
        }
        words.push_back(std::move(word));
    }
    return true;
}

bool parse_count(const std::string& text, uint64_t& n) {
    if (text.empty() || text.size() > 19) return false;
    n = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        n = n * 10 + (c - '0');
    }
    return true;
}

bool parse_duration(const std::string& text, int64_t& ns) {
    uint64_t v;
    std::string error;
    if (!util::parse_duration(text, v, error)) return false;
    ns = static_cast<int64_t>(v);
    return true;
}

bool parse_value(const std::string& text, Value& out) {
    out = Value();
    auto prefixed = [&](const char* p) { return text.rfind(p, 0) == 0; };
    if (prefixed("s:")) {
        out.kind = Value::Str;
        out.text = text.substr(2);
        return true;
    }
    if (prefixed("d:")) {
        out.text = text.substr(2);
        return true;
    }
    if (prefixed("u:") || prefixed("i:") || prefixed("b:")) {
        Value v;
        if (!parse_value(text.substr(2), v)) return false;
        char want = text[0] == 'u' ? 'u' : text[0] == 'i' ? 'i' : 'b';
        if (want == 'b') {
            if (v.kind != Value::Bool) return false;
            out = v;
        } else if (v.kind == Value::U64) {
            out = v;
            if (want == 'i') {
                out.kind = Value::I64;
                out.i = static_cast<int64_t>(v.u);
            }
        } else if (v.kind == Value::I64 && want == 'i') {
            out = v;
        } else {
            return false;
        }
        return true;
    }
    if (text == "true" || text == "false") {
        out.kind = Value::Bool;
        out.b = text == "true";
        return true;
    }
    uint64_t n;
    if (parse_count(text, n)) {
        out.kind = Value::U64;
        out.u = n;
        return true;
    }
    if (text.size() > 1 && text[0] == '-' && parse_count(text.substr(1), n)) {
        out.kind = Value::I64;
        out.i = -static_cast<int64_t>(n);
        return true;
    }
    out.text = text;
    return true;
}

std::string expand_index(const std::string& text, uint64_t i) {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t open = text.find("{i", pos);
        size_t close = open == std::string::npos ? open : text.find('}', open);
        if (close == std::string::npos) {
            out += text.substr(pos);
            break;
        }
        std::string expr = text.substr(open + 2, close - open - 2);
        uint64_t k = 0;
        uint64_t value;
        if (expr.empty())
            value = i;
        else if (expr[0] == '+' && parse_count(expr.substr(1), k))
            value = i + k;
        else if (expr[0] == '%' && parse_count(expr.substr(1), k) && k)
            value = i % k;
        else {
            out += text.substr(pos, close + 1 - pos);
            pos = close + 1;
            continue;
        }
        out += text.substr(pos, open - pos) + std::to_string(value);
        pos = close + 1;
    }
    return out;
}

}  // namespace peer
