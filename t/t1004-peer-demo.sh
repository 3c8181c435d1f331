#!/bin/sh
# The built-in demo scenario: hundreds of tasks, resources and async ops,
# the lint cases, and tasks coming and going over time.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

test_expect_success 'demo starts with hundreds of tasks and some resources' '
    start_peer --scenario demo --interval 200 &&
    peer_dump --count 1 --list >out &&
    n=$(sed -n "s/^update 1: new_tasks=\([0-9]*\) .*/\1/p" out) &&
    test "$n" -ge 200 &&
    grep "task [0-9]* db-worker$" out &&
    grep "task [0-9]* busy-yield-loop$" out &&
    grep "task [0-9]* orphaned-waiter$" out &&
    grep "task [0-9]* checksum-all$" out &&
    grep "task [0-9]* report-builder$" out &&
    grep "resource [0-9]* Mutex$" out &&
    grep "resource [0-9]* Semaphore$" out &&
    grep "resource [0-9]* RwLock$" out
'

test_expect_success 'demo keeps changing: stats, timers, async ops, new tasks' '
    peer_dump --count 30 --timeout 20 >out &&
    sed -n "2,\$p" out >later &&
    grep "task_stats=[1-9]" later &&
    grep "new_resources=[1-9]" later &&
    grep "new_async_ops=[1-9]" later &&
    grep "poll_ops=[1-9]" later &&
    grep "new_tasks=[1-9]" later
'

test_expect_success 'demo-run refuses to start without the console' '
    TOKIO_CONSOLE=$TRASH/nonexistent sh "$TOP/t/demo-run" 2>err </dev/null;
    test $? = 1 &&
    grep "cannot find" err
'

test_expect_success 'demo-run stops the demo when the console exits' '
    cat >fake-console <<-\EOF &&
	#!/bin/sh
	echo "$1" >"$FAKE_OUT"
	EOF
    chmod +x fake-console &&
    FAKE_OUT=$TRASH/target TOKIO_CONSOLE=$TRASH/fake-console sh "$TOP/t/demo-run" </dev/null &&
    grep "^http://127.0.0.1:[0-9]*$" target &&
    port=$(sed "s/.*://" target) &&
    ! "$TOP/$CONSOLE_PEER" --dump "127.0.0.1:$port" --count 1 --timeout 2 >out &&
    grep "status UNAVAILABLE" out
'

test_done
