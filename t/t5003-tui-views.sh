#!/bin/sh
# Every view and key of the console, end to end: tasks, task details,
# resources, resource details, help; sorting, moving, pausing, going back.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# row_id N: the ID on the Nth row of the task list (its first number, as
# selected_id reads it).
row_id () {
    screen | sed -n '/^ *Warn /,$p' | sed -n "$(($1 + 1))p" |
        awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}
# to_first_row: gg, but not when the first row is selected already, where
# gg shows nothing (and press_until refuses a condition that holds).
to_first_row () {
    tfr_=$(row_id 1) &&
    test -n "$tfr_" &&
    { test "$(selected_id)" = "$tfr_" ||
        press_until "test \"\$(selected_id)\" = $tfr_" g g; }
}

test_expect_success 'setup: the console on the resources scenario' '
    start_peer --scenario resources &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "Tasks \([1-9]"
'

test_expect_success 'r shows the resources table with its columns' '
    press "^Resources \(6\)" r &&
    wait_screen "ID. +Parent +Kind +Total +Target +Type +Vis +Location +Attributes" &&
    wait_screen "Mutex" &&
    wait_screen "🔒" &&
    wait_screen "✅" &&
    wait_screen "duration=2500ms"
'

test_expect_success 'a parent resource is named by id and type' '
    wait_screen "^ *2 +1 \\(tokio::sync::mut"
'

test_expect_success 'enter opens the resource, with attributes and async ops' '
    # By ID, descending: the last row is resource 1.
    press_until "test \"\$(selected_id)\" = 1" G &&
    press "^Resource 1 \(Mutex\)" Enter &&
    wait_screen "[╭+]Attributes─*" &&
    wait_screen "^Async Ops \(2\)" &&
    wait_screen "ID. +Parent +Task +Source +Total +Busy +Idle +Polls" &&
    wait_screen "Mutex::lock"
'

test_expect_success 'enter on an async op opens its task; esc walks back' '
    press "^Task [0-9]+ \(consumer\)" Enter &&
    press "^Resource 1 \(Mutex\)" Escape &&
    press "^Resources \(6\)" Escape
'

test_expect_success 't goes back to the tasks' '
    press "^Tasks \([0-9]+\)" t
'

test_expect_success 'the task view shows panels, percentiles and a histogram' '
    to_first_row &&
    press "^Task [0-9]+" Enter &&
    wait_screen "Total Time: " &&
    wait_screen "Current wakers: " &&
    wait_screen "[╭+]Poll Times" &&
    wait_screen " p50 " &&
    wait_screen "[╭+]Scheduled Times" &&
    press "Warn +ID +State" Escape
'

test_expect_success 'l moves the sort to the next column, i inverts it' '
    press "Busy▿" l &&
    press "Busy▵" i &&
    press "Name▵" h h
'

test_expect_success 'the selection stays on its task when the rows re-sort' '
    to_first_row &&
    sel=$(row_id 3) &&
    test -n "$sel" &&
    press_until "test \"\$(selected_id)\" = $sel" Down Down &&
    press "Name▿" i &&
    wait_for "test \"\$(selected_id)\" = $sel" &&
    press "Total▵|Total▿" l &&
    wait_for "test \"\$(selected_id)\" = $sel"
'

test_expect_success 'G goes to the last row and gg back to the first' '
    to_first_row &&
    first=$(selected_id) &&
    press_until --wait 5 "test \"\$(selected_id)\" != $first" G &&
    press_until --wait 5 "test \"\$(selected_id)\" = $first" g g
'

test_expect_success 'End and Home do the same' '
    first=$(selected_id) &&
    press_until --wait 5 "test \"\$(selected_id)\" != $first" End &&
    press_until --wait 5 "test \"\$(selected_id)\" = $first" Home
'

test_expect_success 'PgDn moves by a page, PgUp back' '
    first=$(selected_id) &&
    press_until --wait 5 "test \"\$(selected_id)\" != $first" NPage &&
    press_until --wait 5 "test \"\$(selected_id)\" = $first" PPage
'

test_expect_success '? shows the help, esc closes it' '
    press "space +pause or resume" "?" &&
    wait_screen "gg / G" &&
    press_until --wait 5 "! screen | grep -q \"pause or resume\"" Escape
'

test_expect_success 'space pauses the stream and says so; space resumes' '
    press "PAUSED" Space &&
    press_until "! screen | head -1 | grep -q PAUSED" Space
'

test_expect_success 'a mouse click selects the row under it' '
    to_first_row &&
    row=$(screen | grep -n -E "Warn +ID" | head -1 | cut -d: -f1) &&
    test -n "$row" &&
    target=$(screen | sed -n "$((row + 3))p" | awk "{ for (i = 1; i <= NF; i++) if (\$i ~ /^[0-9]+\$/) { print \$i; exit } }") &&
    test -n "$target" &&
    press_until --wait 5 "test \"\$(selected_id)\" = $target" \
        -l "$(printf "\033[<0;5;$((row + 3))M\033[<0;5;$((row + 3))m")"
'

test_expect_success 'old subscribers: pause state unknown, pause still works' '
    stop_peer &&
    start_peer --scenario basic --no-watch-state &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    wait_screen "pause state unknown" &&
    press "PAUSED" Space &&
    press_until "! screen | head -1 | grep -q PAUSED" Space &&
    wait_screen "pause state unknown"
'

test_done
