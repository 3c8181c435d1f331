// Completion scripts.
#include "config/completion.h"

namespace config {

std::string completion_script(const std::string& shell) {
    (void)shell;
    return "";
}

}  // namespace config
