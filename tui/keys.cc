#include "tui/keys.h"

#include <algorithm>

namespace tui {

using view::Glyphs;

namespace {

constexpr int kCtrlC = 3, kCtrlD = 4, kCtrlU = 21, kTab = '\t';

// The arrows' glyphs before a hint's keys.
constexpr const char* Glyphs::*kSideways = &Glyphs::keys_sideways;
constexpr const char* Glyphs::*kUpDown = &Glyphs::keys_updown;

// Rows, one table each.  A row's key column is at most 18 columns wide.

constexpr KeyRow kList[] = {
    {{{'h', Cmd::SortLeft}, {'l', Cmd::SortRight}, {KeyLeft, Cmd::SortLeft}, {KeyRight, Cmd::SortRight}},
     "h l, left right",
     "choose the sort column",
     {{"h/l", "sort column", kSideways}}},
    {{{'j', Cmd::Down}, {'k', Cmd::Up}, {KeyDown, Cmd::Down}, {KeyUp, Cmd::Up}},
     "j k, up down",
     "move the selection",
     {{"k/j", "move", kUpDown}}},
    {{{'i', Cmd::Invert}}, "i", "invert the sort order", {{"i", "invert"}}},
    {{{'g', Cmd::TopAfterG}, {'G', Cmd::Bottom}}, "gg / G", "top / bottom", {}},
    {{{KeyPageUp, Cmd::PageUp}, {KeyPageDown, Cmd::PageDown}, {KeyHome, Cmd::Top}, {KeyEnd, Cmd::Bottom}},
     "PgUp PgDn Home End",
     "move by pages, to the ends",
     {}},
    {{{KeyMouseWheelUp, Cmd::WheelUp}, {KeyMouseWheelDown, Cmd::WheelDown}, {KeyMouseClick, Cmd::Click}},
     "mouse",
     "wheel scrolls, click selects",
     {}},
};

constexpr KeyRow kListOpen[] = {
    {{{KeyEnter, Cmd::Open}}, "enter", "details of the selected row", {{"enter", "details"}}},
};

constexpr KeyRow kFilter[] = {
    {{{'/', Cmd::OpenFilter}}, "/", "filter the rows (Enter keeps, Esc clears)", {{"/", "filter"}}},
    // How to search, not a key of its own: / and then a ?.
    {{}, "/?text", "search: every row stays, matches marked", {}},
    {{{KeyEscape, Cmd::DropFilter}}, "esc", "drop the filter", {}},
};

constexpr KeyRow kSearch[] = {
    {{{'n', Cmd::NextMatch}, {'N', Cmd::PreviousMatch}},
     "n / N",
     "next / previous match of the search",
     {{"n/N", "next/previous match"}}},
    {{{'/', Cmd::OpenFilter}}, "/", "edit the search", {{"/", "edit the search"}}},
    {{{KeyEscape, Cmd::DropFilter}}, "esc", "end the search", {{"esc", "end it"}}},
};

constexpr KeyRow kTyping[] = {
    {{{KeyEnter, Cmd::Keep}}, "enter", "keep the filter, close the line", {{"enter", "keep"}}},
    {{{KeyEscape, Cmd::Clear}}, "esc", "clear the filter, close the line", {{"esc", "clear"}}},
    {{{KeyBackspace, Cmd::Erase}}, "backspace", "delete the last character", {{"backspace", "delete"}}},
    {{{kCtrlU, Cmd::EraseAll}}, "Ctrl-U", "empty the line", {}},
    {{{KeyText, Cmd::Type}}, "text, ?text", "filter as typed; ? first: search", {{"?text", "search"}}},
    {{{kCtrlC, Cmd::Quit}}, "Ctrl-C", "quit", {{"ctrl-c", "quit"}}},
};

constexpr KeyRow kGroups[] = {
    {{{'T', Cmd::Group}}, "T", "group: location, name, kind, target, tree", {{"T", "group"}}},
    {{{KeyEnter, Cmd::ToggleGroup}}, "enter", "open / close the group of the row", {}},
    {{{'+', Cmd::Expand}, {'-', Cmd::Collapse}, {KeyRight, Cmd::ExpandArrow}, {KeyLeft, Cmd::CollapseArrow}},
     "+ -, right left",
     "open / close the group",
     {}},
    {{{'*', Cmd::ToggleAll}}, "*", "open every group, or close them all", {}},
};

constexpr KeyRow kTaskWaits[] = {
    {{{'j', Cmd::Down}, {'k', Cmd::Up}, {KeyDown, Cmd::Down}, {KeyUp, Cmd::Up}},
     "j k, up down",
     "move among what the task waits on",
     {{"k/j", "move"}}},
    {{{KeyEnter, Cmd::Open}}, "enter", "the resource of the selected line", {{"enter", "resource waited on"}}},
};

constexpr KeyRow kLinks[] = {
    {{{'j', Cmd::Down}, {'k', Cmd::Up}, {KeyDown, Cmd::Down}, {KeyUp, Cmd::Up}},
     "j k, up down",
     "move among the holder and the waiting",
     {{"k/j", "move"}}},
    {{{KeyEnter, Cmd::Open}}, "enter", "the task of the selected line", {{"enter", "the task"}}},
    {{{kTab, Cmd::SwitchPane}}, "tab", "to the async ops", {{"tab", "async ops"}}},
};

constexpr KeyRow kAsyncOps[] = {
    {{{KeyEnter, Cmd::Open}}, "enter", "the task of the selected async op", {{"enter", "task of the async op"}}},
    {{{kTab, Cmd::SwitchPane}}, "tab", "holder and waiting tasks / async ops", {{"tab", "holder and waiting"}}},
};

constexpr KeyRow kBack[] = {
    {{{KeyEscape, Cmd::Back}}, "esc", "back to the previous view", {{"esc", "back"}}},
};

constexpr KeyRow kViews[] = {
    {{{'t', Cmd::ShowTasks}, {'r', Cmd::ShowResources}},
     "t / r",
     "tasks / resources view",
     {{"t", "tasks"}, {"r", "resources"}}},
    // In the help as the help's own row (? closes it).
    {{{'?', Cmd::OpenHelp}}, nullptr, nullptr, {{"?", "help"}}},
};

constexpr KeyRow kFleetViews[] = {
    {{{'a', Cmd::ShowTargets}}, "a", "targets view (several applications)", {{"a", "targets"}}},
};

constexpr KeyRow kTargets[] = {
    {{{KeyEnter, Cmd::Open}}, "enter", "show the selected target's tasks", {{"enter", "show its tasks"}}},
    // space and R act on the selected target here: the live table's rows.
};

constexpr KeyRow kLive[] = {
    {{{' ', Cmd::Pause}}, "space", "pause or resume the stream", {{"space", "pause"}}},
};

constexpr KeyRow kPlayback[] = {
    {{{' ', Cmd::PlayToggle}}, "space", "play or pause the recording", {{"space", "play/pause"}}},
    {{{'+', Cmd::Faster}, {'=', Cmd::Faster}, {'-', Cmd::Slower}, {'_', Cmd::Slower}},
     "+ = / - _",
     "faster / slower",
     {{"+/-", "speed"}}},
    {{{'.', Cmd::Step}}, ".", "play the next update", {{".", "step"}}},
    {{{'[', Cmd::Seek, -10}, {']', Cmd::Seek, 10}, {'{', Cmd::Seek, -60}, {'}', Cmd::Seek, 60}},
     "[ ] / { }",
     "back / on 10 s / 1 min",
     {{"[ ]", "10 s"}, {"{ }", "1 min"}}},
    {{{'0', Cmd::SeekStart}, {'$', Cmd::SeekEnd}}, "0 / $", "the start / the end", {{"0/$", "start/end"}}},
};

constexpr KeyRow kGlobal[] = {
    {{{'R', Cmd::Reconnect}}, "R", "reconnect now", {{"R", "reconnect"}}},
    {{{'q', Cmd::Quit}, {kCtrlC, Cmd::Quit}, {kCtrlD, Cmd::Quit}}, "q, Ctrl-C, Ctrl-D", "quit", {{"q", "quit"}}},
};

// The help passes every other key to the view under it, as upstream's.
constexpr KeyRow kHelp[] = {
    {{{'?', Cmd::CloseHelp}, {KeyEscape, Cmd::CloseHelp}}, "?, esc", "close this help", {}},
};

}  // namespace

namespace keys {

constinit const KeyTable list{"list", kList};
constinit const KeyTable list_open{"list enter", kListOpen};
constinit const KeyTable filter{"filter", kFilter, 2};
constinit const KeyTable search{"search", kSearch, 2};
constinit const KeyTable typing{"typing a filter", kTyping, 1, HintLine::Controls, "typing a filter: "};
constinit const KeyTable groups{"groups", kGroups, 2};
constinit const KeyTable task_waits{"task", kTaskWaits};
constinit const KeyTable links{"resource: held by / waiting", kLinks};
constinit const KeyTable async_ops{"resource: async ops", kAsyncOps};
constinit const KeyTable back{"details", kBack};
constinit const KeyTable views{"views", kViews, 3, HintLine::Views};
constinit const KeyTable fleet_views{"fleet views", kFleetViews, 3, HintLine::Views};
constinit const KeyTable targets{"targets", kTargets};
constinit const KeyTable live{"live", kLive};
// Before the grouping's + and -, as the replay's keys always were.
constinit const KeyTable playback{"playback", kPlayback, 1, HintLine::Playback};
constinit const KeyTable global{"global", kGlobal};
constinit const KeyTable help{"help", kHelp, 0};

std::span<const KeyTable* const> all() {
    static const KeyTable* const tables[] = {&list,   &list_open,  &filter,   &search,    &typing,
                                             &groups, &task_waits, &links,    &async_ops, &back,
                                             &views,  &fleet_views, &targets, &live,       &playback, &global,    &help};
    return tables;
}

}  // namespace keys

bool is_text_key(int key) {
    // Control characters, DEL, surrogates and special keys are not text.
    if (key < 0x20 || key == 0x7f || key >= 0x110000) return false;
    return key < 0xd800 || key >= 0xe000;
}

const Binding* KeyTable::find(int key) const {
    const Binding* text = nullptr;
    for (const KeyRow& row : rows)
        for (const Binding& b : row.binds) {
            if (!b.key) break;
            if (b.key == key) return &b;
            if (b.key == KeyText) text = &b;
        }
    return text && is_text_key(key) ? text : nullptr;
}

std::vector<const KeyTable*> by_rank(std::vector<const KeyTable*> tables) {
    std::stable_sort(tables.begin(), tables.end(),
                     [](const KeyTable* a, const KeyTable* b) { return a->rank < b->rank; });
    return tables;
}

std::string hint_line(const std::vector<const KeyTable*>& tables, HintLine line, const Glyphs& g) {
    std::string out;
    for (const KeyTable* t : tables) {
        if (t->line != line) continue;
        bool first = true;
        for (const KeyRow& row : t->rows)
            for (const Hint& h : row.hints) {
                if (!h.keys) continue;
                if (!out.empty()) out += ", ";
                if (first) out += t->lead;
                first = false;
                if (h.arrows) out += std::string(g.*h.arrows) + " ";
                out += std::string(h.keys) + " = " + h.words;
            }
    }
    return out;
}

std::vector<std::string> help_lines(const std::vector<const KeyTable*>& tables) {
    std::vector<std::string> out;
    for (const KeyTable* t : tables)
        for (const KeyRow& row : t->rows) {
            if (!row.keys) continue;
            std::string line = std::string("  ") + row.keys;
            line.resize(std::max<size_t>(line.size() + 2, 22), ' ');
            out.push_back(line + row.words);
        }
    return out;
}

}  // namespace tui
