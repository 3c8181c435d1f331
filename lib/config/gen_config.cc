// gen-config: Settings written back as a console.toml, in upstream's
// layout (keys first, then [charset], [colors], [colors.enable]) with our
// tables after; each row of the options table writes its own key.
#include "config/config_file.h"
#include "config/options.h"

namespace config {

std::string write_config(const Settings& s) {
    std::string out;
    for (const char* section : toml_sections()) {
        if (*section) out += std::string("\n[") + section + "]\n";
        for (const auto& o : options()) {
            if (!o.toml_key || !o.to_toml) continue;
            std::string key = o.toml_key;
            size_t dot = key.rfind('.');
            std::string table = dot == std::string::npos ? "" : key.substr(0, dot);
            if (table == section) out += o.to_toml(key.substr(dot + 1), s);
        }
    }
    return out;
}

}  // namespace config
