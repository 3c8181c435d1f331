#include "tui/app.h"

namespace tui {
int run(const config::Settings&) { return 0; }
}  // namespace tui
