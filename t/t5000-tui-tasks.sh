#!/bin/sh
# The task list end to end: the console against the gRPC peer, under tmux,
# read back from the screen as a person would.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# The screen line of a task by its name.
task_line () {
    screen | grep -E " $1 " | head -1
}

# Completed tasks are kept (by the peer and the console) for as long as the
# tests take, however slow the machine: the tests look for them.
test_expect_success 'the header names the target and says connected' '
    start_peer --scenario basic --retain 3600 &&
    start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "connection: http://$PEER_ADDR \(CONNECTED\)"
'

test_expect_success 'the declared tasks appear with their names and locations' '
    wait_screen "db-worker" &&
    wait_screen "src/server.rs:41:9" &&
    task_line listener | grep -q "src/server.rs:41:9" &&
    test $(screen | grep -c " conn ") = 2
'

test_expect_success 'the title counts tasks by state' '
    wait_screen "Tasks \([0-9]+\)" &&
    screen | grep -E "Tasks \([0-9]+\)" | grep -q "Running (" &&
    screen | grep -E "Tasks \([0-9]+\)" | grep -q "Idle ("
'

test_expect_success 'the table has the upstream columns, sorted by Total' '
    screen | grep -E "ID +State +Name +Total. +Busy +Sched +Idle +Polls" >hdr &&
    grep -q "Total▿" hdr
'

test_expect_success 'rows are in descending Total order' '
    # listener is 10 s old, hash-password 2 s: listener comes first.
    l=$(screen | grep -n " listener " | cut -d: -f1) &&
    h=$(screen | grep -n " hash-password " | cut -d: -f1) &&
    test "$l" -lt "$h"
'

test_expect_success 'a completed task shows the done state' '
    task_line flush-metrics | grep -q "⏹"
'

test_expect_success 'down and up move the selection' '
    # By ID: the two conn tasks have the same name.
    first=$(selected_id) &&
    test -n "$first" &&
    press_until --wait 5 "test \"\$(selected_id)\" != $first" Down &&
    press_until --wait 5 "test \"\$(selected_id)\" = $first" Up
'

# The Total column of a task: the field after its name.
task_total () {
    task_line "$1" | awk -v n="$1" '{ for (i = 1; i < NF; i++) if ($i == n) { print $(i + 1); exit } }'
}

test_expect_success 'durations tick while the peer is quiet' '
    a=$(task_total listener) &&
    test -n "$a" &&
    wait_for "test \"\$(task_total listener)\" != \"$a\"" 5
'

test_expect_success 'killing the peer shows the connection lost, not a crash' '
    port=$PEER_PORT &&
    stop_peer &&
    wait_screen "RECONNECTING in [0-9.]+m?s" &&
    wait_screen "error: " &&
    test "$(tmux_ display-message -p -t console "#{pane_dead}")" = 0
'

test_expect_success 'starting the peer again brings the tasks back' '
    start_peer --scenario basic --listen "127.0.0.1:$port" &&
    wait_screen "\(CONNECTED\)" 15 &&
    wait_screen "db-worker"
'

test_expect_success 'q quits and restores the terminal' '
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0 &&
    test "$(tmux_ display-message -p -t console "#{alternate_on}")" = 0
'

test_done
