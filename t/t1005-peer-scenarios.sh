#!/bin/sh
# Every bundled scenario loads and sends what it declares.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# first_update SCENARIO: the first update of a scenario, with --list.
first_update () {
    start_peer --scenario "$1" --interval 100 &&
    peer_dump --count 1 --list >out &&
    stop_peer
}

test_expect_success 'hostile-names: all entities arrive intact' '
    first_update hostile-names &&
    grep "^update 1: new_tasks=9 task_stats=9 new_resources=2 .* new_async_ops=1 " out &&
    grep "task [0-9]* \\\\x1b\[31mred\\\\x1b\[0m-task$" out &&
    grep "task [0-9]* nul\\\\x00inside$" out &&
    grep -E "task [0-9]* L{10240}$" out
'

test_expect_success 'invalid-utf8: a sound first update, then one a decoder refuses' '
    start_peer --scenario invalid-utf8 --interval 100 &&
    peer_dump --count 1 >out &&
    grep "^update 1: new_tasks=2 " out &&
    ! peer_dump --count 30 --timeout 5 >out 2>/dev/null &&
    ! grep "new_tasks=1 " out &&
    stop_peer
'

test_expect_success 'resources: resources, async ops and poll ops' '
    first_update resources &&
    grep "^update 1: new_tasks=4 task_stats=4 new_resources=6 resource_stats=6 poll_ops=[3-9] new_async_ops=5 async_op_stats=5 " out &&
    grep "resource [0-9]* RwLock$" out &&
    grep "async_op [0-9]* Semaphore::acquire$" out
'

test_expect_success 'resources: drops and dropped events arrive later' '
    start_peer --scenario resources --interval 100 &&
    peer_dump --count 40 --timeout 10 >out &&
    grep "dropped=5/0/0" out &&
    grep "poll_ops=[1-9]" out
'

test_expect_success 'lints: one task per lint' '
    first_update lints &&
    grep "^update 1: new_tasks=6 " out &&
    for n in yield-loop lost-waker never-yields auto-boxed large-future healthy; do
        grep "task [0-9]* $n$" out || return 1
    done
'

test_expect_success 'basic: task details carry histograms' '
    start_peer --scenario basic --interval 100 &&
    peer_dump --count 1 --list >out &&
    id=$(sed -n "s/^  task \([0-9]*\) db-worker$/\1/p" out) &&
    peer_dump --rpc details --task "$id" --count 1 >out &&
    poll=$(sed -n "s/.* poll_hist=\([0-9]*\) .*/\1/p" out) &&
    sched=$(sed -n "s/.* sched_hist=\([0-9]*\) .*/\1/p" out) &&
    test "$poll" -gt 41 && test "$sched" -gt 41 &&
    grep " max=1000000000 " out
'

test_expect_success 'churn: short-lived tasks arrive, each a new one' '
    printf "interval 100ms\nevery 200ms churn 5 30\n" >churn.scn &&
    start_peer --scenario "$PWD/churn.scn" --interval 100 --retain 1 &&
    peer_dump --count 12 --timeout 10 --list >out &&
    stop_peer &&
    test "$(grep -c "^  task [0-9]* short-lived$" out)" -ge 10 &&
    test "$(grep "^  task [0-9]* short-lived$" out | sort -u | wc -l)" -ge 10
'

test_expect_success 'every bundled scenario parses' '
    for f in "$TOP"/t/scenarios/*.scn; do
        start_peer --scenario "$f" &&
        peer_dump --count 1 >out &&
        grep "^update 1:" out &&
        stop_peer || return 1
    done
'

test_expect_success 'lock-convoy: a holder, fifty waiters, a sleeper' '
    first_update lock-convoy &&
    grep "^update 1: new_tasks=52 task_stats=52 new_resources=3 resource_stats=3 poll_ops=103 new_async_ops=52 " out
'

test_expect_success 'lock-cycle: two tasks, two mutexes, one bystander' '
    first_update lock-cycle &&
    grep "^update 1: new_tasks=3 task_stats=3 new_resources=2 resource_stats=2 poll_ops=5 new_async_ops=5 " out
'

test_done
