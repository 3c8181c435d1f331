#!/bin/sh
# --record keeps a live session, across a restart of the application, and
# `replay` shows it again screen for screen: the task list in the middle
# of the session (the application paused for a while after its restart)
# and at the last update equals what the live console showed then.  Then
# the playback keys, the timeline and the keys a recording cannot honour.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

REC="$TRASH/session.tcr"

now_ms () { date +%s%3N; }

# The task list (from its column titles down), without trailing blanks.
table () {
    screen | sed -n '/^Warn  *ID/,$p' | sed 's/ *$//' | sed '/^$/d'
}

# True when the task list stays the same for half a second.
table_settled () {
    table >"$TRASH/.t1" && sleep 0.5 && table >"$TRASH/.t2" &&
    grep -q "db-worker" "$TRASH/.t1" && cmp -s "$TRASH/.t1" "$TRASH/.t2"
}

test_expect_success 'setup: a live session recorded with --record' '
    start_peer --scenario basic &&
    port=$PEER_PORT &&
    started=$(date +%s) &&
    started_ms=$(now_ms) &&
    start_console --record "$REC" "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    test -s "$REC"
'

test_expect_success 'the application restarts while recording' '
    stop_peer &&
    wait_screen "RECONNECTING in" 20 &&
    start_peer --scenario basic --listen "127.0.0.1:$port" &&
    wait_screen "\(CONNECTED\)" 20 &&
    wait_screen "db-worker" &&
    # The seek tests below want more than 10 s of recording.
    wait_for "test \$(date +%s) -ge $((started + 12))" 20
'

# In the middle: paused for 4 s at least, so that a replay playing at 1x
# from just before it is sure to stand there a while.
test_expect_success 'mid-session: paused, the live task list stands still; resumed' '
    send_keys Space &&
    wait_screen "  PAUSED" &&
    paused_at=$(( $(now_ms) - started_ms )) &&
    wait_for table_settled 10 &&
    cp "$TRASH/.t1" mid-table &&
    wait_for "test \$(( \$(now_ms) - started_ms - paused_at )) -ge 4000" 10 &&
    send_keys Space &&
    wait_for "! screen | grep -q \"  PAUSED\"" 10 &&
    wait_for "table >\"$TRASH/.t3\" && ! cmp -s mid-table \"$TRASH/.t3\"" 10
'

test_expect_success 'paused, the live task list stands still; quit' '
    send_keys Space &&
    wait_screen "  PAUSED" &&
    wait_for table_settled 10 &&
    cp "$TRASH/.t1" live-table &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

# From 2 s before the live pause (the header says when it was within a
# second), playing at 1x: when the recorded pause shows, the replay is
# paused there and its task list is the one the live console showed.
test_expect_success 'replay: mid-session, the same task list as live' '
    from=$(( paused_at / 1000 - 2 )) &&
    test $from -ge 0 || from=0 &&
    start_console replay "$REC" --start "${from}s" &&
    wait_screen "^replay: PLAYING 1x" &&
    wait_screen "  PAUSED" 20 &&
    send_keys Space &&
    wait_screen "^replay: PAUSED" &&
    screen | head -1 | grep -q "  PAUSED" &&
    table >replay-mid-table &&
    test_cmp mid-table replay-mid-table &&
    send_keys q &&
    wait_console_exit
'

test_expect_success 'replay: at its end, the same task list' '
    start_console replay "$REC" &&
    wait_screen "^replay: PLAYING 1x" &&
    send_keys "\$" &&
    wait_screen "^replay: END" &&
    wait_screen "  PAUSED" &&
    table >replay-table &&
    test_cmp live-table replay-table
'

test_expect_success 'the header says it is a recording, with the restart on the timeline' '
    screen | head -1 | grep -q "RECORDED: CONNECTED" &&
    drop=$(printf "\342\234\227") &&
    screen | grep "^replay: END" | grep -q "$drop"
'

test_expect_success 'keys that would talk to the application say they cannot' '
    send_keys R &&
    wait_screen "^a recording cannot reconnect"
'

test_expect_success '0 goes to the start: no tasks yet' '
    send_keys 0 &&
    wait_screen "^replay: PAUSED \(1x\) 0s " &&
    wait_screen "^Tasks \(0\)"
'

test_expect_success '. steps one update: the first carries every task' '
    send_keys . &&
    wait_screen "^Tasks \(8\)" &&
    screen | grep -q "^replay: PAUSED"
'

test_expect_success '+ and - change the speed' '
    send_keys + &&
    wait_screen "^replay: PAUSED \(2x\)" &&
    send_keys + + + &&
    wait_screen "^replay: PAUSED \(max\)" &&
    send_keys - - - - - &&
    wait_screen "^replay: PAUSED \(0.25x\)"
'

test_expect_success '] seeks 10 s on, [ back' '
    send_keys "]" &&
    wait_screen "^replay: PAUSED \(0.25x\) 10s " &&
    send_keys "[" &&
    wait_screen "^replay: PAUSED \(0.25x\) 0s "
'

test_expect_success '} seeks to the end at most, { back to the start at least' '
    send_keys "}" &&
    wait_screen "^replay: END" &&
    send_keys "{" &&
    wait_screen "^replay: PAUSED \(0.25x\) 0s "
'

test_expect_success 'space plays again, to the end' '
    send_keys + + + + &&
    send_keys Space &&
    wait_screen "^replay: END" 20 &&
    table >end-table &&
    test_cmp live-table end-table
'

test_expect_success 'the help lists the playback keys' '
    send_keys "?" &&
    wait_screen "space +play or pause the recording" &&
    send_keys "?" &&
    wait_screen "^Warn +ID"
'

test_expect_success 'q quits the replay' '
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_expect_success '--start 10s starts there' '
    start_console replay "$REC" --start 10s &&
    wait_screen "^replay: PLAYING 1x 1[0-9]s " &&
    wait_screen "db-worker" &&
    send_keys q &&
    wait_console_exit
'

test_done
