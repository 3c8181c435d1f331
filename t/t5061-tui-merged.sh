#!/bin/sh
# Scratch
. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
private_home

test_expect_success 'three peers and the demo' '
    start_peer --scenario basic --retain 3600 && A=$PEER_ADDR &&
    start_peer --scenario basic --retain 3600 && B=$PEER_ADDR B_PID=$PEER_PID &&
    start_peer --scenario lints && C=$PEER_ADDR &&
    start_peer --scenario demo && D=$PEER_ADDR
'

test_expect_success 'look' '
    start_console "api=http://$A" "b=http://$B" "c=http://$C" "demo=http://$D" &&
    wait_screen "^targets: 4 of 4 connected" 20 &&
    sleep 2 && screen >&2 &&
    send_keys T && sleep 1 && screen >&2 &&
    send_keys T && sleep 1 && screen >&2 &&
    resize_console 80x24 && sleep 1 && screen >&2
'
test_done
