#!/bin/sh
# The merged lists of several targets: three test peers and the demo in
# one console, every application's tasks in one list, each with its App
# and its ID as app/ID; the filter by app; the grouping by app; the
# details of the second target's task; pause of the selected row's
# target; one peer killed (it reconnects, the others' rows stay and
# update); the resources of every target.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
private_home

# The task list's row of this app and ID ("b/1"), as text.
task_line () {
    screen | grep -E "^$1 +(⚠ [0-9]+ +)?$2 " | head -1
}

# selected_key: what the selected row is, whatever its cells show as they
# update: an application's header ("▾ c:"), a task's app/ID, else its
# first two cells (a resource's app and ID).
selected_key () {
    sk_=$(selected_row | grep -oE "^(▾|▸) [^:]+:|[a-z]+/[0-9]+" | head -1)
    if test -n "$sk_"; then echo "$sk_"; else selected_row | awk '{ print $1, $2 }'; fi
}

# select_row REGEX: moves the selection down, a row at a time, until the
# selected row matches (at most 60 rows); each key is seen to move it
# before the next goes.
select_row () {
    for sr_i_ in $(seq 60); do
        selected_row | grep -qE "$1" && return 0
        sr_before_=$(selected_key)
        send_keys Down
        wait_for 'test "$(selected_key)" != "$sr_before_"' || return 1
    done
    echo "select_row: no row matches '$1'" >&2
    return 1
}

# The targets view's row of a target.
target_line () {
    screen | grep -E "^ *$1 " | head -1
}

test_expect_success 'three peers and the demo' '
    start_peer --scenario basic --retain 3600 && A=$PEER_ADDR &&
    start_peer --scenario basic --retain 3600 && B=$PEER_ADDR B_PID=$PEER_PID &&
    start_peer --scenario lints && C=$PEER_ADDR &&
    start_peer --scenario demo && D=$PEER_ADDR
'

test_expect_success 'one list: every application, each row with its App and app/ID' '
    start_console "api=http://$A" "billing=http://$B" "c=http://$C" "demo=http://$D" &&
    wait_screen "^targets: 4 of 4 connected" 20 &&
    wait_screen "^App +Warn +ID +State +Name" &&
    wait_screen "^demo +demo/[0-9]+ " &&
    press "^Tasks \([0-9]+ of [0-9]+\) /db-worker" / d b - w o r k e r Enter &&
    wait_for "task_line api api/5 | grep -q db-worker" &&
    task_line billing billing/5 | grep -q db-worker &&
    task_line demo demo/1 | grep -q db-worker &&
    ! screen | grep -qE "^c +c/"
'

test_expect_success 'the filter by app, and free text that names an app' '
    press "^Tasks \([0-9,]+\)  " Escape &&
    press "^Tasks \(6 of [0-9]+\) /app:c" / a p p : c Enter &&
    wait_for "task_line c c/3 | grep -q never-yields" &&
    ! screen | grep -qE "^(api|billing|demo) " &&
    press "^Tasks \([0-9,]+\)  " Escape &&
    press "^Tasks \([0-9]+ of [0-9,]+\) /billing  " / b i l l i n g Enter &&
    task_line billing billing/5 | grep -q db-worker &&
    ! screen | grep -qE "^(api|c|demo) " &&
    press "^Tasks \([0-9,]+\)  " Escape
'

test_expect_success 'T: grouped by app, a header row per app that opens and closes' '
    press "^Tasks \([0-9,]+\) by app  " T &&
    # The selection stays on its row: to the top, where the first header is.
    { screen_matches_ "^▾ api: " || press_until "screen_matches_ \"^▾ api: \"" Home; } &&
    screen | grep -qE "^▾ api: [0-9]+ tasks" &&
    screen | grep -qE "^▾ billing: [0-9]+ tasks" &&
    screen | grep -q "^▾ c: 6 tasks" &&
    screen | grep -qE "^▾ demo: [0-9,]+ tasks" &&
    task_line c c/3 | grep -q never-yields &&
    select_row "^▾ c: " &&
    press "^▸ c: 6 tasks" Enter &&
    ! screen | grep -qE "^c +c/" &&
    press "^▾ c: 6 tasks" Enter &&
    press "^Tasks \([0-9,]+\) by app, then by location" T &&
    wait_for "screen | grep -qE \"^api +▸ 2 tasks at src/server.rs\"" &&
    press_until "screen | grep -qE \"^Tasks \\([0-9,]+\\)  \"" T T T T T
'

test_expect_success 'enter: the details of the second target'"'"'s task, its ID as billing/1' '
    press "^Tasks \([0-9]+ of [0-9]+\) /app:billing" / a p p : b i l l i n g Enter &&
    select_row "^billing +billing/1 " &&
    press "^Task billing/1 \(listener\)" Enter &&
    wait_screen "addr=0\.0\.0\.0:8080" &&
    press "^Tasks \([0-9]+ of [0-9]+\) /app:billing" Escape
'

test_expect_success 'space: pauses the selected row'"'"'s target only' '
    selected_row | grep -qE "^billing +billing/1 " &&
    send_keys " " &&
    press "^Targets \(4\)" a &&
    wait_for "target_line billing | grep -q PAUSED" &&
    target_line api | grep -q CONNECTED &&
    target_line demo | grep -q CONNECTED &&
    press "^Tasks \([0-9]+ of [0-9]+\) /app:billing" t &&
    selected_row | grep -qE "^billing +billing/1 " &&
    send_keys " " &&
    press "^Targets \(4\)" a &&
    wait_for "target_line billing | grep -q CONNECTED" &&
    press "^Tasks \([0-9]+ of [0-9]+\) /app:billing" t &&
    press "^Tasks \([0-9,]+\)  " Escape
'

test_expect_success 'one peer killed: it reconnects, the others'"'"' rows stay and update' '
    press "^Tasks \([0-9]+ of [0-9]+\) /db-worker" / d b - w o r k e r Enter &&
    stop_peer "$B_PID" &&
    wait_screen "^targets: 3 of 4 connected; billing: " 20 &&
    task_line api api/5 | grep -q db-worker &&
    before=$(task_line demo demo/1) &&
    wait_for "test \"\$(task_line demo demo/1)\" != \"$before\"" &&
    task_line demo demo/1 | grep -q db-worker &&
    press "^Targets \(4\)" a &&
    wait_for "target_line billing | grep -q RECONNECTING" &&
    target_line api | grep -q CONNECTED
'

test_expect_success 'r: the resources of every target, each with its App' '
    press "^Resources \([0-9,]+\)" r &&
    wait_screen "^App +ID. +Parent" &&
    press "^Resources \([0-9,]+ of [0-9,]+\) /app:demo" / a p p : d e m o Enter &&
    wait_screen "^demo +[0-9]+ " &&
    ! screen | grep -qE "^(api|c) +[0-9]+ "
'

test_expect_success 'a resource of one target, and its tasks, in that target' '
    press "^Resources \([0-9,]+ of [0-9,]+\) /app:demo Mutex" / " " M u t e x Enter &&
    select_row "^demo +[0-9]+ .*Mutex" &&
    press "^Resource demo/[0-9]+ \(Mutex" Enter &&
    wait_screen "^Held by / waiting" &&
    # The holder, a waiting task or an async op'"'"'s task: one of demo'"'"'s.
    press "^Task demo/[0-9]+ " Enter &&
    wait_screen "╭Task" &&
    press "^Resource demo/[0-9]+ \(Mutex" Escape
'

test_expect_success '--group-by app: the console starts grouped by app' '
    start_console --group-by app "api=http://$A" "billing=http://$B" "c=http://$C" "demo=http://$D" &&
    wait_screen "^Tasks \([0-9,]+\) by app  " 20 &&
    wait_screen "^▾ c: 6 tasks" 20
'

test_expect_success 'one target: no App column, IDs as ever' '
    send_keys q &&
    wait_console_exit &&
    start_console "http://$A" &&
    wait_screen "^Warn +ID +State +Name" &&
    wait_screen "db-worker" &&
    ! screen | grep -q "/5 " &&
    send_keys q &&
    wait_console_exit
'

test_done
