// tokio-console: a debugger for asynchronous Rust programs.
#include <cstdio>
#include <cstring>

#include "config/settings.h"
#include "tui/app.h"

int main(int argc, char** argv) {
    config::Settings settings;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
            printf("tokio-console %s\n", VERSION);
            return 0;
        }
        settings.target = argv[i];
    }
    return tui::run(settings);
}
