#!/bin/sh
# The reason for the last disconnect stays readable: in the header with its
# age until the new connection has held for 30 s, and in the log.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

HOSTILE="$TOP/t/helper/wire-hostile"

test_expect_success 'setup: a server that sends an undecodable update' '
    "$HOSTILE" --mode bad-protobuf --port-file "$TRASH/hostile.port" >hostile.log 2>&1 &
    HPID=$!
    PEER_PIDS="$PEER_PIDS $HPID"
    wait_for "test -s \"$TRASH/hostile.port\"" &&
    port=$(cat "$TRASH/hostile.port") &&
    start_console --log warn --log-dir "$TRASH/logs" "http://127.0.0.1:$port" &&
    wait_screen "^error: cannot decode an update from .127.0.0.1:$port.: invalid protobuf"
'

test_expect_success 'the peer in its place: connected, and the error stays, with its age' '
    # Swap the servers while the console waits a few seconds to retry, so
    # that its next attempt meets the peer.
    wait_screen "RECONNECTING in [2-9]\.[0-9]s" 20 &&
    stop_peer "$HPID" &&
    start_peer --scenario basic --listen "127.0.0.1:$port" &&
    wait_screen "\(CONNECTED\)" 20 &&
    wait_screen "db-worker" &&
    wait_screen "^last error [0-9]+s ago: cannot decode an update from .127.0.0.1:$port.: invalid protobuf"
'

test_expect_success 'its age counts up' '
    wait_screen "^last error ([4-9]|[1-9][0-9])s ago: cannot decode an update" 10 &&
    screen | head -1 | grep -q "(CONNECTED)"
'

test_expect_success 'the log has it' '
    grep -q "cannot decode an update from .127.0.0.1:$port.: invalid protobuf" logs/*
'

test_expect_success 'q quits' '
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_done
