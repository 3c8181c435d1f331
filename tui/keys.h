// The keys, one table per view: each row binds keys to what they do, and
// says how the help shows them and the words it gives them, and what the
// header's lines (controls, views, playback) say of them.  The Ui
// dispatches through these tables and draws the controls line and the
// help from them, so that a key is spelled once.
//
// A view's keys are the tables its mode stacks (Ui::key_tables): a key
// goes to the first table, by rank, that binds it; a command that does
// not apply where it is pressed (Esc with no filter in force, + on a row
// that is no group) lets the next table have the key.  So two tables of
// one mode may bind a key; two rows of one table never do.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tui/terminal.h"
#include "view/glyphs.h"

namespace tui {

// Not a key read from the terminal: any character that is text, typed
// into the filter line.
inline constexpr int KeyText = KeyMouseClick + 1;

// What a key asks of a view, or of the program (Ui turns those into an
// Action).
enum class Cmd : uint8_t {
    // A list, or the lines of a details view.
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    TopAfterG,  // the second g of gg
    Bottom,
    WheelUp,
    WheelDown,
    Click,
    SortLeft,
    SortRight,
    Invert,
    Open,        // Enter: the view of the selected row or line
    SwitchPane,  // the resource view: holder and waiting, or async ops
    // The filter line of a list, and a search.
    OpenFilter,
    DropFilter,
    NextMatch,
    PreviousMatch,
    // Typing a filter.
    Keep,
    Clear,
    Erase,
    EraseAll,
    Type,
    // The grouped task list.
    Group,
    Expand,
    Collapse,
    ExpandArrow,  // as Expand, on a row that opens; else the sort's
    CollapseArrow,
    ToggleGroup,
    ToggleAll,
    // Views and the help.
    Back,
    ShowTasks,
    ShowResources,
    ShowTargets,
    OpenHelp,
    CloseHelp,
    // The program's.
    Quit,
    Pause,
    Reconnect,
    PlayToggle,
    Faster,
    Slower,
    Step,
    Seek,  // by `arg` seconds
    SeekStart,
    SeekEnd,
};

struct Binding {
    int key = 0;  // 0: no binding (the rest of a row's are unused)
    Cmd cmd = Cmd::Quit;
    int arg = 0;  // Seek: seconds, back when negative
};

// An item of a header line: "k/j = move", after the arrows' glyph when
// it has one ("↑↓ k/j = move").
struct Hint {
    const char* keys = nullptr;  // nullptr: none
    const char* words = nullptr;
    const char* view::Glyphs::*arrows = nullptr;
};

struct KeyRow {
    Binding binds[6];
    const char* keys;   // the help's key column; nullptr: not in the help
    const char* words;  // the help's words
    Hint hints[2];
};

// Which header line a table's hints go on.
enum class HintLine { Controls, Views, Playback };

struct KeyTable {
    const char* name;  // "tasks list", for tests and the manual's check
    std::span<const KeyRow> rows;
    // Lower takes a key first when two tables of a mode bind it: the
    // help (0), then the open filter line and the playback (1), then a
    // list's filter and grouping (2), then the rest (3).
    int rank = 3;
    HintLine line = HintLine::Controls;
    const char* lead = "";  // before its hints on the line ("typing a filter: ")

    // The row's binding of `key`, or nullptr; a character that is text
    // matches a KeyText binding when no row binds the character itself.
    const Binding* find(int key) const;
};

namespace keys {

extern const KeyTable list;        // moving and sorting a list
extern const KeyTable list_open;   // Enter: a row's details
extern const KeyTable filter;      // a list's filter line, closed
extern const KeyTable search;      // a search in force
extern const KeyTable typing;      // the filter line open
extern const KeyTable groups;      // the task list's grouping
extern const KeyTable task_waits;  // a task's view: Waits on
extern const KeyTable links;       // a resource's view: Held by / waiting
extern const KeyTable async_ops;   // a resource's view: its async ops
extern const KeyTable back;        // a details view
extern const KeyTable views;       // to the lists, the help
extern const KeyTable fleet_views; // to the targets, when there are several
extern const KeyTable targets;     // the targets view
extern const KeyTable live;        // a live stream
extern const KeyTable playback;    // a recording
extern const KeyTable global;      // everywhere but in the filter line
extern const KeyTable help;        // the help open

// Every table, for tests and tools.
std::span<const KeyTable* const> all();

}  // namespace keys

// The tables in the order dispatch tries them.
std::vector<const KeyTable*> by_rank(std::vector<const KeyTable*> tables);
// Whether `key` is text for KeyText.
bool is_text_key(int key);

// The items of one header line from the tables, ", "-separated, each
// table's lead before its items.
std::string hint_line(const std::vector<const KeyTable*>& tables, HintLine line, const view::Glyphs& g);
// The help's lines: "  keys  words", the keys in a column.
std::vector<std::string> help_lines(const std::vector<const KeyTable*>& tables);

}  // namespace tui
