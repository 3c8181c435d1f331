#!/bin/sh
# Why a task is stuck, end to end at 80x24 (and 200x50): the blocked glyph
# and the line naming a crowded resource in the task list, a task's
# "Waits on" and a resource's "Held by / waiting" with Enter leading from
# one to the other, a lock cycle's warning, the same in ASCII, and the
# Mutex of the real console-subscriber mutex example.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

private_home
CONSOLE_SIZE=80x24
test -d "$FIXTURES_DIR/real" && test_set_prereq FIXTURES

# row NAME: the task list's row of the task named NAME.
row () {
    screen | grep -E "^(>>)? *[0-9]+ .* $1 "
}
# filter NAME: from the task list with no filter, filters it to the one
# task NAME and closes the filter line.
filter () {
    press "^/$" / &&
    press "^Tasks \\(1 of [0-9]+\\) /$(regex_quote "$1") " -l "$1" &&
    press_until "! screen | grep -q \"^/$(regex_quote "$1")\\\$\"" Enter
}
# open_task NAME: filters the task list to NAME and opens its details.
open_task () {
    filter "$1" &&
    press "^Task [0-9]+ \\($1\\)" Enter
}

test_expect_success 'setup: the console on the lock convoy' '
    start_peer --scenario "$TOP/t/scenarios/lock-convoy.scn" &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(52\)"
'

test_expect_success 'the waiters are marked blocked, the holder and the sleeper not' '
    wait_screen "client-0 " &&
    row client-0 | grep -q "^ *[0-9]*  ⧗ " &&
    row db-worker | grep -q "^ *[0-9]*  ⏸ " &&
    filter ticker &&
    wait_for "row ticker | grep -q \"^ *[0-9]*  ⏸ \"" &&
    press "^Tasks \(52\)" Escape
'

test_expect_success 'a line names the resource fifty tasks are blocked on' '
    wait_screen "^ ⧗ 50 tasks waiting on Mutex at src/db/pool\.rs:41:23$"
'

test_expect_success 'Waits on names the Mutex, how long, and its holder' '
    open_task client-7 &&
    wait_screen "^Waits on$" &&
    wait_screen "^ Sync Mutex at src/db/pool\.rs:41:23, waiting [0-9.]+s;$" &&
    wait_screen "^   held since [0-9.]+s by task 1 \(db-worker\)$"
'

test_expect_success 'Enter on it opens the Mutex: its holder and fifty waiting' '
    press "^Resource 1 \(Mutex\)" Enter &&
    wait_screen "^Held by / waiting \(50 waiting\)$" &&
    wait_screen "^ held since [0-9.]+s by task 1 \(db-worker\)$" &&
    wait_screen "^ task [0-9]+ \(client-[0-9]+\), waiting [0-9.]+s$"
'

test_expect_success 'Tab, then Enter on the holder opens its task' '
    press "^controls: k/j = move, enter = the task, tab = async ops" Tab &&
    press "^Task 1 \(db-worker\)" Enter &&
    # The view drawn to its foot, then no "Waits on" at its head.
    wait_screen " p99 " &&
    wait_for "! screen | grep -q \"^Waits on\""
'

test_expect_success 'Enter on a waiting task opens it' '
    press "^Resource 1 \(Mutex\)" Escape &&
    # Back in the view, the focus is on the async ops again.
    press "^controls: k/j = move, enter = the task, tab = async ops" Tab &&
    press_until "selected_row | grep -E -q \"^ task [0-9]+ \\(client-\"" Down &&
    press "^Task [0-9]+ \(client-[0-9]+\)" Enter &&
    wait_screen "^ Sync Mutex at src/db/pool\.rs:41:23"
'

test_expect_success 'a sleeping task waits on its timer but is not blocked' '
    press "^Tasks \(1 of 52\)" t &&
    press "^Tasks \(52\)" Escape &&
    open_task ticker &&
    wait_screen "^ Timer Sleep at src/tick\.rs:9:9, waiting [0-9.]+s$"
'

test_expect_success 'at 200x50 a wait is one line' '
    resize_console 200x50 &&
    # The title whole, as it is at 200 columns only: the new layout.
    press "^Tasks \(1 of 52\) /ticker .* Done \(0\)" t &&
    press "^Tasks \(52\)" Escape &&
    open_task client-5 &&
    wait_screen "^ Sync Mutex at src/db/pool\.rs:41:23, waiting [0-9.]+s; held since [0-9.]+s by task 1 \(db-worker\)$"
'

test_expect_success '--blocked-after longer than the waits: no glyph, no line' '
    start_console --blocked-after 1h "http://$PEER_ADDR" &&
    wait_screen "client-0 " &&
    ! row client-0 | grep -q "⧗" &&
    ! screen | grep -q "tasks waiting on"
'

test_expect_success 'console.toml blocked_after does the same' '
    echo "blocked_after = \"1h\"" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "client-0 " &&
    ! row client-0 | grep -q "⧗" &&
    rm "$XDG_CONFIG_HOME/tokio-console/console.toml"
'

test_expect_success 'ASCII: BLOCK in the state column and on the line' '
    start_console --ascii-only true "http://$PEER_ADDR" &&
    wait_screen "^ BLOCK 50 tasks waiting on Mutex at src/db/pool\.rs:41:23$" &&
    wait_screen "^ +[0-9]+  BLOCK  client-0 " &&
    open_task client-9 &&
    wait_screen "^>Sync Mutex at src/db/pool\.rs:41:23, waiting [0-9.]+s;$" &&
    wait_screen "^   held since [0-9.]+s by task 1 \(db-worker\)$"
'

test_expect_success 'setup: the lock cycle' '
    stop_peer &&
    start_peer --scenario "$TOP/t/scenarios/lock-cycle.scn" &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(3\)"
'

test_expect_success 'a warning names the cycle' '
    wait_screen "^ ⚠ lock cycle: task 1 \(left\) → Mutex at src/bank\.rs:4:30 → task 2 \(right\)$" &&
    wait_screen "^   → Mutex at src/bank\.rs:3:30 → task 1$" &&
    wait_screen "^ ⧗ 2 tasks waiting on Mutex at src/bank\.rs:3:30$"
'

test_expect_success 'each side of the cycle is held by the other' '
    open_task left &&
    wait_screen "^ Sync Mutex at src/bank\.rs:4:30, waiting [0-9.]+s;$" &&
    wait_screen "^   held since [0-9.]+s by task 2 \(right\)$"
'

test_expect_success 'ASCII: the cycle with -> arrows' '
    start_console --ascii-only true "http://$PEER_ADDR" &&
    wait_screen "^ ! lock cycle: task 1 \(left\) -> Mutex at src/bank\.rs:4:30 -> task 2 \(right\)$"
'

# Without the fixtures (a release tarball) this one is skipped, saying
# they are missing.
test_expect_success FIXTURES 'real mutex example: a waiting task names the Mutex' '
    stop_peer &&
    start_peer --replay "$FIXTURES_DIR/real/mutex.updates" --speed 50 &&
    start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "main-task" &&
    open_task main-task &&
    wait_screen "^ Sync Mutex at console-subscriber/examples/mutex\.rs:11:34, waiting " &&
    wait_screen "held since [0-9.]+m?s by task [0-9]+ \(increment-[0-9]\)$"
'

test_done
