#!/bin/sh
# tokio-console dump's exit statuses and snapshots: --fail-on against the
# peer's lint scenario (0 when the lints named stay quiet, 1 with the
# tasks named when one fires), 3 for a target that cannot be reached
# within --connect-timeout, 2 and one line for a bad command line; --watch
# prints one snapshot per interval.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER

TC="$TOP/$TOKIO_CONSOLE"
HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
export HOME XDG_CONFIG_HOME

# test_expect_code STATUS COMMAND...: the command exits with STATUS.
test_expect_code () {
    tec_want_=$1
    shift
    "$@"
    tec_got_=$?
    test "$tec_got_" = "$tec_want_" || {
        echo "exit status $tec_got_, wanted $tec_want_: $*" >&2
        return 1
    }
}

test_expect_success 'the peer serves the lint scenario' '
    start_peer --scenario lints &&
    LINTS="http://$PEER_ADDR"
'

test_expect_success '--fail-on lost-waker: status 1, the task named on stderr' '
    test_expect_code 1 "$TC" dump --fail-on lost-waker "$LINTS" >out 2>err &&
    grep -q "lost-waker" out &&
    test "$(cat err)" = "error: task 2 '\''lost-waker'\'' (src/lints.rs:20:5): lost-waker"
'

test_expect_success '--fail-on never-yielded,lost-waker: both tasks' '
    test_expect_code 1 "$TC" dump --fail-on never-yielded,lost-waker --format csv "$LINTS" >out 2>err &&
    test $(wc -l <err) = 2 &&
    grep -q "^error: task 3 .never-yields. (src/lints.rs:30:5): never-yielded$" err
'

test_expect_success '--fail-on any: status 1' '
    test_expect_code 1 "$TC" dump --fail-on any --format jsonl "$LINTS" >out 2>err &&
    test $(wc -l <err) = 5
'

test_expect_success '--fail-on a lint --warn leaves out still fires' '
    test_expect_code 1 "$TC" dump -W self-wakes --fail-on lost-waker "$LINTS" >out 2>err &&
    grep -q lost-waker err
'

test_expect_success '--fail-on checks only the tasks --filter keeps' '
    "$TC" dump --fail-on auto-boxed-future --filter name=healthy "$LINTS" >out 2>err &&
    grep -q healthy out &&
    test ! -s err &&
    "$TC" dump --fail-on any --filter name=healthy --view warnings "$LINTS" >out 2>err &&
    test ! -s err
'

test_expect_success '--fail-on with --filter: a kept task that fires is status 1' '
    test_expect_code 1 "$TC" dump --fail-on auto-boxed-future --filter "name:auto|healthy" "$LINTS" >out 2>err &&
    test "$(cat err)" = "error: task 4 '\''auto-boxed'\'' (src/lints.rs:40:5): auto-boxed-future"
'

test_expect_success '--fail-on in the warnings view: the warnings --filter keeps' '
    test_expect_code 1 "$TC" dump --view warnings --fail-on any --filter "message~waker" "$LINTS" >out 2>err &&
    test "$(cat err)" = "error: task 2 '\''lost-waker'\'' (src/lints.rs:20:5): lost-waker" &&
    test $(grep -c "^lost-waker " out) = 1 &&
    "$TC" dump --view warnings --fail-on lost-waker --filter "!lint:lost-waker" "$LINTS" >out 2>err &&
    test ! -s err
'

test_expect_success '--filter of resources: --fail-on checks every task' '
    test_expect_code 1 "$TC" dump --view resources --filter kind:timer --fail-on lost-waker "$LINTS" >out 2>err &&
    grep -q "^error: task 2 " err
'

test_expect_success 'a healthy application with --fail-on any: status 0' '
    start_peer --scenario basic &&
    "$TC" dump --fail-on any "http://$PEER_ADDR" >out 2>err &&
    test ! -s err
'

test_expect_success 'an unreachable target: status 3 within --connect-timeout, one line' '
    start=$(date +%s) &&
    test_expect_code 3 "$TC" dump --connect-timeout 1s http://127.0.0.1:9 >out 2>err &&
    test $(( $(date +%s) - start )) -le 4 &&
    test ! -s out &&
    test $(wc -l <err) = 1 &&
    grep -q "^error: cannot reach '\''http://127.0.0.1:9'\'' within 1s" err
'

test_expect_success '--watch --count 3: three tables, a blank line between' '
    "$TC" dump --watch --interval 200ms --count 3 "$LINTS" >out 2>err &&
    test $(grep -c "^Warn" out) = 3 &&
    test $(grep -c "^$" out) = 2 &&
    test ! -s err
'

test_expect_success '--watch --count 3 as CSV: the header once, a time column' '
    "$TC" dump --watch --interval 200ms --count 3 --format csv --limit 2 "$LINTS" >out &&
    test $(wc -l <out) = 7 &&
    test $(grep -c "^time,id,name," out) = 1 &&
    test $(sed 1d out | grep -c "^20[0-9-]*T[0-9:.]*Z,") = 6
'

test_expect_success '--watch --count 3 as JSON lines: every row has its time' '
    "$TC" dump --watch --interval 200ms --count 3 --format jsonl --view warnings "$LINTS" >out &&
    test $(wc -l <out) = 15 &&
    test $(grep -c "^{\"time\":\"20[0-9-]*T" out) = 15
'

test_expect_success '--watch stops on SIGTERM with status 0' '
    rm -f out err
    "$TC" dump --watch --interval 100ms --format csv "$LINTS" >out 2>err &
    pid=$! &&
    wait_for "test -f out && test \$(wc -l <out) -gt 10" &&
    kill -TERM $pid &&
    wait $pid &&
    test ! -s err
'

test_expect_success '--watch --fail-on ended by SIGTERM: the status it has earned' '
    rm -f out err
    "$TC" dump --watch --interval 100ms --fail-on lost-waker --format csv "$LINTS" >out 2>err &
    pid=$! &&
    wait_for "test -f out && test \$(wc -l <out) -gt 10" &&
    kill -TERM $pid &&
    test_expect_code 1 wait $pid &&
    grep -q "lost-waker" err
'

# The peer starts here, so that both watches are up well within the 3 s
# before the task completes.
test_expect_success '--watch: a task counts when --filter kept it as its lint fired' '
    rm -f done.out &&
    start_peer --scenario fail-on &&
    FAIL_ON="http://$PEER_ADDR" &&
    { "$TC" dump --watch --interval 200ms --count 25 --fail-on lost-waker --filter state:done --format csv \
        "$FAIL_ON" >done.out 2>done.err & } &&
    done_pid=$! &&
    test_expect_code 1 "$TC" dump --watch --interval 200ms --count 25 --fail-on lost-waker \
        --filter "!state:done" --format csv "$FAIL_ON" >live.out 2>live.err &&
    grep -q ",lost-waker,idle," live.out &&
    grep -q "^error: task 1 .lost-waker." live.err &&
    wait $done_pid &&
    grep -q ",lost-waker,done," done.out &&
    test ! -s done.err
'

# usage ARGS...: status 2, one line on stderr, nothing on stdout.
usage () {
    test_expect_code 2 "$TC" "$@" >out 2>err &&
    test ! -s out &&
    test $(wc -l <err) = 1 &&
    grep -q "^error: " err
}

test_expect_success '--fail-on long-poll is refused: dump watches no poll times' '
    usage dump --fail-on long-poll "$LINTS" &&
    grep -q "^error: option .--fail-on.: long-poll needs each task.s poll times, which dump does not watch$" err &&
    usage dump --fail-on lost-waker,long-poll &&
    grep -q "long-poll needs" err
'

test_expect_success '--fail-on names the lints it can check: any and five' '
    usage dump --fail-on nothing-like-it &&
    grep -q "(any, self-wakes, lost-waker, never-yielded, auto-boxed-future, large-future)$" err
'

test_expect_success 'usage errors: status 2 and one line' '
    usage dump --view threads &&
    grep -q "unknown value .threads." err &&
    usage dump --format xml &&
    usage dump --sort nosuch "$LINTS" &&
    grep -q "no field .nosuch." err &&
    usage dump --sort total:sideways &&
    usage dump --filter "state:idel" "$LINTS" &&
    grep -q "option .--filter.: at " err &&
    usage dump --limit many &&
    usage dump --count 3 &&
    usage dump --interval 0s --watch &&
    usage dump --fail-on nothing-like-it &&
    usage dump --no-such-option &&
    usage dump http://127.0.0.1:1 http://127.0.0.1:1 &&
    usage dump --at 1s &&
    usage dump --connect-timeout soon
'

test_expect_success 'dump options without dump are refused' '
    test_expect_code 2 "$TC" --view tasks 2>err &&
    grep -q "option .--view. only applies to .dump." err
'

test_expect_success 'dump --help and help dump: the options and the exit statuses' '
    "$TC" dump --help >a &&
    "$TC" help dump >b &&
    test_cmp a b &&
    grep -q -- "--fail-on <LINTS>" a &&
    grep -q "Exit status" a &&
    ! "$TC" --help | grep -q -- "--fail-on"
'

command -v man >/dev/null 2>&1 && test_set_prereq MAN
test_expect_success MAN 'tokio-console(1) documents every dump option' '
    MANWIDTH=200 man -l "$TOP/man/tokio-console.1" 2>/dev/null >page &&
    "$TC" dump --help | grep -o -e "--[a-z][-a-z]*" | sort -u >options &&
    test $(wc -l <options) -ge 10 &&
    while read o; do grep -q -e "$o" page || { echo "undocumented $o"; return 1; }; done <options
'

test_done
