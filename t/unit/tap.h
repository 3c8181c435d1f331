// tap.h - the smallest Test Anything Protocol writer for unit tests.
//
//   #include "t/unit/tap.h"
//   int main() {
//       tap::check(1 + 1 == 2, "addition works");
//       tap::check_eq(parse("7"), 7, "parse reads a digit");
//       tap::diag("a note for the reader");
//       tap::skip("fixtures not found at ../shared/fixtures");
//       return tap::done();
//   }
//
// Each check prints "ok N - title" or "not ok N - title"; done() prints the
// plan "1..N" and returns the exit status (0 when every check passed).
#pragma once

#include <cstdio>
#include <sstream>
#include <string>

namespace tap {

inline int& counter() {
    static int n = 0;
    return n;
}

inline int& failures() {
    static int n = 0;
    return n;
}

// Prints a comment line ("# text") that TAP readers show but do not count.
inline void diag(const std::string& text) {
    std::printf("# %s\n", text.c_str());
    std::fflush(stdout);
}

// Records one test; returns cond so callers can chain extra diagnostics.
inline bool check(bool cond, const std::string& title) {
    int n = ++counter();
    if (!cond) ++failures();
    std::printf("%sok %d - %s\n", cond ? "" : "not ", n, title.c_str());
    std::fflush(stdout);
    return cond;
}

// Like check(got == want), but says what both sides were on failure.
// Both types must be printable with operator<<.
template <class A, class B>
bool check_eq(const A& got, const B& want, const std::string& title) {
    bool ok = (got == want);
    if (!check(ok, title)) {
        std::ostringstream s;
        s << "  got:  " << got << "\n#   want: " << want;
        diag(s.str());
    }
    return ok;
}

// Records one test that could not run: "ok N # SKIP reason".
inline void skip(const std::string& reason) {
    std::printf("ok %d # SKIP %s\n", ++counter(), reason.c_str());
    std::fflush(stdout);
}

// Prints the plan; returns the process exit status.
inline int done() {
    std::printf("1..%d\n", counter());
    std::fflush(stdout);
    return failures() == 0 ? 0 : 1;
}

}  // namespace tap
