#!/bin/sh
# Keepalive against a gRPC-core server that polices pings as gRPC core does
# by default: one PING per 5 minutes of the server's silence, a GOAWAY
# "too_many_pings" on the third strike.  Time runs 100 times faster here:
# TOKIO_CONSOLE_TEST_KEEPALIVE_MS sets the client's keepalive time (and
# scales its timeout alike) and the peer's --min-ping-interval the
# server's; `make soak` runs the first test in real time.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

PROBE="$TOP/t/helper/wire-probe"
SCALED_5MIN=3000   # 5 minutes at 1/100

# police: a peer with gRPC core's ping policy, its interval scaled.
police () {
    start_peer --ping-policy grpc-default --min-ping-interval "${MIN_PING:-$SCALED_5MIN}" "$@"
}

# ms_since T0: milliseconds from T0 (date +%s%N) to now.
ms_since () {
    echo $(( ($(date +%s%N) - $1) / 1000000 ))
}

test_expect_success 'updates 60 s apart: connected for 10 minutes, no GOAWAY' '
    police --interval 600 &&
    ! TOKIO_CONSOLE_TEST_KEEPALIVE_MS=$SCALED_5MIN \
        "$PROBE" --until disconnected --timeout 6 "http://$PEER_ADDR" >out &&
    cat out &&
    test "$(grep -c "^connected" out)" = 1 &&
    test "$(grep -c "^update" out)" -ge 9 &&
    ! grep "^disconnected" out &&
    tail -1 out | grep "^timeout$"
'

test_expect_success 'a silent server: pings every 5 minutes are accepted' '
    police --interval 100000000 &&
    mkdir -p log &&
    ! TOKIO_CONSOLE_TEST_KEEPALIVE_MS=$SCALED_5MIN \
        "$PROBE" --log-dir log --until disconnected --timeout 14 "http://$PEER_ADDR" >out &&
    cat out log/* &&
    ! grep "^disconnected" out &&
    test "$(grep -c "keepalive ping to .$PEER_ADDR. after 3 s" log/*)" -ge 3
'

test_expect_success 'too_many_pings doubles the keepalive time, for later connections too' '
    MIN_PING=5000 police --interval 100000000 &&
    TOKIO_CONSOLE_TEST_KEEPALIVE_MS=500 \
        start_console --log debug --log-dir "$TRASH/clog" "http://$PEER_ADDR" &&
    wait_for "grep -q \"keepalive time doubled to 2 s\" \"\$TRASH\"/clog/* 2>/dev/null" 30 &&
    log=$(ls "$TRASH"/clog/*) && cat "$log" &&
    grep "closed the connection (goaway: enhance your calm, .too_many_pings.)" "$log" &&
    grep "keepalive time doubled to 1 s" "$log" &&
    # the doubled time is used on the next connection
    grep -A30 "doubled to 1 s" "$log" | grep "keepalive ping to .* after 1 s"
'

test_expect_success 'a stopped peer is found within keepalive time + timeout, then recovered' '
    start_peer --interval 200 &&
    { TOKIO_CONSOLE_TEST_KEEPALIVE_MS=2000 "$PROBE" --quiet-updates \
        --until "connected generation=2" --timeout 60 "http://$PEER_ADDR" >out & } &&
    probe=$! &&
    wait_for "grep -q \"^connected generation=1\" out" 10 &&
    sleep 0.5 &&
    kill -STOP $PEER_PID && t0=$(date +%s%N) &&
    { wait_for "grep -q \"^disconnected\" out" 15; found=$?; ms=$(ms_since $t0); kill -CONT $PEER_PID; } &&
    cat out && echo "detected after $ms ms (bound: 2000 + 1000 ms)" &&
    test $found = 0 &&
    grep "^disconnected: .$PEER_ADDR. stopped responding (silent for [23] s)$" out &&
    test $ms -ge 1500 && test $ms -le 4500 &&
    wait $probe &&
    grep "^connected generation=2$" out
'

test_expect_success 'tcp keepalive is on for tcp connections' '
    start_peer --interval 200 &&
    { "$PROBE" --quiet-updates --timeout 5 "http://$PEER_ADDR" >out & } &&
    probe=$! &&
    wait_for "grep -q \"^connected\" out" 10 &&
    # While an update is in flight ss shows the retransmit timer instead.
    wait_for "ss -tno state established \"( dport = :$PEER_PORT )\" >ss.out &&
        grep -q \"timer:(keepalive,\" ss.out" 4;
    status=$?
    kill $probe; wait $probe;
    cat ss.out &&
    test $status = 0
'

test_done
