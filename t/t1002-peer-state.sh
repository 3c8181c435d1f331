#!/bin/sh
# WatchState, Pause and Resume on the test peer, and old subscribers that
# do not implement WatchState.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

test_expect_success 'state stream starts LIVE' '
    start_peer --scenario basic --interval 100 &&
    peer_dump --rpc state --count 1 >out &&
    grep "^state 1: LIVE$" out
'

test_expect_success 'pause shows on an open state stream' '
    peer_dump --rpc state --count 1000 --timeout 20 >states &
    dump=$! &&
    wait_for "grep -q \"state 1: LIVE\" states" &&
    peer_dump --rpc pause >out &&
    grep "status OK" out &&
    wait_for "grep -q \"^state [0-9]*: PAUSED$\" states" &&
    kill $dump
'

test_expect_success 'while paused only the first update arrives' '
    ! peer_dump --count 3 --timeout 1 >out &&
    test $(grep -c "^update" out) = 1 &&
    grep "status DEADLINE_EXCEEDED" out
'

test_expect_success 'resume restarts the updates' '
    peer_dump --rpc resume >out &&
    grep "status OK" out &&
    peer_dump --rpc state --count 1 >out &&
    grep "^state 1: LIVE$" out &&
    peer_dump --count 3 --timeout 5 >out &&
    test $(grep -c "^update" out) = 3
'

# The client must connect before the pause: a slow start (a loaded
# machine, a sanitizer build) misses it.
test_expect_success FULL_SPEED 'changes made while paused arrive after resume' '
    cat >paused.scn <<-\EOS &&
	task a name=alpha
	at 300ms pause
	at 400ms task b name=beta
	at 1500ms resume
	EOS
    start_peer --scenario "$TRASH/paused.scn" --interval 100 &&
    peer_dump --count 4 --timeout 10 --list >out &&
    grep "^update 1: new_tasks=1 " out &&
    grep "task [0-9]* beta$" out
'

test_expect_success 'without WatchState the peer answers UNIMPLEMENTED' '
    start_peer --scenario basic --no-watch-state &&
    ! peer_dump --rpc state >out &&
    grep "^status UNIMPLEMENTED" out &&
    peer_dump --count 1 >out &&
    grep "^update 1: new_tasks=8 " out
'

test_expect_success 'task details of a known task, NOT_FOUND for others' '
    start_peer --scenario basic --interval 100 &&
    peer_dump --count 1 --list >out &&
    id=$(sed -n "s/^  task \([0-9]*\) listener$/\1/p" out) &&
    test -n "$id" &&
    peer_dump --rpc details --task "$id" --count 2 >out &&
    grep "^details 2: task=$id " out &&
    ! peer_dump --rpc details --task 12345 >out &&
    grep "^status NOT_FOUND: task not found" out &&
    ! peer_dump --rpc details --task 0 >out &&
    grep "^status INVALID_ARGUMENT" out
'

test_done
