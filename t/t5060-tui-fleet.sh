#!/bin/sh
# The console over several targets: three test peers and the demo in one
# console, the header's count, the targets view (a) with each target's
# state, tasks and update age; one peer killed (the others stay live, it
# reconnects) and started again; the lists of another target; pause and
# reconnect of the selected target; a targets file read again on SIGHUP;
# a hostile peer beside a healthy one.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
private_home

# The targets view's row of a target.
target_line () {
    screen | grep -E "^ *$1 " | head -1
}

# The pid of the console under tmux (the pane runs sh, which runs env,
# which execs the console).
console_pid () {
    ps -o pid= --ppid "$(tmux_ display-message -p -t console '#{pane_pid}')" | tr -d ' ' | head -1
}

test_expect_success 'three peers and the demo' '
    start_peer --scenario basic --retain 3600 && A=$PEER_ADDR &&
    start_peer --scenario basic --retain 3600 && B=$PEER_ADDR B_PID=$PEER_PID &&
    start_peer --scenario lints && C=$PEER_ADDR &&
    start_peer --scenario demo && D=$PEER_ADDR
'

test_expect_success 'one console: every target connected, the header counts and names them' '
    start_console "a=http://$A" "b=http://$B" "c=http://$C" "demo=http://$D" &&
    wait_screen "^targets: 4 of 4 connected; a, b, c, demo: connected" 20 &&
    screen | head -1 | grep -q "connection: a http://$A (CONNECTED)" &&
    screen | grep -q "a = targets" &&
    wait_screen "db-worker"
'

test_expect_success 'a: the targets view lists each with its state and tasks' '
    press "^Targets \(4\)" a &&
    for t in a b c demo; do
        target_line $t | grep -q "CONNECTED" || return 1
    done &&
    target_line demo | awk "{ exit !(\$3 > 100) }" &&
    wait_for "target_line a | grep -qE \"[0-9]+s ago\""
'

test_expect_success 'one peer killed: it reconnects, the others stay live' '
    stop_peer "$B_PID" &&
    wait_screen "^targets: 3 of 4 connected; b: " 20 &&
    wait_for "target_line b | grep -q RECONNECTING" 20 &&
    target_line a | grep -q CONNECTED &&
    target_line demo | grep -q CONNECTED &&
    # The demo keeps sending: its last update stays recent.
    wait_for "target_line demo | grep -qE \" [01]s ago\""
'

test_expect_success 'started again (another application on its port): only its new tasks' '
    start_peer --scenario lints --listen "$B" &&
    wait_screen "^targets: 4 of 4 connected" 30 &&
    wait_for "target_line b | grep -q CONNECTED" &&
    press_until "selected_row | grep -q \"^ *b \"" Down &&
    press "connection: b http" Enter &&
    wait_screen "never-yields" &&
    ! screen | grep -q "db-worker" &&
    press "^Targets \(4\)" a &&
    press_until "selected_row | grep -q \"^ *a \"" Up
'

test_expect_success 'enter: the lists of the selected target' '
    press_until "selected_row | grep -q \"^ *c \"" Down Down &&
    press "connection: c http" Enter &&
    wait_screen "never-yields" &&
    ! screen | grep -q "db-worker"
'

test_expect_success 'space in the targets view pauses the selected target only' '
    press "^Targets \(4\)" a &&
    press_until "selected_row | grep -q \"^ *demo \"" End &&
    press "PAUSED" " " &&
    target_line demo | grep -q PAUSED &&
    target_line a | grep -q CONNECTED &&
    wait_screen "^targets: 4 of 4 connected; demo: paused; a, b, c: connected" &&
    press_until "! target_line demo | grep -q PAUSED" " " &&
    wait_screen "^targets: 4 of 4 connected; a, b, c, demo: connected"
'

test_expect_success 'q quits' '
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_expect_success 'one target: no targets line, no targets view' '
    start_console "http://$A" &&
    wait_screen "db-worker" &&
    ! screen | grep -q "^targets:" &&
    ! screen | grep -q "a = targets" &&
    send_keys q &&
    wait_console_exit
'

test_expect_success 'a targets file read again on SIGHUP: targets join and leave' '
    echo "a=http://$A" >"$TRASH/fleet" &&
    start_console --targets-file "$TRASH/fleet" &&
    wait_screen "db-worker" &&
    printf "a=http://%s\nc=http://%s  # the lints\n" "$A" "$C" >"$TRASH/fleet" &&
    kill -HUP "$(console_pid)" &&
    wait_screen "targets read again: .c. joins" &&
    wait_screen "^targets: 2 of 2 connected" 20 &&
    echo "c=http://$C" >"$TRASH/fleet" &&
    kill -HUP "$(console_pid)" &&
    wait_screen "targets read again: .a. leaves" &&
    wait_screen "connection: http://$C .CONNECTED."
'

test_expect_success 'a bad targets file on SIGHUP: a notice, the old list stays' '
    echo "not a target" >>"$TRASH/fleet" &&
    kill -HUP "$(console_pid)" &&
    wait_screen "targets not read again, the old list stays: .*fleet:2: " &&
    screen | head -1 | grep -q "connection: http://$C (CONNECTED)" &&
    send_keys q &&
    wait_console_exit
'

test_expect_success 'hostile peers beside a healthy one: the healthy one updates' '
    hostile= &&
    for mode in garbage bad-protobuf silent blackhole rst http1; do
        "$TOP/t/helper/wire-hostile" --mode $mode --port-file "$TRASH/$mode.port" >$mode.log 2>&1 &
        PEER_PIDS="$PEER_PIDS $!" &&
        wait_for "test -s \"$TRASH/$mode.port\"" &&
        hostile="$hostile $mode=http://127.0.0.1:$(cat "$TRASH/$mode.port")" || return 1
    done &&
    start_console "good=http://$D" $hostile &&
    # silent holds its connection: it counts as connected, with no update.
    wait_screen "^targets: [12] of 7 connected; " 20 &&
    press "^Targets \(7\)" a &&
    wait_for "target_line garbage | grep -qE \"RECONNECTING|CONNECTING\"" &&
    wait_for "target_line good | grep -qE \" [01]s ago\"" &&
    before=$(target_line good) &&
    wait_for "test \"\$(target_line good)\" != \"$before\"" &&
    target_line good | grep -qE "CONNECTED +[0-9]{3}" &&
    target_line silent | grep -q " never " &&
    press "^Tasks \([0-9]{3}" t &&
    screen | head -1 | grep -q "connection: good http" &&
    send_keys q &&
    wait_console_exit
'

test_done
