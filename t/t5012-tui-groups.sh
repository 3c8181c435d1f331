#!/bin/sh
# The grouped task list end to end: T and its cycle, the group's row (its
# label first and whole, at 80x24 too), opening and closing with Enter, +
# and -, the arrows and *, the order of groups and of the tasks within,
# the filter before grouping, --group-by and console.toml's group_by,
# ASCII, and the tree that tasks' parents make.  Every key waits for its
# effect (press).

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

private_home
CONSOLE_SIZE=160x30

# The rows of the table, under its header (whichever columns it has).
rows () {
    screen | sed -n -E '/^ *(Warn|ID|State|Name) .*(Total|Busy|Polls)/,$p' | sed 1d | grep -v '^ *$'
}
# wait_rows N: until the table shows N rows.
wait_rows () {
    wait_for "test \$(rows | wc -l) = $1"
}
# A group's label leads its row; its states follow the sums.
HTTP="6,020 tasks at src/http/server.rs:214:9"
DB="3,000 tasks at src/db/pool.rs:41:23"
TIMER="980 tasks at src/timer.rs:12:5"
HTTP_STATES="— 6,000 idle, 20 running"
DB_STATES="— 3,000 idle"
TIMER_STATES="— 979 scheduled, 1 idle, ⚠ lost-waker"

test_expect_success 'setup: the console on 10,000 tasks at three locations' '
    start_peer --scenario "$TOP/t/scenarios/groups.scn" --retain 3600 &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\)  " &&
    wait_screen "T = group"
'

test_expect_success 'the counts by state have their thousands marked, as the title' '
    wait_screen "Idle \(9,001\)"
'

test_expect_success 'T groups by location: one row per group, its label first, its states last' '
    press "^Tasks \(10,000\) by location, 3 groups  " T &&
    wait_rows 3 &&
    wait_for "rows | grep -q \"▸ $HTTP .* $HTTP_STATES\\\$\"" &&
    wait_for "rows | grep -q \"▸ $DB .* $DB_STATES\\\$\"" &&
    wait_for "rows | grep -q \"▸ $TIMER .* $TIMER_STATES\\\$\""
'

test_expect_success 'a group row sums its polls and counts its warned tasks' '
    wait_for "rows | grep \"$DB\" | grep -q \" 30000 \"" &&
    wait_for "rows | grep \"$TIMER\" | grep -q \"^⚠ 1 .* 3919 \""
'

test_expect_success 'groups sort by their totals: Total first, then inverted, then Polls' '
    wait_for "rows | head -1 | grep -q src/http" &&
    wait_for "rows | sed -n 3p | grep -q src/timer" &&
    press_until "rows | head -1 | grep -q src/timer" i &&
    press "Polls▿" i l l l l &&
    wait_for "rows | head -1 | grep -q src/db" &&
    wait_for "rows | sed -n 2p | grep -q src/http" &&
    press "Total▿" h h h h
'

test_expect_success 'Enter opens the selected group; its tasks follow its row, under its label' '
    wait_for "selected_row | grep -q src/http" &&
    press "▾ $HTTP " Enter &&
    wait_for "rows | sed -n 2p | grep -q \"  conn \"" &&
    wait_for "test \$(rows | grep -c \" conn \") -gt 10" &&
    press_until "test \$(rows | wc -l) = 3" Enter
'

test_expect_success 'within a group the tasks sort by the column: running (busiest) first by Busy' '
    press "▾ $HTTP " l Enter &&
    wait_screen "Busy▿" &&
    wait_for "rows | sed -n 2p | grep -q \"▶ \"" &&
    press "Total▿" Enter h &&
    wait_rows 3
'

test_expect_success '+ and - open and close; - on a task closes its group and stands on it' '
    press "▾ $HTTP " + &&
    press_until "selected_row | grep -q \" conn \"" j j &&
    press_until "test \$(rows | wc -l) = 3" - &&
    wait_for "selected_row | grep -q src/http"
'

test_expect_success 'right and left open and close a group row; on a task they sort' '
    press "▾ $HTTP " Right &&
    press_until "test \$(rows | wc -l) = 3" Left &&
    wait_screen "Total▿" &&
    press "Busy▿" Right j Right &&
    press "Total▿" Left &&
    press_until "test \$(rows | wc -l) = 3" -
'

test_expect_success '* opens every group, and * again closes them all' '
    press_until "test \$(rows | wc -l) -gt 20" "*" &&
    wait_for "! rows | grep -q ▸" &&
    press_until "test \$(rows | wc -l) = 3" "*" &&
    wait_for "! rows | grep -q ▾"
'

test_expect_success 'Enter on a task row still opens its details' '
    press_until "selected_row | grep -q \" conn \"" g g Enter j &&
    press "^Task [0-9]+ \(conn\)" Enter &&
    press "^Tasks \(10,000\) by location" Escape &&
    press_until "test \$(rows | wc -l) = 3" -
'

test_expect_success 'the filter applies to the tasks before grouping' '
    press "^/$" / &&
    press "^Tasks \(9,021 of 10,000\) /!state:scheduled by location, 3 groups" -l "!state:scheduled" &&
    press_until "! screen | grep -q \"^/!state\"" Enter &&
    wait_screen "▸ 1 task at src/timer.rs:12:5 .* — 1 idle, ⚠ lost-waker" &&
    press "^Tasks \(10,000\) by location" Escape
'

test_expect_success 'a search marks the groups that hold a match; n stops on a closed one, then on its tasks' '
    press "^/$" / &&
    press "^Tasks \(10,000\) \?ticker: 980 matches by location, 3 groups" -l "?ticker" &&
    press_until "! screen | grep -q \"^/?ticker\"" Enter &&
    wait_for "selected_row | grep -q src/timer" &&
    press_until "selected_row | grep -q \" ticker \"" Enter n &&
    press "^Tasks \(10,000\) by location" - Escape &&
    wait_rows 3
'

test_expect_success 'T cycles: name, kind, target, parent (the tree), none' '
    press "^Tasks \(10,000\) by name, 3 groups" T &&
    wait_screen "▸ 6,020 tasks named conn .* — 6,000 idle, 20 running" &&
    press "^Tasks \(10,000\) by kind, 1 group" T &&
    wait_screen "▸ 10,000 tasks of kind task .* — " &&
    press "^Tasks \(10,000\) by target, 1 group" T &&
    wait_screen "▸ 10,000 tasks in tokio::task .* — 9,001 idle, 979 scheduled, 20 running, ⚠ lost-waker" &&
    press "^Tasks \(10,000\) as a tree, 10,000 at the top" T &&
    press "^Tasks \(10,000\)  " T
'

test_expect_success '80x24: the label is whole at the head of its row, the sums after it' '
    CONSOLE_SIZE=80x24 start_console --group-by location "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\) by location, 3 groups" &&
    wait_for "rows | grep -q \"^▸ $HTTP  \"" &&
    wait_for "rows | grep -q \"^▸ $DB  \"" &&
    wait_for "rows | grep -q \"^▸ $TIMER  \"" &&
    wait_for "rows | grep \"$DB\" | grep -q \" 30000\""
'

test_expect_success '80x24: open, the label stays whole above its tasks' '
    press "▾ $HTTP  " Enter &&
    wait_for "rows | sed -n 2p | grep -E -q \"^ *[0-9]+ .*  conn \"" &&
    press "▸ $HTTP  " Enter
'

test_expect_success '--group-by chooses the grouping at start' '
    start_console --group-by name "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\) by name, 3 groups" &&
    wait_screen "▸ 980 tasks named ticker "
'

test_expect_success 'and so does group_by in console.toml' '
    printf "group_by = \"kind\"\n" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\) by kind, 1 group" &&
    start_console --group-by none "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\)  " &&
    rm -f "$XDG_CONFIG_HOME/tokio-console/console.toml"
'

test_expect_success 'a grouping the console does not know is refused' '
    ! (cd "$TOP" && "$TOKIO_CONSOLE" --group-by colour "http://$PEER_ADDR") 2>err &&
    grep -q "^error: option .--group-by.: invalid grouping .colour.: expected none, app, location, name, kind, target or parent" err
'

test_expect_success 'ASCII: [+] and [-] mark the groups, a plain dash' '
    start_console --ascii-only true --group-by location "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\) by location, 3 groups" &&
    wait_screen "\[\+\] $HTTP .* - 6,000 idle, 20 running" &&
    press "\[-\] $HTTP " Enter &&
    ! screen | grep -q "[—▸▾→]" &&
    ! screen | LC_ALL=C grep -q "[^ -~]"
'

test_expect_success 'parents: the tree, closed, has the top-level tasks with their subtree sizes' '
    stop_peer &&
    start_peer --scenario "$TOP/t/scenarios/parents.scn" --retain 3600 &&
    start_console --group-by parent --retain-for 1s "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10\) as a tree, 3 at the top" &&
    wait_for "rows | grep -q \"▸ server (8)\"" &&
    wait_for "rows | grep -q \" metrics \"" &&
    wait_for "rows | grep -q \" orphan \""
'

test_expect_success 'its subtree totals: polls 10 + 100 + 3 x 5 + 3 x 2' '
    wait_for "rows | grep \"server (8)\" | grep -q \" 131 \""
'

test_expect_success '* opens it three levels deep, indented' '
    press_until "test \$(rows | wc -l) = 10" "*" &&
    wait_for "rows | grep -q \"^ .*  ▾ accept (7)\"" &&
    wait_for "rows | grep -q \"    ▾ conn-0 (2)\"" &&
    wait_for "rows | sed -n 4p | grep -q \"        req-0 \"" &&
    press_until "test \$(rows | wc -l) = 4" j - &&
    wait_for "selected_row | grep -q \"▸ accept (7)\""
'

test_expect_success 'Enter on a task with children opens its details' '
    press "^Task [0-9]+ \(accept\)" Enter &&
    press "^Tasks \(10\) as a tree" Escape
'

test_done
