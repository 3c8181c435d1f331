#!/bin/sh
# SIGTERM, SIGHUP and SIGINT end the console promptly every time, with the
# terminal restored; so does a terminal that goes away.  Each signal is
# sent to SIGNAL_RUNS (default 50) fresh consoles, each once its screen is
# up and connected.  The timings are printed (-v), not asserted: only the
# exit, within a generous deadline.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")

PTY_EXIT="$TOP/t/helper/pty-exit"
RUNS=${SIGNAL_RUNS:-50}
# A sanitizer build checks for leaks at exit, which takes its time.
DEADLINE=2000
test_have_prereq FULL_SPEED || DEADLINE=5000

test_expect_success 'setup: a peer' '
    start_peer --scenario basic
'

for sig in TERM HUP INT; do
    test_expect_success "SIG$sig ends the console, $RUNS times out of $RUNS" '
        "$PTY_EXIT" --runs $RUNS --signal '$sig' --deadline $DEADLINE -v -- \
            "$TC" "http://$PEER_ADDR" >out
        rc=$?
        cat out
        test $rc = 0 && grep -q "^'$sig': $RUNS runs, 0 failed" out
    '
done

test_expect_success 'a terminal that is closed ends the console' '
    "$PTY_EXIT" --runs 5 --signal hangup --deadline $DEADLINE -v -- \
        "$TC" "http://$PEER_ADDR" >out
    rc=$?
    cat out
    test $rc = 0
'

test_expect_success 'so it does with SIGHUP ignored: standard input has gone' '
    "$PTY_EXIT" --runs 5 --signal hangup --ignore-hup --deadline $DEADLINE -v -- \
        "$TC" "http://$PEER_ADDR" >out
    rc=$?
    cat out
    test $rc = 0
'

test_done
