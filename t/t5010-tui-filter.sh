#!/bin/sh
# The filter line end to end: every kind of term typed after `/` in the
# task list, negation and OR, a bad regex, the counts in the title, Enter
# and Esc, the search mode with n and N, the resources and async-ops
# tables, and --filter and console.toml's filter at start.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

private_home

# The title line of the task list.
title () {
    screen | grep -E "^Tasks \(" | head -1
}
# The ID on the selected (reverse video) row: its first plain number.
selected_id () {
    tmux_ capture-pane -p -e -t console | grep -E "$(printf '\033')\\[([0-9]+;)*7m" | head -1 |
        sed 's/\x1b\[[0-9;]*m//g' | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}
# filter_shows TEXT COUNT: types TEXT after `/`, waits for COUNT rows of
# the 1,009 in the title, and leaves the line open.
filter_shows () {
    send_keys / && send_keys -l "$1" &&
    wait_screen "^Tasks \\($2 of 1,009\\) /"
}
# The rows of the table (the lines under its header, but the filter
# line) as text.
rows () {
    screen | sed -n '/^ *Warn /,$p' | sed 1d | grep -v "^/"
}

test_expect_success 'setup: the console on the filter scenario' '
    start_peer --scenario "$TOP/t/scenarios/filter.scn" --retain 3600 &&
    start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(1,009\)" &&
    wait_screen "accept-loop"
'

test_expect_success '/ opens the filter line; the controls line says so' '
    send_keys / &&
    wait_screen "^controls: typing a filter: enter = keep, esc = clear" &&
    wait_screen "^/$"
'

test_expect_success 'free text narrows the rows as it is typed' '
    send_keys -l co &&
    wait_screen "^/co$" &&
    send_keys -l nn &&
    wait_screen "^Tasks \(2 of 1,009\) /conn " &&
    test $(rows | grep -c conn-handler) = 2 &&
    ! rows | grep -q filler
'

test_expect_success 'Backspace edits the line and the rows follow' '
    send_keys BSpace BSpace BSpace BSpace &&
    wait_screen "^Tasks \(1,009\)" &&
    send_keys -l flush &&
    wait_screen "^Tasks \(1 of 1,009\) /flush " &&
    send_keys Escape &&
    wait_screen "^Tasks \(1,009\)"
'

test_expect_success 'field=value matches one field by its value' '
    filter_shows "peer.addr=10.0.0.7:51234" 1 &&
    rows | grep -q "peer.addr=10.0.0.7:51234" &&
    send_keys Escape
'

test_expect_success 'field~regex matches a POSIX extended regex' '
    filter_shows "name~^(accept|db)-" 2 &&
    rows | grep -q accept-loop && rows | grep -q db-worker &&
    send_keys Escape
'

test_expect_success 'state: picks tasks by state' '
    filter_shows state:scheduled 1 &&
    send_keys Escape &&
    filter_shows state:done 1 &&
    rows | grep -q flush &&
    send_keys Escape
'

test_expect_success 'warn:NAME and warn:any pick tasks by lint' '
    filter_shows warn:lost-waker 1 &&
    rows | grep -q " lost " &&
    send_keys Escape &&
    filter_shows warn:any 3 &&
    rows | grep -q spinner && rows | grep -q big-future &&
    send_keys Escape
'

test_expect_success 'kind: picks blocking tasks' '
    filter_shows kind:blocking 1 &&
    rows | grep -q hash-password &&
    send_keys Escape
'

test_expect_success 'numeric terms with units: busy>10ms, polls>=1000, total>30m, total<5s' '
    filter_shows "busy>10ms" 3 &&
    send_keys Escape &&
    filter_shows "polls>=1000" 2 &&
    rows | grep -q accept-loop && rows | grep -q db-worker &&
    send_keys Escape &&
    filter_shows "total>30m" 2 &&
    send_keys Escape &&
    filter_shows "total<5s" 1 &&
    rows | grep -q flush &&
    send_keys Escape
'

test_expect_success 'id= picks one task by its ID' '
    filter_shows id=3 1 &&
    rows | grep -E -q "^ +3 " &&
    send_keys Escape
'

test_expect_success '! negates a term, | ORs two' '
    filter_shows "!conn" "1,007" &&
    send_keys Escape &&
    filter_shows "kind:blocking | warn:lost-waker" 2 &&
    rows | grep -q hash-password && rows | grep -q " lost " &&
    send_keys Escape
'

test_expect_success 'a bad regex is an error on the line; the rows stay as they were' '
    filter_shows name~conn-handler 2 &&
    send_keys -l "(" &&
    wait_screen "^/name~conn-handler\(  at 6: bad regex .conn-handler\(.: " &&
    title | grep -q "^Tasks (2 of 1,009) /name~conn-handler " &&
    test $(rows | grep -c conn-handler) = 2
'

test_expect_success 'Enter does not keep a line that does not parse' '
    send_keys Enter &&
    wait_screen "^/name~conn-handler\(  at 6" &&
    send_keys BSpace &&
    wait_screen "^/name~conn-handler$"
'

test_expect_success 'Enter keeps the filter: the line closes, the title keeps it' '
    send_keys Enter &&
    wait_for "! screen | grep -q \"^/name\"" &&
    title | grep -q "^Tasks (2 of 1,009) /name~conn-handler " &&
    screen | grep -q "^controls: .*/ = filter"
'

test_expect_success 'with the line closed, keys are the list keys again' '
    send_keys j &&
    send_keys / &&
    wait_screen "^/name~conn-handler$"
'

test_expect_success 'while the line is open q is text, not quit' '
    send_keys C-u q &&
    wait_screen "^/q$" &&
    ! test -s "$TRASH/.console-status" &&
    send_keys Escape &&
    wait_screen "^Tasks \(1,009\)" &&
    ! screen | grep -q "^/"
'

test_expect_success 'Esc with the line closed drops a kept filter' '
    filter_shows kind:blocking 1 &&
    send_keys Enter &&
    wait_for "! screen | grep -q \"^/kind\"" &&
    send_keys Escape &&
    wait_screen "^Tasks \(1,009\)"
'

test_expect_success 'the selection stays on its task when it still matches' '
    send_keys h h h i &&
    wait_screen "ID▵" &&
    send_keys g g j j j &&
    wait_for "test \"\$(selected_id)\" = 4" &&
    filter_shows "polls>=1000" 2 &&
    send_keys Enter &&
    test "$(selected_id)" = 4 &&
    send_keys Escape &&
    wait_screen "^Tasks \(1,009\)" &&
    test "$(selected_id)" = 4
'

test_expect_success '/? searches: every row stays, the matches are marked' '
    send_keys / &&
    send_keys -l "?conn" &&
    wait_screen "^Tasks \(1,009\) \?conn: 2 matches" &&
    send_keys Enter &&
    wait_screen "^controls: n/N = next/previous match" &&
    test $(rows | grep -c "^▸ .*conn-handler") = 2 &&
    rows | grep -q accept-loop &&
    wait_for "test \"\$(selected_id)\" = 2"
'

test_expect_success 'n and N move between the matches and wrap around' '
    send_keys n &&
    wait_for "test \"\$(selected_id)\" = 3" &&
    send_keys n &&
    wait_for "test \"\$(selected_id)\" = 2" &&
    send_keys N &&
    wait_for "test \"\$(selected_id)\" = 3" &&
    send_keys Escape &&
    wait_screen "^Tasks \(1,009\)  " &&
    ! rows | grep -q "^▸"
'

test_expect_success 'the help lists the filter keys' '
    send_keys "?" &&
    wait_screen "/\?text +search" &&
    screen | grep -q "n / N  *next / previous match" &&
    send_keys "?" &&
    wait_for "! screen | grep -q \"/?text\""
'

test_expect_success 'the resources table has a filter line of its own' '
    start_peer --scenario resources &&
    start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "^Tasks \([1-9]" &&
    send_keys r &&
    wait_screen "^Resources \(6\)" &&
    send_keys / && send_keys -l kind:timer &&
    wait_screen "^Resources \(2 of 6\) /kind:timer" &&
    screen | grep -q Interval &&
    ! screen | grep -q Mutex &&
    send_keys Escape &&
    wait_screen "^Resources \(6\)"
'

test_expect_success 'so has the async-ops table of a resource' '
    send_keys G Enter &&
    wait_screen "^Async Ops \(2\)" &&
    send_keys / && send_keys -l "task=1" &&
    wait_screen "^Async Ops \(1 of 2\) /task=1" &&
    send_keys Enter &&
    wait_for "! screen | grep -q \"^/task\"" &&
    send_keys Escape &&
    wait_screen "^Async Ops \(2\)" &&
    send_keys Escape &&
    wait_screen "^Resources \(6\)"
'

test_expect_success '--filter sets the task list filter at start' '
    start_console --retain-for none --filter "kind:blocking" "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(0 of [0-9]+\) /kind:blocking" &&
    start_peer --scenario "$TOP/t/scenarios/filter.scn" --retain 3600 &&
    start_console --retain-for none --filter "name~^db" "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(1 of 1,009\) /name~\^db" &&
    rows | grep -q db-worker
'

test_expect_success 'filter = in console.toml does the same' '
    printf "filter = \"?conn\"\n" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(1,009\) \?conn: 2 matches" &&
    start_console --retain-for none --filter warn:any "http://$PEER_ADDR" &&
    wait_screen "^Tasks \(3 of 1,009\) /warn:any"
'

test_expect_success 'a bad --filter is a usage error before the terminal is touched' '
    rm -f "$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    { "$TOP/$TOKIO_CONSOLE" --filter "name~(" >out 2>err; test $? = 2; } &&
    test ! -s out &&
    test $(wc -l <err) = 1 &&
    grep -q "^error: option .--filter.: at 6: bad regex" err &&
    ! grep -q "$(printf "\033")" err
'

test_expect_success 'so is a bad filter in console.toml' '
    printf "filter = \"state:idel\"\n" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    { "$TOP/$TOKIO_CONSOLE" >out 2>err; test $? = 2; } &&
    test $(wc -l <err) = 1 &&
    grep -q "^error: console.toml: filter: at 7: unknown state .idel." err &&
    rm -f "$XDG_CONFIG_HOME/tokio-console/console.toml"
'

test_done
