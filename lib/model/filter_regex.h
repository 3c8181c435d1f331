// The owner of one compiled regex of a filter term (see filter_term.h),
// and the one way to make one (filter_regex.cc: what it refuses, and why).
#pragma once

#include <regex.h>

#include <memory>
#include <string>

namespace model {

struct FilterRegex {
    regex_t re{};
    bool compiled = false;

    FilterRegex() = default;
    FilterRegex(const FilterRegex&) = delete;
    FilterRegex& operator=(const FilterRegex&) = delete;
    ~FilterRegex();
};

// `pattern` compiled as a POSIX extended regex, any case; or null, with
// why not in lower case: the C library's reason, or a pattern that would
// cost it too much (back-references, deep groups, many repetitions).
std::shared_ptr<FilterRegex> compile_filter_regex(const std::string& pattern, std::string& why);

}  // namespace model
