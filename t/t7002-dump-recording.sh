#!/bin/sh
# tokio-console dump --from: a recording of our own (made with --record
# against the peer's still scenario) dumps exactly as the live peer did
# (t/t7000's expected outputs), and console-subscriber's own recordings
# of real applications (shared/fixtures/record) give the outputs in
# t/t7002, at their end and part way in with --at.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE

TC="$TOP/$TOKIO_CONSOLE"
HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
COLUMNS=120
export HOME XDG_CONFIG_HOME COLUMNS
REC="$TRASH/still.tcr"

# from FILE EXPECTED ARGS...: dumps the recording, nothing on stderr.
from () {
    f_file_=$1 f_expect_=$2
    shift 2
    "$TC" --lang C.UTF-8 dump --from "$f_file_" "$@" >out 2>err &&
    test_cmp "$f_expect_" out &&
    test ! -s err
}

test_expect_success PEER,TMUX 'setup: the still scenario recorded with --record' '
    start_peer --scenario dump --frozen-clock &&
    start_console --record "$REC" "http://$PEER_ADDR" &&
    wait_screen "never-yields" &&
    wait_for "test \$(wc -c <\"$REC\") -gt 2000" 20 &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0 &&
    test_set_prereq RECORDED
'

for case in tasks.table resources.csv async-ops.jsonl warnings.json; do
    view=${case%.*} format=${case#*.}
    test_expect_success RECORDED "the recording dumps as the live peer: $case" "
        from \"\$REC\" \"\$TEST_DIRECTORY/t7000/$case\" --view $view --format $format
    "
done

test_expect_success 'a file that is no recording: status 1, one line' '
    echo "not a recording" >junk &&
    "$TC" dump --from junk >out 2>err
    test $? = 1 &&
    test ! -s out &&
    test $(wc -l <err) = 1
'

test_expect_success '--from with a target, or with --watch, is a usage error' '
    "$TC" dump --from junk http://127.0.0.1:1 2>err
    test $? = 2 &&
    "$TC" dump --from junk --watch 2>err
    test $? = 2
'

if ! test -d "$FIXTURES_DIR/record"; then
    test_skip "console-subscriber recordings: fixtures not found at $FIXTURES_DIR/record"
    test_done
fi

test_expect_success 'setup: console-subscriber recordings of real applications' '
    xz -dc "$FIXTURES_DIR/record/app.record.jsonl.xz" >"$TRASH/app.jsonl" &&
    xz -dc "$FIXTURES_DIR/record/load.record.jsonl.xz" >"$TRASH/load.jsonl"
'

EXPECT="$TEST_DIRECTORY/t7002"
test_expect_success 'app: the tasks at the end, as a table and as CSV' '
    from "$TRASH/app.jsonl" "$EXPECT/app.table" &&
    from "$TRASH/app.jsonl" "$EXPECT/app.csv" --format csv
'

test_expect_success 'load: part way in with --at' '
    from "$TRASH/load.jsonl" "$EXPECT/load.at.jsonl" --at 3s --format jsonl --limit 5 &&
    "$TC" dump --from "$TRASH/load.jsonl" --format jsonl --limit 5 >end &&
    ! cmp -s end out
'

test_expect_success 'load: --at reads durations as the table prints them' '
    from "$TRASH/load.jsonl" "$EXPECT/load.at.jsonl" --at 0m03s --format jsonl --limit 5 &&
    from "$TRASH/load.jsonl" "$EXPECT/load.at.jsonl" --at "3000 ms" --format jsonl --limit 5 &&
    from "$TRASH/load.jsonl" end --at 1m05s --format jsonl --limit 5 &&
    "$TC" dump --from "$TRASH/load.jsonl" --at 1m05 >out 2>err
    test $? = 2 &&
    grep -q "^error: option .--at.: invalid duration .1m05.: a unit is missing" err
'

test_expect_success 'load: the busiest tasks and the warnings' '
    from "$TRASH/load.jsonl" "$EXPECT/load.busiest" --sort busy:desc --limit 10 --format csv &&
    from "$TRASH/load.jsonl" "$EXPECT/load.warnings" --view warnings
'

test_expect_success 'load: --fail-on lost-waker fails, naming the task' '
    "$TC" dump --from "$TRASH/load.jsonl" --fail-on lost-waker >out 2>err
    test $? = 1 &&
    grep -q "^error: task [0-9]* .idle-forever.*: lost-waker$" err
'

test_done
