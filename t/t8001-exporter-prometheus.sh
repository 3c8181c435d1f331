#!/bin/sh
# A real Prometheus scrapes the exporter every second: its API answers
# tokio_console_tasks as dump counts them, a rate() of the polls counter,
# and, with --watch-details, a histogram_quantile of the poll times that
# matches the long-poll scenario's 200 ms polls, whose lint then fires.

. "$(dirname "$0")/test-lib.sh"
. "$TOP/t/exporter-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER
test_skip_all_unless CURL
test_skip_all_unless PROMETHEUS

HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
export HOME XDG_CONFIG_HOME

test_expect_success 'the peers and the exporter' '
    start_peer --scenario basic &&
    BASIC=$PEER_ADDR &&
    start_peer --scenario long-poll &&
    SLOW=$PEER_ADDR &&
    start_exporter --watch-details 2 basic=http://$BASIC slow=http://$SLOW &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"slow\\\"}")\" = 1"
'

test_expect_success 'Prometheus scrapes it every second' '
    start_prometheus &&
    q="tokio_console_target_up{app=\"basic\"} == 1" &&
    wait_for "test -n \"\$(query \"\$q\")\"" 60
'

test_expect_success 'tokio_console_tasks: as many live tasks as dump lists' '
    "$TC" dump --format csv --filter "!state:done" "http://$BASIC" >dump.csv &&
    want=$(($(wc -l <dump.csv) - 1)) &&
    q="sum(tokio_console_tasks{app=\"basic\",state!=\"done\"})" &&
    wait_for "test \"\$(query \"\$q\")\" = $want" 20
'

test_expect_success 'a rate() of the polls counter' '
    q="sum(rate(tokio_console_task_polls_total{app=\"basic\"}[5s])) > 0" &&
    wait_for "query \"\$q\" | grep -q ." 30 &&
    rate=$(query "sum(rate(tokio_console_task_polls_total{app=\"basic\"}[5s]))") &&
    echo "polls per second: $rate"
'

test_expect_success 'histogram_quantile of the poll times: the slow task polls for 200 ms' '
    q="histogram_quantile(0.99, sum by (le) (tokio_console_task_poll_duration_seconds_bucket{app=\"slow\",location=\"src/poll.rs:10:5\"}))" &&
    wait_for "query \"\$q > 0.1\" | grep -q ." 40 &&
    p99=$(query "$q") &&
    echo "p99 $p99" &&
    awk -v p="$p99" "BEGIN { exit !(p > 0.1 && p <= 0.25) }"
'

test_expect_success 'the two busiest tasks of each target are watched at once' '
    wait_for "test \"\$(query "tokio_console_watched_tasks{app=\\\"basic\\\"}")\" = 2" 30
'

test_expect_success 'with --watch-details the long-poll lint counts' '
    q="tokio_console_lint_tasks{app=\"slow\",lint=\"long-poll\"}" &&
    wait_for "test \"\$(query \"\$q\")\" = 1" 30
'

test_done
