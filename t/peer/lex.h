// The lexical layer of scenario files: splitting a line into words with
// quoting and escapes, repetition of quoted text, and the value and
// duration notations.  See t/scenarios/README for the format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "world.h"

namespace peer {

// Splits one line into words.  "..." groups and takes escapes (\n \t \r \e
// \0 \\ \" \xHH \u{HEX}); a quoted part followed by *N repeats N times;
// an unquoted # starts a comment.  False with error on bad input.
bool split_words(const std::string& line, std::vector<std::string>& words, std::string& error);

// "12ns", "1.5ms", "1m05s" to nanoseconds, in the console's one grammar
// (util/duration.h); false if malformed.
bool parse_duration(const std::string& text, int64_t& ns);

// Non-negative decimal integer; false if malformed.
bool parse_count(const std::string& text, uint64_t& n);

// A field value: true/false, a decimal (negative: i64), or a prefixed form
// s:TEXT (str_val), d:TEXT (debug), u:N, i:N, b:true; anything else is a
// debug value.
bool parse_value(const std::string& text, Value& out);

// Replaces {i}, {i+K} and {i%K} with the repetition index.
std::string expand_index(const std::string& text, uint64_t i);

}  // namespace peer
