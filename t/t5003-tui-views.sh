#!/bin/sh
# Every view and key of the console, end to end: tasks, task details,
# resources, resource details, help; sorting, moving, pausing, going back.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# The ID of the selected (reverse video) row: its first number.
selected_row () {
    tmux_ capture-pane -p -e -t console | grep -E "$(printf '\033')\\[([0-9]+;)*7m" | head -1 |
        sed 's/\x1b\[[0-9;]*m//g' | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}

test_expect_success 'setup: the console on the resources scenario' '
    start_peer --scenario resources &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "Tasks \([1-9]"
'

test_expect_success 'r shows the resources table with its columns' '
    send_keys r &&
    wait_screen "^Resources \(6\)" &&
    wait_screen "ID. +Parent +Kind +Total +Target +Type +Vis +Location +Attributes" &&
    screen | grep -q "Mutex" &&
    screen | grep -q "🔒" &&
    screen | grep -q "✅" &&
    screen | grep -q "duration=2500ms"
'

test_expect_success 'a parent resource is named by id and type' '
    screen | grep -E -q "^ *2 +1 \\(tokio::sync::mut"
'

test_expect_success 'enter opens the resource, with attributes and async ops' '
    send_keys G Enter &&
    wait_screen "^Resource 1 \(Mutex\)" &&
    wait_screen "[╭+]Attributes─*" &&
    wait_screen "^Async Ops \(2\)" &&
    wait_screen "ID. +Parent +Task +Source +Total +Busy +Idle +Polls" &&
    screen | grep -q "Mutex::lock"
'

test_expect_success 'enter on an async op opens its task; esc walks back' '
    send_keys Enter &&
    wait_screen "^Task [0-9]+ \(consumer\)" &&
    send_keys Escape &&
    wait_screen "^Resource 1 \(Mutex\)" &&
    send_keys Escape &&
    wait_screen "^Resources \(6\)"
'

test_expect_success 't goes back to the tasks' '
    send_keys t &&
    wait_screen "^Tasks \([0-9]+\)"
'

test_expect_success 'the task view shows panels, percentiles and a histogram' '
    send_keys g g Enter &&
    wait_screen "^Task [0-9]+" &&
    wait_screen "Total Time: " &&
    wait_screen "Current wakers: " &&
    wait_screen "[╭+]Poll Times" &&
    wait_screen " p50 " &&
    wait_screen "[╭+]Scheduled Times" &&
    send_keys Escape &&
    wait_screen "Warn +ID +State"
'

test_expect_success 'l moves the sort to the next column, i inverts it' '
    send_keys l &&
    wait_screen "Busy▿" &&
    send_keys i &&
    wait_screen "Busy▵" &&
    send_keys h h &&
    wait_screen "Name▵"
'

test_expect_success 'the selection stays on its task when the rows re-sort' '
    send_keys g g Down Down &&
    sel=$(selected_row) &&
    test -n "$sel" &&
    send_keys i &&
    wait_screen "Name▿" &&
    test "$(selected_row)" = "$sel" &&
    send_keys l &&
    wait_screen "Total▵|Total▿" &&
    test "$(selected_row)" = "$sel"
'

test_expect_success 'G goes to the last row and gg back to the first' '
    send_keys g g &&
    first=$(selected_row) &&
    send_keys G &&
    wait_for "test \"\$(selected_row)\" != \"$first\"" 5 &&
    send_keys g g &&
    wait_for "test \"\$(selected_row)\" = \"$first\"" 5
'

test_expect_success 'End and Home do the same' '
    first=$(selected_row) &&
    send_keys End &&
    wait_for "test \"\$(selected_row)\" != \"$first\"" 5 &&
    send_keys Home &&
    wait_for "test \"\$(selected_row)\" = \"$first\"" 5
'

test_expect_success 'PgDn moves by a page, PgUp back' '
    first=$(selected_row) &&
    send_keys NPage &&
    wait_for "test \"\$(selected_row)\" != \"$first\"" 5 &&
    send_keys PPage &&
    wait_for "test \"\$(selected_row)\" = \"$first\"" 5
'

test_expect_success '? shows the help, esc closes it' '
    send_keys ? &&
    wait_screen "space +pause or resume" &&
    wait_screen "gg / G" &&
    send_keys Escape &&
    wait_for "! screen | grep -q \"pause or resume\"" 5
'

test_expect_success 'space pauses the stream and says so; space resumes' '
    send_keys Space &&
    wait_screen "PAUSED" &&
    send_keys Space &&
    wait_for "! screen | head -1 | grep -q PAUSED" 10
'

test_expect_success 'a mouse click selects the row under it' '
    send_keys g g &&
    row=$(screen | grep -n -E "Warn +ID" | head -1 | cut -d: -f1) &&
    test -n "$row" &&
    target=$(screen | sed -n "$((row + 3))p" | awk "{ for (i = 1; i <= NF; i++) if (\$i ~ /^[0-9]+\$/) { print \$i; exit } }") &&
    test -n "$target" &&
    test "$(selected_row)" != "$target" &&
    tmux_ send-keys -t console -l "$(printf "\033[<0;5;$((row + 3))M\033[<0;5;$((row + 3))m")" &&
    wait_for "test \"\$(selected_row)\" = \"$target\"" 5
'

test_expect_success 'old subscribers: pause state unknown, pause still works' '
    stop_peer &&
    start_peer --scenario basic --no-watch-state &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    wait_screen "pause state unknown" &&
    send_keys Space &&
    wait_screen "PAUSED" &&
    send_keys Space &&
    wait_for "! screen | head -1 | grep -q PAUSED" 10 &&
    screen | grep -q "pause state unknown"
'

test_done
