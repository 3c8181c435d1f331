#!/bin/sh
# `replay` reads console-subscriber's own recordings (JSON lines, told by
# their content, whatever the file is called): the tasks by name, the
# header saying what that format does not carry, seeking in it.

. "$(dirname "$0")/test-lib.sh"
require_fixtures record
CONSOLE_SIZE=160x40

test_expect_success 'setup: the two real recordings, decompressed' '
    xz -dc "$FIXTURES_DIR/record/app.record.jsonl.xz" >"$TRASH/app.rec" &&
    xz -dc "$FIXTURES_DIR/record/load.record.jsonl.xz" >"$TRASH/load.jsonl" &&
    test -s "$TRASH/app.rec" && test -s "$TRASH/load.jsonl"
'

test_expect_success 'app (0.1.10): its tasks by name at the end' '
    start_console replay "$TRASH/app.rec" &&
    wait_screen "^no resources, async ops, histograms or spawn locations in this format" &&
    press "^replay: END" "\$" &&
    wait_screen " task1 " &&
    wait_screen " task2 " &&
    wait_screen " wait "
'

test_expect_success 'app: 0 goes back to the start, before any task' '
    press "^replay: PAUSED \(1x\) 0s " 0 &&
    wait_screen "^Tasks \(0\)" &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_expect_success 'load (0.5.0): 12 s, with its workers, at full speed to the end' '
    start_console replay "$TRASH/load.jsonl" &&
    wait_screen "^replay: PLAYING 1x 0s / 1[12]s " &&
    # Paused while the speed goes up, so that max shows before the end.
    press "^replay: PAUSED \(1x\)" Space &&
    press "^replay: PAUSED \(max\)" + + + &&
    press --wait 20 "^replay: END" Space &&
    wait_screen " worker-0 " &&
    wait_screen " worker-6 "
'

test_expect_success 'load: a seek back lands where it was asked' '
    press "^replay: PAUSED \(max\) [12]s " "[" &&
    wait_screen "^Tasks \([1-9]" &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_done
