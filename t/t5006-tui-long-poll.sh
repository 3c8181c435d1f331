#!/bin/sh
# The long-poll lint in the running console: a task's p99 poll time comes
# with its details, which the console asks for when the task is opened.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")

test_expect_success 'the help says what long-poll measures' '
    "$TC" --help >help &&
    grep -A2 -e "--long-poll <DURATION>" help | grep -q "p99 poll time"
'

test_expect_success 'setup: the console with long-poll on' '
    start_peer --scenario long-poll &&
    start_console "http://$PEER_ADDR" --long-poll 100ms -W long-poll &&
    wait_screen " slow-poller " &&
    wait_screen " quick-poller "
'

test_expect_success 'no details yet: no long-poll warning' '
    ! screen | grep -q "p99 poll time"
'

test_expect_success 'the slow task view says its p99 poll time is too long' '
    # The selection starts at the top already, so g g shows nothing of
    # its own: it goes with the Enter that opens the top row.
    press "^Task [0-9]+ \(slow-poller\)" g g Enter &&
    wait_screen " p99 " &&
    wait_screen "p99 poll time is [0-9.]+ ?ms, over 100"
'

test_expect_success 'back on the list, the warning line counts it' '
    press "^Tasks \(" Escape &&
    wait_screen "1 task has a p99 poll time over 100"
'

test_expect_success 'the quick task gets no such warning' '
    press_until "selected_row | grep -q \" quick-poller \"" G &&
    press "^Task [0-9]+ \(quick-poller\)" Enter &&
    wait_screen " p99 " &&
    wait_for "! screen | grep -q \"p99 poll time is\"" &&
    press "^Tasks \(" Escape &&
    wait_screen "1 task has a p99 poll time over 100"
'

test_expect_success 'q quits' '
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_done
