// libFuzzer target over console.toml: the bytes of a file go through the
// same reader as ./console.toml (toml++, then the options table).  Nothing
// may crash, leak or recurse without bound; and whatever reads without
// error must write back with gen-config to a file that reads back to the
// same settings.  The same bytes are also read as a --targets-file: its
// error, too, is one line and names the file, with no control character
// of the input in it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config/config_file.h"
#include "config/targets.h"
#include "config/layer.h"

namespace {

void read_as_targets_file(const std::string& text) {
    std::vector<config::NamedTarget> targets;
    std::string error;
    if (config::parse_targets_text(text, "targets.txt", targets, error)) return;
    bool controls = std::any_of(error.begin(), error.end(), [](char c) { return (c >= 0 && c < 0x20) || c == 0x7f; });
    if (error.rfind("targets.txt:", 0) != 0 || controls) {
        fprintf(stderr, "targets file error is not one clean line: '%s'\n", error.c_str());
        abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > config::kMaxConfigBytes) return 0;
    std::string text(reinterpret_cast<const char*>(data), size);
    read_as_targets_file(text);
    config::Layer layer;
    config::ConfigError error;
    if (!config::read_config_text(text, layer, error)) {
        if (error.message.empty() || error.message.find('\n') != std::string::npos) {
            fprintf(stderr, "error is not one line: '%s'\n", error.message.c_str());
            abort();
        }
        return 0;
    }
    std::string once = config::write_config(config::merge_layers({layer}, config::Layer()));
    config::Layer again;
    if (!config::read_config_text(once, again, error)) {
        fprintf(stderr, "gen-config output does not read back: %s\n%s", error.to_string().c_str(), once.c_str());
        abort();
    }
    std::string twice = config::write_config(config::merge_layers({again}, config::Layer()));
    if (once != twice) {
        fprintf(stderr, "gen-config output changes on a second round:\n%s---\n%s", once.c_str(), twice.c_str());
        abort();
    }
    return 0;
}
