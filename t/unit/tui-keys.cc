// The key tables (tui/keys.h) as a user meets them.  For each view and
// mode, from the screen the Ui draws over a small model:
//   - every key the controls line (and the views and playback lines)
//     shows has an effect: the screen changes or the Ui asks the program
//     for something;
//   - so has every key the help shows;
//   - every key that has an effect is shown in the help: a key handled
//     without a row of a table fails here;
// and for each table: no two rows bind one key, and a row's help names
// the keys it binds.
#include <algorithm>
#include <cctype>
#include <clocale>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/model.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"
#include "tui/keys.h"
#include "tui/terminal.h"
#include "tui/ui.h"
#include "util/text.h"
#include "view/canvas.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using namespace model_test;

namespace {

constexpr uint64_t kMeta = 1;
constexpr Nanos kNow = kBase + 100 * kSec;
constexpr int kWidth = 100, kHeight = 50;

// --- the model: a mutex held by one task, two tasks waiting on it (one of
// them on a second mutex too), async ops on both.

void add_task(pb::instrument::Update& u, uint64_t span, const char* name, Nanos age) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    t->mutable_metadata()->set_id(kMeta);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val(name);
    f->mutable_metadata_id()->set_id(kMeta);
    t->mutable_location()->set_file(span % 2 ? "src/a.rs" : "src/b.rs");
    t->mutable_location()->set_line(1);
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - age);
    s.set_waker_clones(1);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(2);
    ts(ps->mutable_first_poll(), kNow - age + kSec);
    ts(ps->mutable_last_poll_started(), kNow - 51 * kSec);
    ts(ps->mutable_last_poll_ended(), kNow - 50 * kSec);
}

void add_resource(pb::instrument::Update& u, uint64_t span, const char* type, uint64_t parent = 0) {
    auto* r = u.mutable_resource_update()->add_new_resources();
    r->mutable_id()->set_id(span);
    r->mutable_metadata()->set_id(kMeta);
    r->set_concrete_type(type);
    r->mutable_kind()->set_other("Sync");
    r->mutable_location()->set_file("src/db.rs");
    r->mutable_location()->set_line(4);
    if (parent) {
        r->mutable_parent_resource_id()->set_id(parent);
        r->set_is_internal(true);
    }
    auto& s = (*u.mutable_resource_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - 95 * kSec);
}

void add_op(pb::instrument::Update& u, uint64_t span, uint64_t resource, uint64_t task, Nanos first, bool ready) {
    auto* o = u.mutable_async_op_update()->add_new_async_ops();
    o->mutable_id()->set_id(span);
    o->mutable_metadata()->set_id(kMeta);
    o->mutable_resource_id()->set_id(resource);
    o->set_source("Mutex::lock");
    auto& s = (*u.mutable_async_op_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - first);
    s.mutable_task_id()->set_id(task);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(1);
    ts(ps->mutable_first_poll(), kNow - first);
    ts(ps->mutable_last_poll_started(), kNow - first);
    ts(ps->mutable_last_poll_ended(), kNow - first + kMs);
    auto* p = u.mutable_resource_update()->add_new_poll_ops();
    p->mutable_task_id()->set_id(task);
    p->mutable_resource_id()->set_id(resource);
    p->mutable_async_op_id()->set_id(span);
    p->set_name("poll");
    p->set_is_ready(ready);
}

model::Model make_model() {
    model::Model m;
    pb::instrument::Update u;
    ts(u.mutable_now(), kNow);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(kMeta);
    nm->mutable_metadata()->set_target("tokio::sync::mutex");
    // Oldest first: the task list (by Total, highest first) opens on 11.
    add_task(u, 11, "client", 90 * kSec);
    add_task(u, 12, "client", 80 * kSec);
    add_task(u, 10, "db-worker", 70 * kSec);
    add_task(u, 13, "cache", 60 * kSec);
    add_resource(u, 100, "Mutex");
    add_resource(u, 101, "Semaphore", 100);
    add_resource(u, 102, "Mutex");
    add_op(u, 200, 100, 10, 14 * kSec, true);
    add_op(u, 201, 100, 11, 12 * kSec, false);
    add_op(u, 202, 100, 12, 5 * kSec, false);
    add_op(u, 203, 102, 11, 3 * kSec, false);
    m.apply(u, 0);
    return m;
}

const model::Model& the_model() {
    static const model::Model m = make_model();
    return m;
}

// --- driving a Ui.

struct Mode {
    const char* name;
    std::vector<int> setup;  // keys from a fresh Ui to the mode
    const char* shows;       // a pattern the mode's screen has
    bool replay = false;
    // Keys from the mode to states in the same mode where more keys have
    // something to act on (a filter to drop, groups to open).
    std::vector<std::vector<int>> stirs;
    // Keys to the same mode with the help open; none: the setup, then ?.
    std::vector<int> with_help = {};
    // Keys to another view, from where the key to this one (t in the
    // task list) does something.
    std::vector<std::vector<int>> away = {};
};

struct Screen {
    std::vector<std::string> rows;     // UTF-8
    std::vector<std::u32string> wide;  // a character a column (0: a wide one's right half)
    std::string selected;              // a mark for each selected cell
    bool operator==(const Screen&) const = default;
};

Screen draw(tui::Ui& ui, bool replay) {
    view::Canvas c(kWidth, kHeight, false);
    tui::HeaderInfo h;
    h.target = "http://test";
    h.state = "CONNECTED";
    if (replay) {
        h.timeline = tui::Timeline{};
        h.timeline->state = "PAUSED";
        h.timeline->length_ns = 60 * kSec;
    }
    ui.draw(c, h, the_model(), kNow);
    Screen s;
    for (int y = 0; y < c.height(); y++) {
        s.rows.push_back(c.row_text(y));
        s.wide.emplace_back();
        for (int x = 0; x < c.width(); x++) {
            s.wide.back() += c.at(x, y).ch;
            s.selected += c.at(x, y).selected ? '#' : '.';
        }
    }
    return s;
}

tui::Action press(tui::Ui& ui, tui::KeyEvent k, bool replay) {
    tui::Action a = ui.on_key(k, the_model(), kNow);
    draw(ui, replay);
    return a;
}

void press_all(tui::Ui& ui, const std::vector<int>& keys, bool replay) {
    for (int k : keys) press(ui, {k}, replay);
}

bool is_mouse(int key) {
    return key == tui::KeyMouseClick || key == tui::KeyMouseWheelUp || key == tui::KeyMouseWheelDown;
}

// Whether `key` does something from the mode after `stir`: once, or twice
// (the g of gg).  A mouse key is tried on every row.
bool effect_after(const Mode& md, const std::vector<int>& stir, int key) {
    for (int y = 0; y < (is_mouse(key) ? kHeight : 1); y++) {
        tui::Ui ui(view::DrawOptions{});
        draw(ui, md.replay);
        press_all(ui, md.setup, md.replay);
        press_all(ui, stir, md.replay);
        Screen before = draw(ui, md.replay);
        for (int n = 0; n < 2; n++) {
            tui::Action a = press(ui, {key, 1, y}, md.replay);
            if (a.kind != tui::Action::None || !(draw(ui, md.replay) == before)) return true;
        }
    }
    return false;
}

bool effect(const Mode& md, int key) {
    if (effect_after(md, {}, key)) return true;
    for (const auto& s : md.stirs)
        if (effect_after(md, s, key)) return true;
    return false;
}

// A key that is shown does something here, or leads back here from
// another view.
bool shown_key_works(const Mode& md, int key) {
    if (effect(md, key)) return true;
    for (const auto& s : md.away)
        if (effect_after(md, s, key)) return true;
    return false;
}

Screen screen_of(const Mode& md, const std::vector<int>& keys) {
    tui::Ui ui(view::DrawOptions{});
    draw(ui, md.replay);
    press_all(ui, keys, md.replay);
    return draw(ui, md.replay);
}

// --- reading keys off the screen, as a user reads them.

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The keys a token of a key column names ("j", "up", "Ctrl-C", "k/j",
// "←→"); a sequence ("/?text", "gg") names its first key.
std::vector<int> keys_named(const std::string& token) {
    using namespace tui;
    static const std::vector<std::pair<std::string, std::vector<int>>> names = {
        {"up", {KeyUp}},
        {"down", {KeyDown}},
        {"left", {KeyLeft}},
        {"right", {KeyRight}},
        {"enter", {KeyEnter}},
        {"esc", {KeyEscape}},
        {"tab", {'\t'}},
        {"space", {' '}},
        {"backspace", {KeyBackspace}},
        {"pgup", {KeyPageUp}},
        {"pgdn", {KeyPageDown}},
        {"home", {KeyHome}},
        {"end", {KeyEnd}},
        {"ctrl-c", {3}},
        {"ctrl-d", {4}},
        {"ctrl-u", {21}},
        {"mouse", {KeyMouseWheelUp, KeyMouseWheelDown, KeyMouseClick}},
        {"text", {KeyText}},
        {"?text", {KeyText}},
        {"\u2190\u2192", {KeyLeft, KeyRight}},
        {"\u2191\u2193", {KeyUp, KeyDown}},
    };
    for (const auto& [name, keys] : names)
        if (lower(token) == name) return keys;
    if (token.size() == 3 && token[1] == '/') return {token[0], token[2]};
    return {static_cast<unsigned char>(token[0])};
}

std::vector<int> parse_keys(const std::string& column) {
    std::vector<std::string> tokens;
    std::string cur;
    for (char c : column + " ") {
        if (c == ' ' || c == ',') {
            if (!cur.empty()) tokens.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    // "t / r": a lone / between keys is no key.
    if (tokens.size() > 1) tokens.erase(std::remove(tokens.begin(), tokens.end(), "/"), tokens.end());
    std::vector<int> out;
    for (const std::string& t : tokens)
        for (int k : keys_named(t)) out.push_back(k);
    return out;
}

// The items of a header line ("controls: ", wrapped under its first
// item), each "KEYS = words"; the keys of each.
std::vector<std::string> line_keys(const Screen& s, const std::string& label) {
    std::string text;
    for (size_t y = 0; y < s.rows.size(); y++) {
        if (s.rows[y].rfind(label, 0) != 0) continue;
        text = s.rows[y].substr(label.size());
        std::string indent(label.size(), ' ');
        for (size_t w = y + 1; w < s.rows.size() && s.rows[w].rfind(indent, 0) == 0 && s.rows[w][label.size()] != ' ';
             w++)
            text += " " + s.rows[w].substr(label.size());
        break;
    }
    std::vector<std::string> out;
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find(", ", at);
        if (end == std::string::npos) end = text.size();
        std::string item = text.substr(at, end - at);
        size_t lead = item.find(": ");  // "typing a filter: enter = keep"
        if (lead != std::string::npos) item = item.substr(lead + 2);
        size_t eq = item.find(" = ");
        if (eq != std::string::npos) out.push_back(item.substr(0, eq));
        at = end + 2;
    }
    return out;
}

std::string utf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) util::append_utf8(out, c);
    return out;
}

// The key column of each line in the help's frame:
// "│  j k, up down        move the selection   │".
std::vector<std::string> help_keys(const Screen& s) {
    std::vector<std::string> out;
    size_t x0 = std::u32string::npos;
    for (const std::u32string& row : s.wide) {
        if (x0 == std::u32string::npos) {
            x0 = row.find(U"\u256dKeys");
            continue;
        }
        if (row[x0] != U'\u2502') break;  // the bottom edge
        std::string inner = utf8(row.substr(x0 + 1, row.find(U'\u2502', x0 + 1) - x0 - 1));
        size_t gap = inner.find("  ", 2);
        out.push_back(inner.substr(2, gap == std::string::npos ? std::string::npos : gap - 2));
    }
    return out;
}

std::string key_label(int key) {
    if (key >= 0x20 && key < 0x7f) return std::string("'") + static_cast<char>(key) + "'";
    return "key " + std::to_string(key);
}

// The keys to try: every ASCII code, two beyond it, every special key.
std::vector<int> probe_keys() {
    std::vector<int> out;
    for (int k = 1; k < 0x80; k++) out.push_back(k);
    out.push_back(0xe9);
    out.push_back(0x263a);
    for (int k = tui::KeyUp; k <= tui::KeyMouseClick; k++) out.push_back(k);
    return out;
}

void check_mode(const Mode& md) {
    Screen s = screen_of(md, md.setup);
    bool there = false;
    for (const std::string& row : s.rows) there = there || row.find(md.shows) != std::string::npos;
    if (!tap::check(there, std::string(md.name) + ": the screen shows '" + md.shows + "'")) return;

    // The header's lines: each key shown does something.
    for (const char* label : {"controls: ", "views: ", "playback: "}) {
        std::vector<std::string> items = line_keys(s, label);
        if (std::string(label) == "controls: ") tap::check(!items.empty(), std::string(md.name) + ": a controls line");
        for (const std::string& item : items)
            for (int k : parse_keys(item)) {
                int key = k == tui::KeyText ? 'x' : k;
                tap::check(shown_key_works(md, key), std::string(md.name) + ": '" + item + "' on the " +
                                                         std::string(label).substr(0, std::string(label).find(':')) +
                                                         " line does something (" + key_label(key) + ")");
            }
    }

    // The help: each key shown does something; each key that does
    // something is shown.
    Screen hs = screen_of(md, md.with_help);
    std::vector<std::string> columns = help_keys(hs);
    tap::check(columns.size() >= 3, std::string(md.name) + ": the help lists keys");
    std::set<int> shown;
    Mode in_help = md;
    in_help.setup = md.with_help;
    for (const std::string& col : columns)
        for (int k : parse_keys(col)) {
            shown.insert(k);
            int key = k == tui::KeyText ? 'x' : k;
            tap::check(shown_key_works(in_help, key),
                       std::string(md.name) + ": '" + col + "' in the help does something (" + key_label(key) + ")");
        }
    std::string unshown;
    for (int key : probe_keys()) {
        bool named = shown.count(key) || (tui::is_text_key(key) && shown.count(tui::KeyText));
        if (!named && effect(md, key)) unshown += " " + key_label(key);
    }
    tap::check(unshown.empty(), std::string(md.name) + ": every key that does something is in the help" +
                                    (unshown.empty() ? "" : ": not" + unshown));
}

// --- the tables themselves.

void check_tables() {
    for (const tui::KeyTable* t : tui::keys::all()) {
        std::set<int> seen;
        std::string twice, unnamed;
        for (const tui::KeyRow& row : t->rows) {
            std::vector<int> named = row.keys ? parse_keys(row.keys) : std::vector<int>{};
            for (const tui::Binding& b : row.binds) {
                if (!b.key) break;
                if (!seen.insert(b.key).second) twice += " " + key_label(b.key);
                if (row.keys && std::find(named.begin(), named.end(), b.key) == named.end())
                    unnamed += " " + key_label(b.key);
            }
        }
        tap::check(twice.empty(), std::string(t->name) + ": no two rows bind a key" + twice);
        tap::check(unnamed.empty(), std::string(t->name) + ": each row's help names its keys" + unnamed);
    }
}

}  // namespace

int main() {
    using namespace tui;
    setlocale(LC_ALL, "C.UTF-8");
    const std::vector<int> filter_client = {'/', 'c', 'l', 'i', KeyEnter};
    const std::vector<int> search_client = {'/', '?', 'c', 'l', 'i', 'e', 'n', 't', KeyEnter};
    const std::vector<std::vector<int>> list_stirs = {{'G'}, {'j'}, filter_client};
    const std::vector<std::vector<int>> task_stirs = {{'G'}, {'j'}, filter_client, {'T'}, {'T', '*'}, {'T', '*', 'G'}};
    const std::vector<int> ops = {'r', 'G', KeyEnter};
    const std::vector<std::vector<int>> to_resources = {{'r'}}, to_tasks = {{'t'}};
    std::vector<Mode> modes = {
        {"tasks", {}, "Tasks (4)", false, task_stirs, {}, to_resources},
        {"tasks, the help open", {'?'}, "close this help", false, task_stirs, {'?'}, to_resources},
        {"tasks, typing a filter", {'/'}, "typing a filter", false, {{'a'}}, {'?', '/'}},
        {"tasks, a search",
         search_client,
         "n/N = next/previous match",
         false,
         {{'G'}, {'T'}, {'T', '*'}},
         {},
         to_resources},
        {"tasks, a recording", {}, "playback: ", true, task_stirs, {}, to_resources},
        {"resources", {'r'}, "Resources (3)", false, list_stirs, {}, to_tasks},
        {"a resource: async ops", ops, "Async Ops (3)", false, {{'G'}, {'/', 'M', KeyEnter}}},
        {"a resource: held by / waiting", {'r', 'G', KeyEnter, '\t'}, "enter = the task", false, {{'j'}}},
        {"a task", {KeyEnter}, "resource waited on", false, {{'j'}}},
    };
    for (Mode& md : modes) {
        if (md.with_help.empty()) {
            md.with_help = md.setup;
            md.with_help.push_back('?');
        }
        check_mode(md);
    }
    check_tables();
    return tap::done();
}
