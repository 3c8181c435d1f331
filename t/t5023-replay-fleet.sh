#!/bin/sh
# --record with two targets writes both into one file (format version 2),
# the second application starting a few seconds after the first; then
# `dump --from` gives every row its app, as the live dump of both does,
# and `--at` moves both on one timeline (the first alone early on, both
# at the end); `replay` shows the fleet as live does (the header counts
# both, the targets view lists each with its tasks) and its seeks and
# steps move both.  A recording of one target is still version 1, and a
# recording made before several targets could be recorded (the fuzz
# corpus's) dumps as it always did.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
private_home

TC="$TOP/$TOKIO_CONSOLE"
REC="$TRASH/two.tcr"

# The targets view's row of a target.
target_line () {
    screen | grep -E "^ *$1 " | head -1
}

# tasks_of NAME: the task count on the targets view's row of NAME.
tasks_of () {
    target_line "$1" | awk '{ print $3 }'
}

# format_version FILE: the version in a recording's header.
format_version () {
    od -An -tu4 -j16 -N4 "$1" | tr -d ' '
}

# apps_at T: the apps that have rows in a dump of the recording at T.
apps_at () {
    "$TC" dump --from "$REC" --at "$1" --format csv | sed 1d | cut -d, -f1 | sort -u | tr '\n' ' '
}

test_expect_success 'setup: web live, the port for api free' '
    start_peer --scenario lints --frozen-clock && API_PORT=$PEER_PORT &&
    stop_peer &&
    start_peer --scenario dump --frozen-clock && WEB=$PEER_ADDR
'

test_expect_success TMUX 'record both: web first, api three seconds later' '
    start_console --record "$REC" "web=http://$WEB" "api=http://127.0.0.1:$API_PORT" &&
    wait_screen "^targets: 1 of 2 connected; api: " 20 &&
    wait_screen "listener" &&
    shown=$(date +%s) &&
    wait_for "test \$(date +%s) -ge $((shown + 3))" 10 &&
    start_peer --scenario lints --frozen-clock --listen "127.0.0.1:$API_PORT" &&
    wait_screen "^targets: 2 of 2 connected" 20 &&
    press "^Targets \(2\)" a &&
    wait_for "test \"\$(tasks_of api)\" = 6" &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0 &&
    test_set_prereq RECORDED
'

test_expect_success RECORDED 'one file, format version 2, naming both' '
    test "$(format_version "$REC")" = 2 &&
    head -c 200 "$REC" | grep -a -q web &&
    head -c 200 "$REC" | grep -a -q api
'

test_expect_success RECORDED 'dump --from: every row has its app, as the live dump of both' '
    "$TC" dump --from "$REC" --format csv >rec.csv 2>err &&
    test ! -s err &&
    head -n 1 rec.csv | grep -q "^app,id,name," &&
    grep -q "^web,[0-9]*,listener," rec.csv &&
    grep -q "^api,[0-9]*,yield-loop," rec.csv &&
    ! grep -q "^api,[0-9]*,listener," rec.csv &&
    ! grep -q "^web,[0-9]*,yield-loop," rec.csv &&
    "$TC" dump --format csv "web=http://$WEB" "api=http://127.0.0.1:$API_PORT" >live.csv &&
    cut -d, -f1-4 rec.csv >rec.rows &&
    cut -d, -f1-4 live.csv >live.rows &&
    test_cmp live.rows rec.rows
'

test_expect_success RECORDED 'dump --at: both on one timeline, web alone before api came' '
    web_alone= both= t=0 &&
    while test $t -le 60; do
        got=$(apps_at "${t}s") &&
        case "$got" in
        "web ") web_alone=$t; test -z "$both" || return 1 ;;
        "api web ") both=$t; break ;;
        "") test -z "$web_alone" || return 1 ;;
        *) echo "at ${t}s: $got" >&2; return 1 ;;
        esac
        t=$((t + 1))
    done &&
    test -n "$web_alone" && test -n "$both" &&
    test "$(apps_at 10m)" = "api web " &&
    echo "$web_alone" >web-alone-at
'

test_expect_success RECORDED,TMUX 'replay: the header counts both apps; the targets view lists them' '
    start_console replay "$REC" --start 10m &&
    wait_screen "^replay: END" &&
    wait_screen "^targets: 2 of 2 connected" &&
    screen | head -1 | grep -q "connection: web http://$WEB" &&
    press "^Targets \(2\)" a &&
    wait_for "test \"\$(tasks_of web)\" = 7 && test \"\$(tasks_of api)\" = 6"
'

test_expect_success RECORDED,TMUX 'replay: one seek and one step move both' '
    press_until "test \"\$(tasks_of web)\" = 0 && test \"\$(tasks_of api)\" = 0" 0 &&
    screen | grep -q "^replay: PAUSED" &&
    press_until "test \"\$(tasks_of web)\" = 7" . &&
    test "$(tasks_of api)" = 0 &&
    press_until "test \"\$(tasks_of api)\" = 6" "\$" &&
    test "$(tasks_of web)" = 7
'

test_expect_success RECORDED,TMUX 'replay: enter shows the lists of the selected app' '
    press_until "selected_row | grep -q \"^ *web \"" End &&
    press_until "selected_row | grep -q \"^ *api \"" Home &&
    press "connection: api http" Enter &&
    wait_screen "yield-loop" &&
    ! screen | grep -q "listener" &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_expect_success TMUX 'a recording of one target is still format version 1' '
    start_console --record "$TRASH/one.tcr" "http://$WEB" &&
    wait_screen "listener" &&
    wait_for "test -s \"$TRASH/one.tcr\"" &&
    send_keys q &&
    wait_console_exit &&
    test "$(format_version "$TRASH/one.tcr")" = 1 &&
    "$TC" dump --from "$TRASH/one.tcr" --format csv >one.csv &&
    head -n 1 one.csv | grep -q "^id,name," &&
    grep -q "^[0-9]*,listener," one.csv
'

test_expect_success 'a recording made before several targets could be: as it always dumped' '
    "$TC" dump --from "$TOP/t/fuzz/corpus-replay/session" --format csv >old.csv 2>err &&
    test ! -s err &&
    test_cmp "$TEST_DIRECTORY/t5023/session.csv" old.csv
'

test_done
