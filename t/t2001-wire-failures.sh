#!/bin/sh
# The wire client against peers that fail or misbehave: each failure ends
# in one clear line, and the client keeps going (backs off, reconnects).

. "$(dirname "$0")/test-lib.sh"

PROBE="$TOP/t/helper/wire-probe"
HOSTILE="$TOP/t/helper/wire-hostile"

# start_hostile MODE: starts a misbehaving peer; sets HPORT.
start_hostile () {
    rm -f "$TRASH/hostile.port"
    "$HOSTILE" --mode "$1" --port-file "$TRASH/hostile.port" >"$TRASH/hostile.log" 2>&1 &
    HPID=$!
    PEER_PIDS="$PEER_PIDS $HPID"
    wait_for "test -s '$TRASH/hostile.port'" 10 || return 1
    HPORT=$(cat "$TRASH/hostile.port")
}

# probe_first_error MODE: the first "disconnected:" line against MODE.
probe_disconnect () {
    start_hostile "$1" &&
    "$PROBE" --until disconnected --timeout 10 "http://127.0.0.1:$HPORT" >out
    status=$?
    stop_peer "$HPID"
    cat out
    return $status
}

test_expect_success 'connection refused' '
    start_hostile unimplemented && port=$HPORT && stop_peer "$HPID" &&
    "$PROBE" --until disconnected --timeout 10 "http://127.0.0.1:$port" >out &&
    grep "^disconnected: cannot connect to .127.0.0.1:$port.: connection refused$" out
'

test_expect_success 'host not found' '
    "$PROBE" --until disconnected --timeout 20 "http://no-such-host.invalid:6669" >out &&
    grep "^disconnected: cannot resolve .no-such-host.invalid.: " out
'

test_expect_success 'connect timeout' '
    start_hostile blackhole &&
    "$PROBE" --connect-timeout 500 --until disconnected --timeout 10 \
        "http://127.0.0.1:$HPORT" >out &&
    grep "^disconnected: cannot connect to .127.0.0.1:$HPORT.: timed out$" out
'

test_expect_success 'peer speaks HTTP/1.1' '
    probe_disconnect http1 &&
    grep "^disconnected: .127.0.0.1:$HPORT. speaks HTTP/1, not HTTP/2" out
'

test_expect_success 'peer sends bytes that are not HTTP/2' '
    probe_disconnect garbage &&
    grep "^disconnected: http/2 error from .127.0.0.1:$HPORT.: " out
'

test_expect_success 'malformed HTTP/2 frame' '
    probe_disconnect malformed &&
    grep "^disconnected: http/2 error from .127.0.0.1:$HPORT.: protocol error, DATA: stream_id == 0$" out
'

test_expect_success 'gRPC server without the Instrument service' '
    probe_disconnect unimplemented &&
    grep "^disconnected: WatchUpdates failed: unimplemented: Method not found: WatchUpdates (.127.0.0.1:$HPORT. does not serve the console; is console-subscriber installed?)$" out
'

test_expect_success 'another grpc-status, percent-decoded' '
    probe_disconnect status &&
    grep "^disconnected: WatchUpdates failed: unavailable: try again later ✓$" out
'

test_expect_success 'length prefix overruns the stream' '
    probe_disconnect overrun &&
    grep "^disconnected: WatchUpdates failed: .127.0.0.1:$HPORT. ended the stream in the middle of a message (10 of 100 bytes)$" out
'

test_expect_success 'peer closes mid-message' '
    probe_disconnect close-mid &&
    grep "^disconnected: connection to .127.0.0.1:$HPORT. lost in the middle of a WatchUpdates message (395 of 1000 bytes)" out
'

test_expect_success 'bytes that are not a protobuf Update' '
    probe_disconnect bad-protobuf &&
    grep "^disconnected: cannot decode an update from .127.0.0.1:$HPORT.: invalid protobuf (7 bytes)$" out
'

test_expect_success 'an Update framed soundly with a piece inside that does not parse' '
    probe_disconnect bad-piece &&
    grep "^update " out &&
    grep "^disconnected: cannot decode an update from .127.0.0.1:$HPORT.: invalid protobuf (6 bytes)$" out
'

test_expect_success 'compressed message' '
    probe_disconnect compressed &&
    grep "^disconnected: WatchUpdates failed: .127.0.0.1:$HPORT. sent a compressed message, but only identity encoding was accepted$" out
'

test_expect_success 'GOAWAY' '
    probe_disconnect goaway &&
    grep "^disconnected: .127.0.0.1:$HPORT. closed the connection (goaway: enhance your calm, .too many requests.)$" out
'

test_expect_success 'RST_STREAM' '
    probe_disconnect rst &&
    grep "^disconnected: WatchUpdates failed: .127.0.0.1:$HPORT. reset the stream (internal error)$" out
'

test_expect_success 'not a gRPC content-type' '
    probe_disconnect text-html &&
    grep "^disconnected: WatchUpdates failed: .127.0.0.1:$HPORT. is not a gRPC server (content-type .text/html.)$" out
'

test_expect_success 'a silent peer is detected by PING keepalive' '
    start_hostile silent &&
    "$PROBE" --keepalive-time 300 --keepalive-timeout 700 --until disconnected --timeout 10 \
        "http://127.0.0.1:$HPORT" >out &&
    grep "^connected generation=1$" out &&
    grep "^disconnected: .127.0.0.1:$HPORT. stopped responding (silent for 1 s)$" out
'

test_expect_success 'failures keep retrying with backoff: 0.5 s, 1 s, 2 s' '
    start_hostile unimplemented &&
    t0=$(date +%s%N) &&
    "$PROBE" --until "connected generation=4" --timeout 10 "http://127.0.0.1:$HPORT" >out &&
    t1=$(date +%s%N) &&
    test $(grep -c "^disconnected: WatchUpdates failed: unimplemented" out) = 3 &&
    ms=$(( (t1 - t0) / 1000000 )) && echo "took $ms ms" &&
    # 0.5 + 1 + 2 s; starting at 1 s would take 7 s.
    test $ms -ge 3500 && test $ms -lt 6500
'

test_done
