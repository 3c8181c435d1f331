#!/bin/sh
# The grouped task list end to end: T and its cycle, the group's summary
# line, opening and closing with Enter, + and -, the arrows and *, the
# order of groups and of the tasks within, the filter before grouping,
# --group-by and console.toml's group_by, ASCII, and the tree that
# tasks' parents make.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

private_home
CONSOLE_SIZE=160x30

# The rows of the table, under its header.
rows () {
    screen | sed -n '/^ *Warn /,$p' | sed 1d | grep -v '^ *$'
}
# The selected (reverse video) row, as text.
selected () {
    tmux_ capture-pane -p -e -t console | grep -E "$(printf '\033')\\[([0-9]+;)*7m" | head -1 |
        sed 's/\x1b\[[0-9;]*m//g'
}
# wait_rows N: until the table shows N rows.
wait_rows () {
    wait_for "test \$(rows | wc -l) = $1"
}
HTTP="6,020 tasks at src/http/server.rs:214:9 — 6,000 idle, 20 running"
DB="3,000 tasks at src/db/pool.rs:41:23 — 3,000 idle"
TIMER="980 tasks at src/timer.rs:12:5 — 979 scheduled, 1 idle, ⚠ lost-waker"

test_expect_success 'setup: the console on 10,000 tasks at three locations' '
    start_peer --scenario "$TOP/t/scenarios/groups.scn" --retain 3600 &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\)  " &&
    wait_screen "T = group"
'

test_expect_success 'the counts by state have their thousands marked, as the title' '
    wait_screen "Idle \(9,001\)"
'

test_expect_success 'T groups by location: one row per group with its summary' '
    send_keys T &&
    wait_screen "^Tasks \(10,000\) by location, 3 groups  " &&
    wait_rows 3 &&
    rows | grep -q "▸ .*$HTTP\$" &&
    rows | grep -q "$DB\$" &&
    rows | grep -q "$TIMER\$"
'

test_expect_success 'a group row sums its polls and counts its warned tasks' '
    rows | grep "$DB" | grep -q " 30000 " &&
    rows | grep "$TIMER" | grep -q "^⚠ 1 .* 3919 "
'

test_expect_success 'groups sort by their totals: Total first, then inverted, then Polls' '
    rows | head -1 | grep -q "src/http" &&
    rows | sed -n 3p | grep -q "src/timer" &&
    send_keys i &&
    wait_for "rows | head -1 | grep -q src/timer" &&
    send_keys i l l l l &&
    wait_screen "Polls▿" &&
    wait_for "rows | head -1 | grep -q src/db" &&
    rows | sed -n 2p | grep -q "src/http" &&
    send_keys h h h h &&
    wait_screen "Total▿"
'

test_expect_success 'Enter opens the selected group; its tasks follow its row' '
    send_keys g g &&
    wait_for "selected | grep -q src/http" &&
    send_keys Enter &&
    wait_screen "▾ .*$HTTP" &&
    rows | sed -n 2p | grep -q " conn " &&
    test $(rows | grep -c " conn ") -gt 10 &&
    send_keys Enter &&
    wait_rows 3
'

test_expect_success 'within a group the tasks sort by the column: running (busiest) first by Busy' '
    send_keys l Enter &&
    wait_screen "Busy▿" &&
    wait_screen "▾ .*$HTTP" &&
    rows | sed -n 2p | grep -q "▶ " &&
    send_keys Enter h &&
    wait_screen "Total▿" &&
    wait_rows 3
'

test_expect_success '+ and - open and close; - on a task closes its group and stands on it' '
    send_keys + &&
    wait_screen "▾ .*$HTTP" &&
    send_keys j j &&
    wait_for "selected | grep -q \" conn \"" &&
    send_keys - &&
    wait_rows 3 &&
    wait_for "selected | grep -q src/http"
'

test_expect_success 'right and left open and close a group row; on a task they sort' '
    send_keys Right &&
    wait_screen "▾ .*$HTTP" &&
    send_keys Left &&
    wait_rows 3 &&
    screen | grep -q "Total▿" &&
    send_keys Right j Right &&
    wait_screen "Busy▿" &&
    send_keys Left &&
    wait_screen "Total▿" &&
    send_keys - &&
    wait_rows 3
'

test_expect_success '* opens every group, and * again closes them all' '
    send_keys "*" &&
    wait_for "test \$(rows | wc -l) -gt 20" &&
    ! rows | grep -q "▸" &&
    send_keys "*" &&
    wait_rows 3 &&
    ! rows | grep -q "▾"
'

test_expect_success 'Enter on a task row still opens its details' '
    send_keys g g Enter j &&
    wait_for "selected | grep -q \" conn \"" &&
    send_keys Enter &&
    wait_screen "^Task [0-9]+ \(conn\)" &&
    send_keys Escape &&
    wait_screen "^Tasks \(10,000\) by location" &&
    send_keys - &&
    wait_rows 3
'

test_expect_success 'the filter applies to the tasks before grouping' '
    send_keys / && send_keys -l "!state:scheduled" && send_keys Enter &&
    wait_screen "^Tasks \(9,021 of 10,000\) /!state:scheduled by location, 3 groups" &&
    wait_screen "1 task at src/timer.rs:12:5 — 1 idle, ⚠ lost-waker" &&
    send_keys Escape &&
    wait_screen "^Tasks \(10,000\) by location"
'

test_expect_success 'a search marks the groups that hold a match; n stops on a closed one, then on its tasks' '
    send_keys / && send_keys -l "?ticker" && send_keys Enter &&
    wait_screen "^Tasks \(10,000\) \?ticker: 980 matches by location, 3 groups" &&
    wait_for "selected | grep -q src/timer" &&
    send_keys Enter n &&
    wait_for "selected | grep -q \" ticker \"" &&
    send_keys - Escape &&
    wait_screen "^Tasks \(10,000\) by location" &&
    wait_rows 3
'

test_expect_success 'T cycles: name, kind, target, parent (the tree), none' '
    send_keys T &&
    wait_screen "^Tasks \(10,000\) by name, 3 groups" &&
    wait_screen "6,020 tasks named conn — 6,000 idle, 20 running" &&
    send_keys T &&
    wait_screen "^Tasks \(10,000\) by kind, 1 group" &&
    wait_screen "10,000 tasks of kind task — " &&
    send_keys T &&
    wait_screen "^Tasks \(10,000\) by target, 1 group" &&
    wait_screen "10,000 tasks in tokio::task — 9,001 idle, 979 scheduled, 20 running, ⚠ lost-waker" &&
    send_keys T &&
    wait_screen "^Tasks \(10,000\) as a tree, 10,000 at the top" &&
    send_keys T &&
    wait_screen "^Tasks \(10,000\)  "
'

test_expect_success '--group-by chooses the grouping at start' '
    start_console --group-by name "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\) by name, 3 groups" &&
    wait_screen "980 tasks named ticker"
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
    grep -q "^error: option .--group-by.: invalid grouping .colour.: expected none, location, name, kind, target or parent" err
'

test_expect_success 'ASCII: [+] and [-] mark the groups, a plain dash' '
    start_console --ascii-only true --group-by location "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10,000\) by location, 3 groups" &&
    wait_screen "\[\+\] .*6,020 tasks at src/http/server.rs:214:9 - 6,000 idle, 20 running" &&
    send_keys Enter &&
    wait_screen "\[-\] .*6,020 tasks" &&
    ! screen | grep -q "[—▸▾→]" &&
    ! screen | LC_ALL=C grep -q "[^ -~]"
'

test_expect_success 'parents: the tree, closed, has the top-level tasks with their subtree sizes' '
    stop_peer &&
    start_peer --scenario "$TOP/t/scenarios/parents.scn" --retain 3600 &&
    start_console --group-by parent --retain-for 1s "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(10\) as a tree, 3 at the top" &&
    rows | grep -q "▸ server (8)" &&
    rows | grep -q " metrics " &&
    rows | grep -q " orphan "
'

test_expect_success 'its subtree totals: polls 10 + 100 + 3 x 5 + 3 x 2' '
    rows | grep "server (8)" | grep -q " 131 "
'

test_expect_success '* opens it three levels deep, indented' '
    send_keys "*" &&
    wait_rows 10 &&
    rows | grep -q "^ .*  ▾ accept (7)" &&
    rows | grep -q "    ▾ conn-0 (2)" &&
    rows | sed -n 4p | grep -q "        req-0 " &&
    send_keys j - &&
    wait_rows 4 &&
    wait_for "selected | grep -q \"▸ accept (7)\""
'

test_expect_success 'Enter on a task with children opens its details' '
    send_keys Enter &&
    wait_screen "^Task [0-9]+ \(accept\)" &&
    send_keys Escape
'

test_done
