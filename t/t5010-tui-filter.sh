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
# filter_shows TEXT COUNT: types TEXT after `/`, waits for COUNT rows of
# the 1,009 in the title with TEXT as its filter, and leaves the line open.
filter_shows () {
    press "^/$" / &&
    press "^Tasks \\($2 of 1,009\\) /$(regex_quote "$1") " -l "$1"
}
# unfiltered: Esc, and the whole list is back.
unfiltered () {
    press "^Tasks \\(1,009\\)" Escape
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
    press "^controls: typing a filter: enter = keep, esc = clear" / &&
    wait_screen "^/$"
'

test_expect_success 'free text narrows the rows as it is typed' '
    press "^/co$" -l co &&
    press "^Tasks \(2 of 1,009\) /conn " -l nn &&
    test $(rows | grep -c conn-handler) = 2 &&
    ! rows | grep -q filler
'

test_expect_success 'Backspace edits the line and the rows follow' '
    press "^Tasks \(1,009\)" BSpace BSpace BSpace BSpace &&
    press "^Tasks \(1 of 1,009\) /flush " -l flush &&
    unfiltered
'

test_expect_success 'field=value matches one field by its value' '
    filter_shows "peer.addr=10.0.0.7:51234" 1 &&
    rows | grep -q "peer.addr=10.0.0.7:51234" &&
    unfiltered
'

test_expect_success 'field~regex matches a POSIX extended regex' '
    filter_shows "name~^(accept|db)-" 2 &&
    rows | grep -q accept-loop && rows | grep -q db-worker &&
    unfiltered
'

test_expect_success 'state: picks tasks by state' '
    filter_shows state:scheduled 1 &&
    unfiltered &&
    filter_shows state:done 1 &&
    rows | grep -q flush &&
    unfiltered
'

test_expect_success 'warn:NAME and warn:any pick tasks by lint' '
    filter_shows warn:lost-waker 1 &&
    rows | grep -q " lost " &&
    unfiltered &&
    filter_shows warn:any 3 &&
    rows | grep -q spinner && rows | grep -q big-future &&
    unfiltered
'

test_expect_success 'kind: picks blocking tasks' '
    filter_shows kind:blocking 1 &&
    rows | grep -q hash-password &&
    unfiltered
'

test_expect_success 'numeric terms with units: busy>10ms, polls>=1000, total>30m, total<5s' '
    filter_shows "busy>10ms" 3 &&
    unfiltered &&
    filter_shows "polls>=1000" 2 &&
    rows | grep -q accept-loop && rows | grep -q db-worker &&
    unfiltered &&
    filter_shows "total>30m" 2 &&
    unfiltered &&
    filter_shows "total<5s" 1 &&
    rows | grep -q flush &&
    unfiltered
'

test_expect_success 'id= picks one task by its ID' '
    filter_shows id=3 1 &&
    rows | grep -E -q "^ +3 " &&
    unfiltered
'

test_expect_success '! negates a term, | ORs two' '
    filter_shows "!conn" "1,007" &&
    unfiltered &&
    filter_shows "kind:blocking | warn:lost-waker" 2 &&
    rows | grep -q hash-password && rows | grep -q " lost " &&
    unfiltered
'

test_expect_success 'Esc and the next key in one write: both take effect' '
    filter_shows conn 2 &&
    press "^/$" -l "$(printf "\033/")" &&
    press "^Tasks \(1 of 1,009\) /flush " -l flush &&
    press "^/$" Escape / &&
    press "^controls: .*/ = filter" Escape
'

test_expect_success 'a bad regex is an error on the line; the rows stay as they were' '
    filter_shows name~conn-handler 2 &&
    press "^/name~conn-handler\(  at 6: bad regex .conn-handler\(.: " -l "(" &&
    title | grep -q "^Tasks (2 of 1,009) /name~conn-handler " &&
    test $(rows | grep -c conn-handler) = 2
'

test_expect_success 'Enter does not keep a line that does not parse' '
    send_keys Enter &&
    press "^/name~conn-handler$" BSpace &&
    wait_screen "^Tasks \(2 of 1,009\) /name~conn-handler "
'

test_expect_success 'Enter keeps the filter: the line closes, the title keeps it' '
    press_until "! screen | grep -q \"^/name\"" Enter &&
    title | grep -q "^Tasks (2 of 1,009) /name~conn-handler " &&
    screen | grep -q "^controls: .*/ = filter"
'

test_expect_success 'with the line closed, keys are the list keys again' '
    was=$(selected_id) &&
    test -n "$was" &&
    press_until "test \"\$(selected_id)\" != $was" j &&
    press "^/name~conn-handler$" /
'

test_expect_success 'while the line is open q is text, not quit' '
    press "^/q$" C-u q &&
    ! test -s "$TRASH/.console-status" &&
    unfiltered &&
    ! screen | grep -q "^/"
'

test_expect_success 'Esc with the line closed drops a kept filter' '
    filter_shows kind:blocking 1 &&
    press_until "! screen | grep -q \"^/kind\"" Enter &&
    unfiltered
'

test_expect_success 'the selection stays on its task when it still matches' '
    press "ID▵" h h h i &&
    press_until "test \"\$(selected_id)\" = 1" g g &&
    press_until "test \"\$(selected_id)\" = 4" j j j &&
    filter_shows "polls>=1000" 2 &&
    press_until "! screen | grep -q \"^/polls\"" Enter &&
    test "$(selected_id)" = 4 &&
    unfiltered &&
    test "$(selected_id)" = 4
'

test_expect_success '/? searches: every row stays, the matches are marked' '
    press "^/$" / &&
    press "^Tasks \(1,009\) \?conn: 2 matches" -l "?conn" &&
    press "^controls: n/N = next/previous match" Enter &&
    test $(rows | grep -c "^▸ .*conn-handler") = 2 &&
    rows | grep -q accept-loop &&
    wait_for "test \"\$(selected_id)\" = 2"
'

test_expect_success 'n and N move between the matches and wrap around' '
    press_until "test \"\$(selected_id)\" = 3" n &&
    press_until "test \"\$(selected_id)\" = 2" n &&
    press_until "test \"\$(selected_id)\" = 3" N &&
    press "^Tasks \(1,009\)  " Escape &&
    ! rows | grep -q "^▸"
'

test_expect_success 'the help lists the filter keys; in a search, the search keys' '
    press "/\?text +search" "?" &&
    ! screen | grep -q "n / N" &&
    press_until "! screen | grep -q \"/?text\"" "?" &&
    press "^/$" / &&
    press "^Tasks \(1,009\) \?conn: 2 matches" -l "?conn" &&
    press "^controls: n/N = next/previous match" Enter &&
    press "n / N  *next / previous match" "?" &&
    press_until "! screen | grep -q \"n / N\"" "?" &&
    press "^Tasks \(1,009\)  " Escape
'

test_expect_success 'the resources table has a filter line of its own' '
    start_peer --scenario resources &&
    start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "^Tasks \([1-9]" &&
    press "^Resources \(6\)" r &&
    press "^/$" / &&
    press "^Resources \(2 of 6\) /kind:timer" -l kind:timer &&
    screen | grep -q Interval &&
    ! screen | grep -q Mutex &&
    press "^Resources \(6\)" Escape
'

test_expect_success 'so has the async-ops table of a resource' '
    press "^Async Ops \(2\)" G Enter &&
    press "^/$" / &&
    press "^Async Ops \(1 of 2\) /task=1" -l "task=1" &&
    press_until "! screen | grep -q \"^/task\"" Enter &&
    press "^Async Ops \(2\)" Escape &&
    press "^Resources \(6\)" Escape
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
