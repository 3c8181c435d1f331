// The owner of one compiled regex of a filter term (see filter_term.h).
#pragma once

#include <regex.h>

namespace model {

struct FilterRegex {
    regex_t re{};
    bool compiled = false;

    FilterRegex() = default;
    FilterRegex(const FilterRegex&) = delete;
    FilterRegex& operator=(const FilterRegex&) = delete;
    ~FilterRegex();
};

}  // namespace model
