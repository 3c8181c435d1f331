#!/bin/sh
# A hundred thousand tasks end to end: the console against the gRPC peer,
# under tmux, with every task's stats changing in every update.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
test_skip_all_unless FULL_SPEED

# The Polls column of task NAME's row: the fifth word after the name
# (Total, Busy, Sched, Idle, Polls).
polls_of () {
    screen | awk -v name="$1" '{ for (i = 1; i <= NF; i++) if ($i == name) { print $(i + 5); exit } }'
}

test_expect_success 'setup: 100 k tasks, each polled between two updates' '
    cat >many.scn <<-\EOS &&
	interval 500ms
	repeat 99999 task t{i}
	task top polls=1000
	repeat 99999 every 500ms poll t{i}
	every 500ms poll top
	EOS
    start_peer --wait 120 --scenario "$TRASH/many.scn"
'

test_expect_success 'the title counts every task' '
    start_console "http://$PEER_ADDR" &&
    wait_screen "Tasks \(100,000\)" 60
'

test_expect_success 'sorted by polls, the most polled task comes first' '
    press "Polls▿" l l l l &&
    wait_for "screen | grep -E \" (t[0-9]+|top) \" | head -1 | grep -q \" top \"" 10
'

test_expect_success 'its polls rise with each update' '
    first=$(polls_of top) &&
    test "$first" -ge 1000 &&
    wait_for "test \"\$(polls_of top)\" -gt $first" 10 &&
    second=$(polls_of top) &&
    wait_for "test \"\$(polls_of top)\" -gt $second" 10
'

test_expect_success 'the count holds across updates, and q quits' '
    wait_screen "Tasks \(100,000\)" &&
    send_keys q &&
    wait_console_exit &&
    test "$(cat "$TRASH/.console-status")" = 0
'

test_done
