#!/bin/sh
# Strings from the application are shown, never obeyed: escape sequences,
# control bytes, invalid UTF-8 and huge names cannot move the cursor,
# retitle the terminal, ring the bell or break the layout.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

test_expect_success 'hostile names are drawn with their control bytes spelled out' '
    start_peer --scenario hostile-names &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "Tasks \(9\)" &&
    wait_screen "\\\\x1b\[31mred\\\\x1b\[0" &&
    wait_screen "tab\\\\x09here\\\\x0dcr" &&
    wait_screen "nul\\\\x00inside"
'

test_expect_success 'a combining accent is drawn over its letter; direction controls are not drawn' '
    acute=$(printf "\314\201") &&
    rlo=$(printf "\342\200\256") &&
    wait_screen "宽字符任务-😀-e$acute( |…|$)" &&
    ! screen | grep -q "e$acute$acute" &&
    ! screen | grep -q "$rlo"
'

test_expect_success 'the layout holds: header on top, one line per task' '
    screen >shot &&
    head -1 shot | grep -q "^connection: " &&
    grep -q "^views: " shot &&
    test "$(grep -c -E "Warn +ID +State +Name" shot)" = 1
'

test_expect_success 'the terminal title was not changed' '
    ! tmux_ display-message -p -t console "#{pane_title}" | grep -q pwned
'

test_expect_success 'the console is still in the alternate screen and alive' '
    test "$(tmux_ display-message -p -t console "#{alternate_on}")" = 1 &&
    test "$(tmux_ display-message -p -t console "#{pane_dead}")" = 0
'

test_expect_success 'a 10 kB name is cut with an ellipsis, not wrapped' '
    screen | grep -E "LLLLLLLL…" >long &&
    test "$(wc -l <long)" -ge 1 &&
    test "$(screen | wc -L)" -le 120
'

test_expect_success 'the details of a hostile task show its whole name, escaped' '
    # gg selects the first row (task 1) wherever the selection is.
    press "^Task 1 \\(\\\\x1b\\[31mred\\\\x1b\\[0m-task\\)" g g Enter &&
    wait_screen "Location: src/\\\\x1b\\[2Jclear.rs:1:1" &&
    press "Warn +ID +State" Escape
'

test_expect_success 'invalid UTF-8 from the peer is reported, not drawn' '
    stop_peer &&
    start_peer --scenario invalid-utf8 &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "connection: " &&
    wait_for "screen | grep -q -E \"Tasks \\\\([0-9]+\\\\)|error: \"" 10 &&
    test "$(tmux_ display-message -p -t console "#{pane_dead}")" = 0
'

test_done
