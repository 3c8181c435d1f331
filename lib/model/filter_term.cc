#include "model/filter_term.h"

#include <regex.h>

#include <algorithm>
#include <string>

#include "model/filter_regex.h"

namespace model {

namespace {

constexpr uint8_t T = 1u << static_cast<int>(FilterTable::Tasks);
constexpr uint8_t R = 1u << static_cast<int>(FilterTable::Resources);
constexpr uint8_t A = 1u << static_cast<int>(FilterTable::AsyncOps);

// Every key, once: its name, what it holds and the lists that have it.
const FilterKeyInfo kKeys[] = {
    {"id", FilterKey::Id, KeyType::Count, T | R | A},
    {"name", FilterKey::Name, KeyType::Text, T},
    {"target", FilterKey::Target, KeyType::Text, T | R},
    {"location", FilterKey::Location, KeyType::Text, T | R},
    {"loc", FilterKey::Location, KeyType::Text, T | R},
    {"kind", FilterKey::Kind, KeyType::Text, T | R},
    {"polls", FilterKey::Polls, KeyType::Count, T | A},
    {"total", FilterKey::Total, KeyType::Duration, T | R | A},
    {"busy", FilterKey::Busy, KeyType::Duration, T | A},
    {"sched", FilterKey::Sched, KeyType::Duration, T},
    {"scheduled", FilterKey::Sched, KeyType::Duration, T},
    {"idle", FilterKey::Idle, KeyType::Duration, T | A},
    {"warns", FilterKey::Warns, KeyType::Count, T},
    {"wakes", FilterKey::Wakes, KeyType::Count, T},
    {"wakers", FilterKey::Wakers, KeyType::Count, T},
    {"self-wakes", FilterKey::SelfWakes, KeyType::Count, T},
    {"size", FilterKey::Size, KeyType::Count, T},
    {"parent", FilterKey::Parent, KeyType::Count, R | A},
    {"type", FilterKey::Type, KeyType::Text, R},
    {"vis", FilterKey::Vis, KeyType::Text, R},
    {"visibility", FilterKey::Vis, KeyType::Text, R},
    {"source", FilterKey::Source, KeyType::Text, A},
    {"task", FilterKey::Task, KeyType::Count, A},
    {"resource", FilterKey::Resource, KeyType::Count, A},
    {"fields", FilterKey::Fields, KeyType::Text, T},
    {"attributes", FilterKey::Fields, KeyType::Text, R | A},
    {"attrs", FilterKey::Fields, KeyType::Text, R | A},
    {"state", FilterKey::State, KeyType::State, T | R | A},
    {"warn", FilterKey::Warn, KeyType::Warn, T},
    // The fields' names as JSON and `dump --sort` spell them (lib/view).
    {"total_ns", FilterKey::Total, KeyType::Duration, T | R | A},
    {"busy_ns", FilterKey::Busy, KeyType::Duration, T | A},
    {"sched_ns", FilterKey::Sched, KeyType::Duration, T},
    {"idle_ns", FilterKey::Idle, KeyType::Duration, T | A},
    {"self_wakes", FilterKey::SelfWakes, KeyType::Count, T},
    {"size_bytes", FilterKey::Size, KeyType::Count, T},
    {"warnings", FilterKey::Warn, KeyType::Warn, T},
    {"dropped", FilterKey::State, KeyType::State, R | A},
    {"task_name", FilterKey::TaskName, KeyType::Text, A},
    {"app", FilterKey::App, KeyType::Text, T | R | A},
    {"lint", FilterKey::Warn, KeyType::Warn, T},
};

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

FilterRegex::~FilterRegex() {
    if (compiled) regfree(&re);
}

const char* filter_table_name(FilterTable t) {
    switch (t) {
    case FilterTable::Tasks: return "tasks";
    case FilterTable::Resources: return "resources";
    case FilterTable::AsyncOps: return "async ops";
    }
    return "";
}

const FilterKeyInfo* find_filter_key(std::string_view name) {
    for (const FilterKeyInfo& k : kKeys)
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
