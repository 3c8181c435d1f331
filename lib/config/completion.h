// gen-completion: completion scripts for bash, zsh, fish, elvish and
// PowerShell that complete the options, their values (lint names,
// palettes, shells, files and directories) and the subcommands.
#pragma once

#include <string>

namespace config {

// The script for `shell` (one of completion_shells()); empty if unknown.
std::string completion_script(const std::string& shell);

}  // namespace config
