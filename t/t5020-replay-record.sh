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

# same_table WANT GOT: waits until the task list is WANT (the last frame may
# still be on its way), keeping it in GOT; test_cmp shows how it differs.
same_table () {
    wait_for "table >$2 && cmp -s $1 $2" || test_cmp "$1" "$2"
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
    press "  PAUSED" Space &&
    paused_at=$(( $(now_ms) - started_ms )) &&
    wait_for table_settled 10 &&
    cp "$TRASH/.t1" mid-table &&
    wait_for "test \$(( \$(now_ms) - started_ms - paused_at )) -ge 4000" 10 &&
    press_until "! screen | grep -q \"  PAUSED\"" Space &&
    wait_for "table >\"$TRASH/.t3\" && ! cmp -s mid-table \"$TRASH/.t3\"" 10
'

test_expect_success 'paused, the live task list stands still; quit' '
    press "  PAUSED" Space &&
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
    press "^replay: PAUSED" Space &&
    screen | head -1 | grep -q "  PAUSED" &&
    same_table mid-table replay-mid-table &&
    send_keys q &&
    wait_console_exit
'

test_expect_success 'replay: at its end, the same task list' '
    start_console replay "$REC" &&
    wait_screen "^replay: PLAYING 1x" &&
    press "^replay: END" "\$" &&
    wait_screen "  PAUSED" &&
    same_table live-table replay-table
'

test_expect_success 'the header says it is a recording, with the restart on the timeline' '
    screen | head -1 | grep -q "RECORDED: CONNECTED" &&
    drop=$(printf "\342\234\227") &&
    screen | grep "^replay: END" | grep -q "$drop"
'

test_expect_success 'keys that would talk to the application say they cannot' '
    press "^a recording cannot reconnect" R
'

test_expect_success '0 goes to the start: no tasks yet' '
    press "^replay: PAUSED \(1x\) 0s " 0 &&
    wait_screen "^Tasks \(0\)"
'

test_expect_success '. steps one update: the first carries every task' '
    press "^Tasks \(8\)" . &&
    wait_screen "^replay: PAUSED \(1x\) "
'

test_expect_success '+ and - change the speed' '
    press "^replay: PAUSED \(2x\)" + &&
    press "^replay: PAUSED \(10x\)" + &&
    press "^replay: PAUSED \(max\)" + &&
    # At the fastest a + changes nothing: the - after it is one step down.
    press "^replay: PAUSED \(10x\)" + - &&
    press "^replay: PAUSED \(2x\)" - &&
    press "^replay: PAUSED \(1x\)" - &&
    press "^replay: PAUSED \(0.25x\)" - &&
    # So at the slowest with a -.
    press "^replay: PAUSED \(1x\)" - + &&
    press "^replay: PAUSED \(0.25x\)" -
'

test_expect_success '] seeks 10 s on, [ back' '
    press "^replay: PAUSED \(0.25x\) 10s " "]" &&
    press "^replay: PAUSED \(0.25x\) 0s " "["
'

test_expect_success '} seeks to the end at most, { back to the start at least' '
    press "^replay: END" "}" &&
    press "^replay: PAUSED \(0.25x\) 0s " "{"
'

test_expect_success 'space plays again, to the end' '
    press "^replay: PAUSED \(max\)" + + + + &&
    # At the fastest it takes a moment to go through the whole recording.
    press --wait 20 "^replay: END" Space &&
    same_table live-table end-table
'

test_expect_success 'the help lists the playback keys' '
    press "space +play or pause the recording" "?" &&
    # The task list shows around the help: the help going is the effect.
    press_until "! screen | grep -q \"play or pause the recording\"" "?" &&
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
