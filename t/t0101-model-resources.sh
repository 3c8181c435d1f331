#!/bin/sh
# Resources, async ops and poll ops from the recorded mutex and semaphore
# programs (../shared/fixtures/real): what they are, how they link to each
# other and to tasks, and how long they are kept.

. "$(dirname "$0")/test-lib.sh"

require_fixtures real
REAL=$FIXTURES_DIR/real
tool=$TOP/t/helper/test-tool

test_expect_success 'the mutex and its internal semaphore' '
    $tool model "$REAL/mutex.updates" --quiet >out &&
    grep -q "^resource id=1 parent=n/a kind=Sync type=Mutex target=tokio::sync::mutex vis=public location=console-subscriber/examples/mutex.rs:11:34 " out &&
    grep -q "^resource id=2 parent=1 (tokio::sync::mutex::Mutex) kind=Sync type=Semaphore target=tokio::sync::batch_semaphore vis=internal location=<unknown location> " out
'

test_expect_success 'timers are Timer resources with a duration in ms' '
    grep "type=Sleep" out >sleeps &&
    test "$(grep -c "kind=Timer .*attributes=duration=1001ms$" sleeps)" = "$(wc -l <sleeps)"
'

test_expect_success 'lock operations belong to the mutex and to named tasks' '
    grep "^asyncop .* resource=1 task=[0-9]* (increment-[0-9]) source=Mutex::lock " out >locks &&
    test "$(wc -l <locks)" -ge 3 &&
    grep -q "^asyncop .*parent=[0-9]* resource=2 .*source=Acquire::new .*permits_requested=1" out
'

test_expect_success 'tasks wait on the mutex through poll ops' '
    grep -q "^resource id=1 .* waiting=[1-9]" out &&
    grep -q "^polllinks [1-9]" out
'

test_expect_success 'semaphore acquisitions carry their permits' '
    $tool model "$REAL/semaphore.updates" --quiet >out &&
    grep -q "^resource id=[0-9]* parent=n/a kind=Sync type=Semaphore target=tokio::sync::semaphore vis=public" out &&
    grep -q "^asyncop .*source=Semaphore::acquire_many .*permits_obtained=[0-9]* permits_requested=[0-9]*$" out
'

test_expect_success 'dropped resources and ops are kept 6 s, or forever' '
    $tool model "$REAL/mutex.updates" --quiet >kept6 &&
    $tool model "$REAL/mutex.updates" --quiet --retain-for -1 >forever &&
    test "$(grep -c "^asyncop .*dropped=1" forever)" -gt "$(grep -c "^asyncop .*dropped=1" kept6)" &&
    test "$(grep -c "^resource .*dropped=1" forever)" -gt "$(grep -c "^resource .*dropped=1" kept6)"
'

test_expect_success 'no events were dropped in these recordings' '
    grep -q "^dropped tasks=0 resources=0 async_ops=0$" kept6
'

test_done
