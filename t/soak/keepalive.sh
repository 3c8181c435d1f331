#!/bin/sh
# Ten minutes, in real time, against gRPC-core servers that police pings
# with gRPC core's defaults: one whose updates come 60 s apart (the
# console never needs to ping) and one that sends nothing after its first
# update (the console pings after 5 minutes of silence, twice).  Neither
# may close the connection.  SOAK_SECONDS shortens the run.

TEST_DIRECTORY=$(cd "$(dirname "$0")/.." && pwd)
. "$TEST_DIRECTORY/test-lib.sh"
test_skip_all_unless PEER

# figure TEXT: a line for the summary, printed whether the test passes or not.
figure () {
    echo "$*" >>"$TRASH/figures"
}

PROBE="$TOP/t/helper/wire-probe"
: "${SOAK_SECONDS:=600}"

test_expect_success "updates 60 s apart and a silent server, $SOAK_SECONDS s each" '
    start_peer --ping-policy grpc-default --interval 60000 && slow=$PEER_ADDR &&
    start_peer --ping-policy grpc-default --interval 100000000 && silent=$PEER_ADDR &&
    mkdir -p log &&
    { "$PROBE" --quiet-updates --until disconnected --timeout "$SOAK_SECONDS" \
        "http://$slow" >slow.out & } && p1=$! &&
    { "$PROBE" --log-dir log --until disconnected --timeout "$((SOAK_SECONDS + 10))" \
        "http://$silent" >silent.out & } && p2=$! &&
    wait $p1; wait $p2;
    cat slow.out silent.out log/* &&
    pings=$(cat log/* | grep -c "keepalive ping"; :) &&
    figure "60 s updates: $(grep -c "^connected" slow.out) connection(s), $(grep -c "^disconnected" slow.out) disconnect(s)" &&
    figure "silent server: $(grep -c "^connected" silent.out) connection(s), $(grep -c "^disconnected" silent.out) disconnect(s), $pings keepalive ping(s)" &&
    ! grep "^disconnected" slow.out silent.out &&
    test "$(grep -c "^connected" slow.out)" = 1 &&
    test "$(grep -c "^connected" silent.out)" = 1
'

test -f "$TRASH/figures" && sed -e 's/^/# /' "$TRASH/figures"
test_done
