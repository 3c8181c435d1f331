// A filter's regexes: compiled by the C library (POSIX regcomp), after a
// look at what the pattern would cost it.  glibc builds its automaton by
// copying each repeated part once per repetition, so that a few
// characters can ask for gigabytes and seconds: "x" and twenty '+' took
// 4 s and 3 GB, "(a|b{1,1000}){1,1000}" 8 s and 8 GB; groups nested
// 100,000 deep overflow its stack; and back-references, which glibc
// accepts in extended regexes, are matched by backtracking: four of them
// took 73 s against one 80-character name.  A filter is typed a key at a
// time and run over every row, and may come from console.toml, so such
// a pattern is refused with the reason before it is compiled.
#include "model/filter_regex.h"

#include <cstdint>

namespace model {

namespace {

// How many atoms the compiled pattern may hold, each repetition spelled
// out, and how deep its groups may nest.  glibc's cost grows with the
// square of the atoms that may match nothing: near the limit, ".*" 2,000
// times took 17 ms and 34 MB ("(.*){1,1000}" 14 ms, 31 MB), kept while
// the filter is on; twice that, 73 ms and 127 MB.  Hundreds of characters
// of alternatives stay well within it.
constexpr uint64_t kMaxExpanded = 2048;
constexpr int kMaxDepth = 32;

uint64_t saturating_mul(uint64_t a, uint64_t b) {
    if (a != 0 && b > (kMaxExpanded + 1) / a + 1) return kMaxExpanded + 1;
    uint64_t r = a * b;
    return r > kMaxExpanded ? kMaxExpanded + 1 : r;
}

uint64_t saturating_add(uint64_t a, uint64_t b) {
    uint64_t r = a + b;
    return r > kMaxExpanded ? kMaxExpanded + 1 : r;
}

// A walk over an extended regex that counts, rather than parses: the
// C library still decides what is valid and says what is wrong.
class Cost {
public:
    explicit Cost(std::string_view p) : p_(p) {}

    // The pattern's size with each repetition spelled out, or the reason
    // it is refused.
    bool within_bounds(std::string& why) {
        uint64_t n = alternatives(0);
        if (backref_) {
            why = "back-references (\\1 to \\9) are not supported";
            return false;
        }
        if (too_deep_) {
            why = "groups nest more than " + std::to_string(kMaxDepth) + " deep";
            return false;
        }
        if (n > kMaxExpanded) {
            why = "too large (more than " + std::to_string(kMaxExpanded) + " parts once its repeats are spelled out)";
            return false;
        }
        return true;
    }

private:
    bool at_end() const { return i_ >= p_.size(); }

    // Branches separated by '|', up to a ')' or the end.
    uint64_t alternatives(int depth) {
        uint64_t n = sequence(depth);
        while (!at_end() && p_[i_] == '|') {
            i_++;
            n = saturating_add(n, sequence(depth));
        }
        return n;
    }

    uint64_t sequence(int depth) {
        uint64_t n = 0;
        while (!at_end() && p_[i_] != '|' && !(p_[i_] == ')' && depth > 0)) {
            uint64_t atom_size = atom(depth);
            n = saturating_add(n, saturating_mul(atom_size, repeats()));
        }
        return n;
    }

    uint64_t atom(int depth) {
        char c = p_[i_++];
        if (c == '(') {
            if (depth + 1 > kMaxDepth) {
                too_deep_ = true;
                i_ = p_.size();
                return 1;
            }
            uint64_t n = alternatives(depth + 1);
            if (!at_end()) i_++;  // the ')'
            return saturating_add(n, 1);
        }
        if (c == '[') {
            skip_bracket();
            return 1;
        }
        if (c == '\\' && !at_end()) {
            if (p_[i_] >= '1' && p_[i_] <= '9') backref_ = true;
            i_++;
        }
        return 1;
    }

    // Past a bracket expression: a ']' first is a member, and [:x:],
    // [.x.] and [=x=] hold brackets of their own.
    void skip_bracket() {
        if (!at_end() && p_[i_] == '^') i_++;
        if (!at_end() && p_[i_] == ']') i_++;
        while (!at_end() && p_[i_] != ']') {
            if (p_[i_] == '[' && i_ + 1 < p_.size() &&
                (p_[i_ + 1] == ':' || p_[i_ + 1] == '.' || p_[i_ + 1] == '=')) {
                char kind = p_[i_ + 1];
                size_t close = i_ + 2;
                while (close + 1 < p_.size() && !(p_[close] == kind && p_[close + 1] == ']')) close++;
                i_ = close + 2;
            } else {
                i_++;
            }
        }
        if (!at_end()) i_++;
    }

    // The copies the operators after an atom make of it: '+' two (glibc
    // writes a+ as aa*), {n,m} the larger bound, {n,} n + 1; '*' and '?'
    // none more.  Operators after operators multiply.
    uint64_t repeats() {
        uint64_t copies = 1;
        while (!at_end()) {
            char c = p_[i_];
            if (c == '*' || c == '?') {
                i_++;
            } else if (c == '+') {
                i_++;
                copies = saturating_mul(copies, 2);
            } else if (c == '{') {
                uint64_t bound = 0;
                if (!interval(bound)) break;  // a plain '{'
                copies = saturating_mul(copies, bound < 1 ? 1 : bound);
            } else {
                break;
            }
        }
        return copies;
    }

    // {n}, {n,} or {n,m} at i_: the copies it makes, and i_ past it.
    bool interval(uint64_t& copies) {
        size_t j = i_ + 1;
        uint64_t n = 0, m = 0;
        bool has_n = number(j, n), comma = false, has_m = false;
        if (j < p_.size() && p_[j] == ',') {
            comma = true;
            j++;
            has_m = number(j, m);
        }
        if (j >= p_.size() || p_[j] != '}' || (!has_n && !has_m)) return false;
        i_ = j + 1;
        copies = !comma ? n : has_m ? (m > n ? m : n) : n + 1;
        return true;
    }

    bool number(size_t& j, uint64_t& n) const {
        size_t start = j;
        while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') {
            if (n <= kMaxExpanded) n = n * 10 + static_cast<uint64_t>(p_[j] - '0');
            j++;
        }
        return j > start;
    }

    std::string_view p_;
    size_t i_ = 0;
    bool backref_ = false;
    bool too_deep_ = false;
};

}  // namespace

FilterRegex::~FilterRegex() {
    if (compiled) regfree(&re);
}

std::shared_ptr<FilterRegex> compile_filter_regex(const std::string& pattern, std::string& why) {
    if (!Cost(pattern).within_bounds(why)) return nullptr;
    auto re = std::make_shared<FilterRegex>();
    int rc = regcomp(&re->re, pattern.c_str(), REG_EXTENDED | REG_NOSUB | REG_ICASE);
    if (rc != 0) {
        char msg[128];
        regerror(rc, &re->re, msg, sizeof msg);
        why = msg;
        return nullptr;
    }
    re->compiled = true;
    return re;
}

}  // namespace model
