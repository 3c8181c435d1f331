#!/bin/sh
# The test peer serves a scripted scenario: the first Update carries every
# declared task and resource, later ones only what changed.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

test_expect_success 'peer starts and writes its port' '
    start_peer --scenario basic &&
    test "$PEER_PORT" -gt 0
'

test_expect_success 'first update carries all declared entities' '
    peer_dump --count 1 >out &&
    grep "^update 1: new_tasks=8 task_stats=8 new_resources=1 resource_stats=1 " out
'

test_expect_success 'later updates carry only changes' '
    peer_dump --count 3 >out &&
    test $(grep -c "^update" out) = 3 &&
    sed -n "2,3p" out >later &&
    ! grep "new_tasks=[1-9]" later &&
    ! grep "metadata=[1-9]" later &&
    grep "task_stats=[1-9]" later
'

test_expect_success 'task names arrive, also when named by index' '
    peer_dump --count 1 --list >out &&
    grep "task [0-9]* listener$" out &&
    grep "task [0-9]* conn$" out &&
    test $(grep -c "task [0-9]* conn$" out) = 2 &&
    grep "task [0-9]* db-worker$" out &&
    grep "resource [0-9]* Sleep$" out
'

test_expect_success 'a scenario from a file path' '
    cat >mini.scn <<-\EOS &&
	task a name=alpha
	repeat 5 task t{i} name=gen-{i}
	EOS
    start_peer --scenario "$TRASH/mini.scn" &&
    peer_dump --count 1 --list >out &&
    grep "new_tasks=6 " out &&
    grep "gen-4$" out
'

test_expect_success 'a bad scenario is refused with its line' '
    echo "task a polls=x" >bad.scn &&
    ! "$TOP/$CONSOLE_PEER" --scenario "$TRASH/bad.scn" 2>err &&
    grep "bad.scn.* line 1: bad value for .polls." err
'

test_done
