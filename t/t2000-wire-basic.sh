#!/bin/sh
# The wire client against the gRPC peer: every transport, every RPC,
# reconnecting, large messages, shutdown.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

PROBE="$TOP/t/helper/wire-probe"

test_expect_success 'updates over http (ipv4 literal)' '
    start_peer --scenario basic &&
    "$PROBE" --until update --timeout 10 "http://$PEER_ADDR" >out &&
    grep "^connected generation=1$" out &&
    grep "^update tasks=8 stats=8 resources=1 " out
'

test_expect_success 'a DNS name (localhost), every address tried' '
    "$PROBE" --until update --timeout 10 "http://localhost:$PEER_PORT" >out &&
    grep "^update tasks=8 " out
'

# An owner too busy to take events lets the ring between the threads fill
# up, and the network thread stops reading until the owner has taken
# some.  A ring of 8 events, filled twenty times over, by updates 20 ms
# apart, so that the last push that fills it often finds nothing more
# read: the owner must wake the network thread each time all the same.
test_expect_success 'a ring the owner filled and then emptied: reading goes on' '
    start_peer --scenario basic --interval 20 &&
    "$PROBE" --ring-slots 8 --stall-ms 250 --stall-every 8 --updates 400 --quiet-updates --timeout 30 \
        "http://$PEER_ADDR" >out &&
    ! grep -q "^timeout" out
'

if "$PROBE" --until disconnected --timeout 5 "http://[::1]:1" 2>/dev/null |
        grep -q "connection refused"; then
    test_set_prereq IPV6
fi

test_expect_success IPV6 'an ipv6 literal' '
    start_peer --scenario basic --listen "[::1]:0" &&
    "$PROBE" --until update --timeout 10 "http://[::1]:$PEER_PORT" >out &&
    grep "^update tasks=8 " out
'

test_expect_success 'a unix socket (file://)' '
    start_peer --scenario basic --listen "unix:$TRASH/c.sock" &&
    "$PROBE" --until update --timeout 10 "file://$TRASH/c.sock" >out &&
    grep "^update tasks=8 " out &&
    "$PROBE" --until update --timeout 10 "file://localhost$TRASH/c.sock" >out &&
    grep "^update tasks=8 " out
'

test_expect_success 'a unix socket that is not there' '
    "$PROBE" --until disconnected --timeout 10 "file://$TRASH/nothing.sock" >out &&
    grep "^disconnected: cannot connect to .$TRASH/nothing.sock.: no such file or directory$" out
'

test_expect_success 'vsock fails clearly where there is none' '
    "$PROBE" --until disconnected --timeout 10 "vsock://2:6669" >out &&
    grep "^disconnected: cannot connect to .vsock 2:6669.: " out
'

test_expect_success 'pause and resume, with the state stream' '
    start_peer --scenario basic &&
    "$PROBE" --pause --resume --until "pause-result resume" --timeout 10 "http://$PEER_ADDR" >out &&
    grep "^pause-result pause ok$" out &&
    grep "^state paused$" out &&
    grep "^pause-result resume ok$" out
'

test_expect_success 'old subscriber: WatchState unimplemented, updates and pause still work' '
    start_peer --scenario basic --no-watch-state &&
    "$PROBE" --pause --until "pause-result" --timeout 10 "http://$PEER_ADDR" >out &&
    grep "^state-unsupported$" out &&
    grep "^update tasks=8 " out &&
    grep "^pause-result pause ok$" out &&
    ! grep "^disconnected" out
'

test_expect_success 'task details: opened, then cancelled' '
    start_peer --scenario basic &&
    "$PROBE" --until update --timeout 10 "http://$PEER_ADDR" >out &&
    id=$(sed -n "s/^update .* first=\([0-9]*\)$/\1/p" out | head -1) &&
    test -n "$id" &&
    "$PROBE" --details "$id" --stop-details --count 8 --timeout 10 "http://$PEER_ADDR" >out &&
    grep "^details task=$id$" out &&
    test $(grep -c "^details task=" out) = 1 &&
    ! grep "^rpc-error" out
'

test_expect_success 'reconnect after the peer is killed and restarted on the same port' '
    start_peer --scenario basic &&
    port=$PEER_PORT && first=$PEER_PID &&
    { "$PROBE" --until "connected generation=2" --timeout 20 "http://$PEER_ADDR" >out 2>&1 & } &&
    probe=$! && PEER_PIDS="$PEER_PIDS $probe" &&
    wait_for "grep -q ^update out" 10 &&
    stop_peer "$first" &&
    wait_for "grep -q ^disconnected out" 10 &&
    start_peer --scenario basic --listen "127.0.0.1:$port" &&
    wait $probe &&
    grep "^disconnected: .127.0.0.1:$port. ended the update stream$" out &&
    grep "^connected generation=2$" out
'

test_expect_success 'an update over the size limit is skipped and reported once' '
    start_peer --scenario basic &&
    "$PROBE" --max-message-size 1000 --until "update" --timeout 10 "http://$PEER_ADDR" >out &&
    grep "^rpc-error WatchUpdates: skipped a 3\.[0-9] KiB message from .$PEER_ADDR.: larger than the limit of 1000 bytes (raise it with --max-message-size)$" out &&
    test $(grep -c "^rpc-error" out) = 1 &&
    ! grep "^disconnected" out
'

test_expect_success 'a 100 MB update crosses loopback; the owner never waits on it' '
    cat >big.scn <<-\EOS &&
	task big name="n"*1000 field.blob=s:"0123456789"*10000000
	EOS
    start_peer --wait 120 --scenario "$TRASH/big.scn" &&
    "$PROBE" --loop-ms 20 --until update --timeout 60 "http://$PEER_ADDR" >out &&
    cat out &&
    grep "^update tasks=1 .* bytes=1000[0-9][0-9][0-9][0-9][0-9]" out &&
    # Receiving and decoding 100 MB takes far longer than any of the
    # calls the owner makes meanwhile: those only take finished events.
    sed -n "s/^loop iterations=\([0-9]*\) longest-gap=\([0-9]*\) longest-call=\([0-9]*\)$/\1 \2 \3/p" out >loop &&
    read iterations gap call <loop &&
    echo "# longest gap ${gap} ms, longest call ${call} ms" &&
    # The owner loop kept turning while the message was on its way
    # (timings are for make bench; a loaded machine stretches them).
    test "$iterations" -ge 10
'

# The first update carries every task and its stats; each later one the
# stats of the tasks polled since (all of them are polled once an
# interval, though a publish may fall in the middle of the polls).
test_expect_success FULL_SPEED 'stats of 100 k tasks decode whole, update after update' '
    cat >many.scn <<-\EOS &&
	interval 500ms
	repeat 100000 task t{i}
	repeat 100000 every 500ms poll t{i}
	EOS
    start_peer --wait 120 --scenario "$TRASH/many.scn" &&
    "$PROBE" --updates 3 --timeout 120 "http://$PEER_ADDR" >out &&
    cat out &&
    grep "^update " out >updates &&
    head -1 updates | grep "^update tasks=100000 stats=100000 " &&
    test $(sed 1d updates | grep -c "^update tasks=[0-9]* stats=[1-9][0-9]* ") -ge 2
'

test_expect_success 'shutdown closes at once' '
    start_peer --scenario basic &&
    "$PROBE" --shutdown-after 2 --timeout 10 "http://$PEER_ADDR" >out &&
    sed -n "s/^closed in \([0-9]*\) ms state=closed$/\1/p" out >ms &&
    # No waiting on the peer or on a timeout (which would take seconds);
    # the 100 ms figure itself is measured by make bench.
    test -s ms && test $(cat ms) -lt 1000
'

test_done
