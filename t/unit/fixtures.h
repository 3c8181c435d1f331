// Where the tests find the recorded fixtures: $TC_SHARED when set, else
// ../shared beside the tree (as CI lays it out).  A release tarball has
// none, so a test that needs them records a skip that names the path.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "t/unit/tap.h"

namespace fixture {

inline std::filesystem::path shared_dir() {
    const char* env = std::getenv("TC_SHARED");
    return env && *env ? std::filesystem::path(env) : std::filesystem::path("../shared");
}

// True when fixtures/`sub` exists; otherwise records one skip and says so.
inline bool have_fixtures(const std::string& sub) {
    std::filesystem::path dir = shared_dir() / "fixtures" / sub;
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return true;
    tap::skip("fixtures not found at " + dir.string());
    return false;
}

}  // namespace fixture
