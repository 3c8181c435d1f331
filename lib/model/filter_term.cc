#include "model/filter_term.h"

#include <regex.h>

#include <algorithm>
#include <string>

#include "model/filter_regex.h"

namespace model {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i++)
        if (lower(a[i]) != b[i]) return false;
    return true;
}

// `needle` is in lower case already.
bool icontains(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it =
        std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char h, char n) { return lower(h) == n; });
    return it != hay.end();
}

}  // namespace

const char* filter_table_name(FilterTable t) {
    switch (t) {
    case FilterTable::Tasks: return "tasks";
    case FilterTable::Resources: return "resources";
    case FilterTable::AsyncOps: return "async ops";
    case FilterTable::Warnings: return "warnings";
    }
    return "";
}

const FilterKeyInfo* FilterKeys::find(std::string_view name) const {
    for (const FilterKeyInfo& k : keys_)
        if (iequal(name, k.name)) return &k;
    return nullptr;
}

bool term_text_match(const FilterTerm& t, std::string_view s) {
    switch (t.op) {
    case TermOp::Contains:
        return std::any_of(t.texts.begin(), t.texts.end(), [s](const std::string& n) { return icontains(s, n); });
    case TermOp::Equals:
        return std::any_of(t.texts.begin(), t.texts.end(), [s](const std::string& n) { return iequal(s, n); });
    case TermOp::Regex: {
        // regexec wants a terminated string; pool strings need not be.
        thread_local std::string buf;
        buf.assign(s.data(), s.size());
        for (const auto& re : t.regexes)
            if (regexec(&re->re, buf.c_str(), 0, nullptr, 0) == 0) return true;
        return false;
    }
    default: return false;
    }
}

bool term_number_match(const FilterTerm& t, int64_t v) {
    if (t.numbers.empty()) return false;
    int64_t n = t.numbers.front();
    switch (t.op) {
    case TermOp::Lt: return v < n;
    case TermOp::Le: return v <= n;
    case TermOp::Gt: return v > n;
    case TermOp::Ge: return v >= n;
    case TermOp::Eq: return std::find(t.numbers.begin(), t.numbers.end(), v) != t.numbers.end();
    default: return false;
    }
}

}  // namespace model
