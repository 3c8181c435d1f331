// The names a filter can use, made from the field tables (fields.h): a
// filterable field's name and its aliases, in the lists that have it, and
// the few keys that are no field of their own (`warns`, how many warnings
// a task has).  So a field's filter key is spelled once, in its table.
#pragma once

#include <string>
#include <vector>

#include "model/filter_term.h"

namespace view {

const model::FilterKeys& filter_keys();

// Spellings that two tables give different meanings; empty when the
// tables agree (a test checks it).
std::vector<std::string> filter_key_clashes();

}  // namespace view
