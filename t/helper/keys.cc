// keys: prints the key tables (tui/keys.h), one bound key a line:
//
//   TABLE<TAB>KEY
//
// TABLE is the table's name ("list", "typing a filter"), KEY the key as
// the manual and the README spell it: a character as itself, the others
// by name (enter, esc, tab, space, backspace, up, down, left, right, pgup,
// pgdn, home, end, ctrl-c, ctrl-d, ctrl-u, mouse).  Typing text into the
// filter line is no key and is left out.  t/t6004-keys-documented.sh
// checks the manual's and the README's lists of keys against it.
#include <cstdio>
#include <string>

#include "tui/keys.h"

namespace {

std::string key_name(int key) {
    using namespace tui;
    switch (key) {
    case KeyUp: return "up";
    case KeyDown: return "down";
    case KeyLeft: return "left";
    case KeyRight: return "right";
    case KeyPageUp: return "pgup";
    case KeyPageDown: return "pgdn";
    case KeyHome: return "home";
    case KeyEnd: return "end";
    case KeyEnter: return "enter";
    case KeyEscape: return "esc";
    case KeyBackspace: return "backspace";
    case KeyMouseWheelUp:
    case KeyMouseWheelDown:
    case KeyMouseClick: return "mouse";
    case '\t': return "tab";
    case ' ': return "space";
    case 3: return "ctrl-c";
    case 4: return "ctrl-d";
    case 21: return "ctrl-u";
    }
    if (key > 0x20 && key < 0x7f) return std::string(1, static_cast<char>(key));
    return "";
}

}  // namespace

int main() {
    int status = 0;
    for (const tui::KeyTable* t : tui::keys::all())
        for (const tui::KeyRow& row : t->rows)
            for (const tui::Binding& b : row.binds) {
                if (!b.key) break;
                if (b.key == tui::KeyText) continue;
                std::string name = key_name(b.key);
                if (name.empty()) {
                    std::fprintf(stderr, "keys: %s: key %d has no name\n", t->name, b.key);
                    status = 1;
                    continue;
                }
                std::printf("%s\t%s\n", t->name, name.c_str());
            }
    return status;
}
