#!/bin/sh
# tokio-console exporter against the test peer: the HTTP answers (GET,
# HEAD, 405, 404, OpenMetrics by Accept), the values against what dump
# reports, the lint scenario, a peer killed and restarted (target_up goes
# 0 then 1, counters never go down), a hostile peer beside a healthy one,
# a slow client, a half-open one, the connection limit, SIGHUP and the
# targets file, SIGTERM, --per-task and --max-tasks, the series count, and
# the bad inputs that end it at start with one line and exit status 2.

. "$(dirname "$0")/test-lib.sh"
. "$TOP/t/exporter-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER
test_skip_all_unless CURL

HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
export HOME XDG_CONFIG_HOME

# usage_error ARGS: exit status 2 and one line on stderr that matches $WANT.
usage_error () {
    "$TC" exporter "$@" >out 2>err
    st=$?
    test $st = 2 || { echo "exit status $st"; cat err; return 1; }
    test "$(wc -l <err)" = 1 || { cat err; return 1; }
    grep -q -e "$WANT" err || { cat err; return 1; }
}

test_expect_success 'the peer serves the basic scenario' '
    start_peer --scenario basic &&
    BASIC=$PEER_ADDR && BASIC_PID=$PEER_PID
'

test_expect_success 'the exporter connects; target_up is 1' '
    start_exporter api=http://$BASIC &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"api\\\"}")\" = 1"
'

test_expect_success 'tasks by state sum to the tasks dump lists' '
    "$TC" dump --format json "http://$BASIC" >dump.json &&
    want=$(grep -o "\"id\":" dump.json | wc -l) &&
    got=$(sum_of tokio_console_tasks) &&
    test "$got" = "$want" || { echo "exporter $got, dump $want"; return 1; }
'

test_expect_success 'polls by location sum to the polls dump lists, give or take an update' '
    "$TC" dump --format csv "http://$BASIC" >dump.csv &&
    col=$(head -1 dump.csv | tr , "\n" | grep -n "^polls$" | cut -d: -f1) &&
    want=$(sed 1d dump.csv | cut -d, -f"$col" | awk "{ t += \$1 } END { print t }") &&
    got=$(sum_of tokio_console_task_polls_total) &&
    echo "exporter $got, dump $want" &&
    awk -v a="$got" -v b="$want" "BEGIN { d = a - b; if (d < 0) d = -d; exit !(b > 0 && d <= b / 2) }"
'

test_expect_success 'GET /, /-/healthy, HEAD, 405 for other methods, 404 for other paths' '
    curl -s "$EXP_URL/" | grep -q "href=\"/metrics\"" &&
    test "$(curl -s "$EXP_URL/-/healthy")" = OK &&
    curl -sI "$EXP_URL/metrics" >head && grep -q "^HTTP/1.1 200" head &&
    grep -qi "^content-type: text/plain; version=0.0.4" head &&
    test "$(curl -s -o /dev/null -w "%{http_code}" -X POST -d x=1 "$EXP_URL/metrics")" = 405 &&
    curl -s -D hdr -o /dev/null -X DELETE "$EXP_URL/" && grep -qi "^allow: GET, HEAD" hdr &&
    test "$(curl -s -o /dev/null -w "%{http_code}" "$EXP_URL/nope")" = 404
'

test_expect_success 'OpenMetrics when Accept asks for it' '
    curl -s -D hdr -H "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5" \
        "$EXP_URL/metrics" >om &&
    grep -qi "^content-type: application/openmetrics-text; version=1.0.0" hdr &&
    tail -1 om | grep -qx "# EOF" &&
    grep -q "^# TYPE tokio_console_task_polls counter" om
'

test_expect_success PROMTOOL 'promtool check metrics finds nothing to say' '
    curl -s "$EXP_URL/metrics" >m &&
    promtool check metrics <m >lint 2>&1 &&
    test ! -s lint || { cat lint; return 1; }
'

test_expect_success 'a slow client holds nothing up' '
    perl -MIO::Socket::INET -e "
        \$s = IO::Socket::INET->new(PeerAddr => \"127.0.0.1:$EXP_PORT\") or die;
        print \$s \"GET /metrics HTTP/1.1\r\nHost: x\r\n\"; sleep 30" &
    slow=$! &&
    PEER_PIDS="$PEER_PIDS $slow" &&
    start=$(date +%s%N) &&
    curl -sf -m 2 "$EXP_URL/metrics" | grep -q tokio_console_target_up &&
    end=$(date +%s%N) &&
    kill $slow &&
    test $(( (end - start) / 1000000 )) -lt 1000
'

test_expect_success 'the peer killed: target_up 0; restarted on its port: 1 again, counters not lower' '
    before=$(sum_of tokio_console_task_polls_total) &&
    port=${BASIC#*:} &&
    stop_peer $BASIC_PID &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"api\\\"}")\" = 0" &&
    start_peer --listen "127.0.0.1:$port" --scenario basic &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"api\\\"}")\" = 1" 40 &&
    after=$(sum_of tokio_console_task_polls_total) &&
    echo "before $before, after $after" &&
    awk -v a="$after" -v b="$before" "BEGIN { exit !(a >= b) }"
'

test_expect_success 'a half-open client is closed by the idle timeout; targets go on meanwhile' '
    perl -MIO::Socket::INET -MTime::HiRes=time -e "
        \$s = IO::Socket::INET->new(PeerAddr => \"127.0.0.1:$EXP_PORT\") or die;
        print \$s \"GET /metrics HTTP/1.1\r\nHost: x\r\n\";
        \$t = time; \$n = sysread(\$s, \$b, 4096);
        printf \"closed after %.1f s with %d bytes\n\", time - \$t, \$n" >half 2>&1 &
    half=$! &&
    PEER_PIDS="$PEER_PIDS $half" &&
    sleep 1 &&
    age=$(sample "tokio_console_target_last_update_age_seconds{app=\"api\"}") &&
    echo "last update $age s ago while it is open" &&
    awk -v a="$age" "BEGIN { exit !(a < 3) }" &&
    wait_for "! kill -0 $half 2>/dev/null" 30 &&
    cat half &&
    grep -q "with 0 bytes" half
'

test_expect_success 'at most 64 connections: 100 idle clients hold 64; a scrape gets in when the idle ones time out' '
    perl -MIO::Socket::INET -e "
        for (1..100) { push @s, IO::Socket::INET->new(PeerAddr => \"127.0.0.1:$EXP_PORT\") or die }
        open(F, \">held\"); close F; sleep 60" &
    held=$! &&
    PEER_PIDS="$PEER_PIDS $held" &&
    wait_for "test -e held" &&
    sockets () { ls -l /proc/$EXP_PID/fd | grep -c socket: ; } &&
    wait_for "test \$(sockets) -ge 64" &&
    n=$(sockets) && echo "the exporter holds $n sockets" &&
    test "$n" -le 70 &&
    curl -sf -m 30 "$EXP_URL/metrics" >m &&
    age=$(awk "index(\$0, \"tokio_console_target_last_update_age_seconds{app=\\\"api\\\"} \") == 1 { print \$2 }" m) &&
    echo "then a scrape: last update $age s ago" &&
    awk -v a="$age" "BEGIN { exit !(a < 3) }" &&
    kill $held
'

test_expect_success 'SIGTERM ends it at once (200 ms is the aim; 2 s allowed here)' '
    start=$(date +%s%N) &&
    kill -TERM $EXP_PID &&
    wait $EXP_PID; st=$? &&
    end=$(date +%s%N) &&
    echo "status $st after $(( (end - start) / 1000000 )) ms" &&
    test $st = 0 &&
    test $(( (end - start) / 1000000 )) -lt 2000
'

test_expect_success '--per-task: three series a task, for the --max-tasks busiest' '
    start_exporter --per-task --max-tasks 3 "http://$BASIC" &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"$BASIC\\\"}")\" = 1" &&
    curl -sf "$EXP_URL/metrics" >m &&
    for f in polls busy_seconds scheduled_seconds; do
        n=$(grep -c "^tokio_console_task_by_id_${f}_total{" m)
        echo "$f: $n series"
        test "$n" = 3 || return 1
    done &&
    grep "^tokio_console_task_by_id_polls_total{" m | grep -q "task_id=\"[0-9]*\",task_name=\".*\",location=\"" &&
    stop_exporter &&
    start_exporter --per-task "http://$BASIC" &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"$BASIC\\\"}")\" = 1" &&
    curl -sf "$EXP_URL/metrics" >m &&
    want=$(awk "/^tokio_console_tasks\{/ { t += \$2 } END { print (t < 100 ? t : 100) }" m) &&
    n=$(grep -c "^tokio_console_task_by_id_polls_total{" m) &&
    echo "per task by default: $n of $want" &&
    test "$n" -gt 3 && test "$n" -le "$want" &&
    stop_exporter &&
    start_exporter "http://$BASIC" &&
    ! curl -sf "$EXP_URL/metrics" | grep -q "^tokio_console_task_by_id" &&
    stop_exporter
'

test_expect_success 'with --per-task and --watch-details 3: the three busiest watched at once, on one connection' '
    start_exporter --per-task --watch-details 3 "http://$BASIC" &&
    wait_for "test \"\$(sample "tokio_console_watched_tasks{app=\\\"$BASIC\\\"}")\" = 3" 30 &&
    curl -sf "$EXP_URL/metrics" >m &&
    grep -q "^tokio_console_task_poll_duration_seconds_bucket{" m &&
    n=$(ls -l /proc/$EXP_PID/fd | grep -c socket:) &&
    echo "$n sockets: the listening one and one connection" &&
    test "$n" -le 2
'

test_expect_success PROMTOOL 'promtool check metrics: with --per-task and --watch-details too' '
    curl -sf "$EXP_URL/metrics" >m &&
    grep -q "^tokio_console_task_by_id_polls_total{" m &&
    promtool check metrics <m >lint 2>&1 &&
    test ! -s lint || { cat lint; return 1; }
'

test_expect_success 'series per target: as tokio-console-exporter(1) counts them' '
    curl -sf "$EXP_URL/metrics" >m &&
    locs=$(grep "^tokio_console_tasks{" m | sed "s/.*location=\"\([^\"]*\)\".*/\1/" | sort -u | wc -l) &&
    counted=$(grep -c "^tokio_console_task_polls_total{" m) &&
    watched=$(grep "^tokio_console_task_poll_duration_seconds_count{" m | wc -l) &&
    tasks=$(grep -c "^tokio_console_task_by_id_polls_total{" m) &&
    res=$(grep -c "^tokio_console_resources{" m) &&
    waits=$(grep -c "^tokio_console_resource_waiting_tasks{" m) &&
    lints=$(grep -c "^tokio_console_lint_tasks{" m) &&
    want=$((2 + 4 * locs + 4 * counted + lints + res + waits + 1 + 1 + 50 * watched + 3 * tasks)) &&
    got=$(grep "^tokio_console_" m | grep -c "app=\"$BASIC\"") &&
    echo "$locs locations with tasks, $counted with counters, $watched watched, $tasks tasks: $got series, counted $want" &&
    test "$got" = "$want" &&
    stop_exporter
'

test_expect_success 'the lint scenario: the lint counts match dump --view warnings' '
    start_peer --scenario lints &&
    LINTS=$PEER_ADDR &&
    start_exporter "http://$LINTS" &&
    app=$LINTS &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"$app\\\"}")\" = 1" &&
    "$TC" dump --view warnings --format csv "http://$LINTS" >w.csv &&
    bad= &&
    for lint in lost-waker never-yielded self-wakes auto-boxed-future large-future; do
        want=$(grep -c "^$lint," w.csv)
        got=$(sample "tokio_console_lint_tasks{app=\"$app\",lint=\"$lint\"}")
        echo "$lint: exporter $got, dump $want"
        test "$got" = "$want" || bad="$bad $lint"
    done &&
    test -z "$bad" &&
    stop_exporter
'

test_expect_success 'a hostile peer beside a healthy one' '
    "$TOP/t/helper/wire-hostile" --mode garbage --port-file hostile.port >hostile.log 2>&1 &
    hostile=$! &&
    PEER_PIDS="$PEER_PIDS $hostile" &&
    wait_for "test -s hostile.port" &&
    start_exporter good=http://$LINTS bad=http://127.0.0.1:$(cat hostile.port) &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"good\\\"}")\" = 1" &&
    test "$(sample "tokio_console_target_up{app=\"bad\"}")" = 0 &&
    test "$(sample "tokio_console_lint_tasks{app=\"good\",lint=\"lost-waker\"}")" -ge 1 &&
    stop_exporter
'

test_expect_success 'SIGHUP reads the targets file again; a bad file keeps the old list' '
    echo "# fleet" >targets &&
    start_exporter --targets-file targets &&
    test -z "$(sample "tokio_console_target_up{app=\"lints\"}")" &&
    echo "lints=http://$LINTS" >>targets &&
    kill -HUP $EXP_PID &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"lints\\\"}")\" = 1" &&
    echo "not a target" >>targets &&
    kill -HUP $EXP_PID &&
    curl -sf "$EXP_URL/-/healthy" >/dev/null &&
    test "$(sample "tokio_console_target_up{app=\"lints\"}")" = 1 &&
    kill -0 $EXP_PID &&
    stop_exporter
'

test_expect_success 'targets as the console takes them: console.toml default_target_addr and a targets file' '
    mkdir -p "$XDG_CONFIG_HOME/tokio-console" &&
    echo "default_target_addr = \"http://$LINTS\"" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    echo "two=http://$LINTS" >targets2 &&
    start_exporter --targets-file targets2 &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"two\\\"}")\" = 1" &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"$LINTS\\\"}")\" = 1" &&
    stop_exporter &&
    rm "$XDG_CONFIG_HOME/tokio-console/console.toml"
'

test_expect_success 'SIGHUP without a targets file: the list stays, it goes on' '
    start_exporter "http://$LINTS" &&
    kill -HUP $EXP_PID &&
    curl -sf "$EXP_URL/-/healthy" >/dev/null &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"$LINTS\\\"}")\" = 1" &&
    kill -0 $EXP_PID &&
    stop_exporter
'

test_expect_success 'console.toml targets, names by default' '
    mkdir -p "$XDG_CONFIG_HOME/tokio-console" &&
    echo "targets = [\"http://$LINTS\", \"two=http://$LINTS\"]" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    start_exporter &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"two\\\"}")\" = 1" &&
    wait_for "test \"\$(sample "tokio_console_target_up{app=\\\"$LINTS\\\"}")\" = 1" &&
    stop_exporter &&
    rm "$XDG_CONFIG_HOME/tokio-console/console.toml"
'

test_expect_success OPENSSL '--tls-cert and --tls-key: HTTPS through libmicrohttpd' '
    make_test_certs &&
    port=$(free_port) &&
    { "$TC" exporter --listen "127.0.0.1:$port" --tls-cert server.crt --tls-key server.key \
        "http://$LINTS" >tls.out 2>&1 & } &&
    tls=$! &&
    PEER_PIDS="$PEER_PIDS $tls" &&
    wait_for "curl -sf --cacert ca.crt https://127.0.0.1:$port/-/healthy >/dev/null" &&
    curl -sf --cacert ca.crt "https://127.0.0.1:$port/metrics" | grep -q "^tokio_console_target_up" &&
    ! curl -sf "http://127.0.0.1:$port/-/healthy" &&
    kill $tls
'

test_expect_success 'bad targets: exit 2, one line naming them' '
    WANT="invalid target .nope." usage_error nope &&
    WANT="target name .a. is given twice" usage_error a=http://h:1 a=http://h:2 &&
    mkdir dir && WANT="targets file .dir. is a directory" usage_error --targets-file dir &&
    printf "http://h:1\nbad line\n" >bad && WANT="^error: bad:2: " usage_error --targets-file bad &&
    WANT="does not exist" usage_error --targets-file missing
'

test_expect_success 'a port in use, a bad address, an unreadable TLS file: exit 2, one line' '
    WANT="cannot listen on .127.0.0.1:${LINTS#*:}.: address already in use" \
        usage_error --listen "127.0.0.1:${LINTS#*:}" &&
    WANT="cannot listen on .nowhere:1." usage_error --listen nowhere:1 &&
    WANT="cannot listen on .1.2.3.4.5:1.: .1.2.3.4.5. is not an IPv4 address" usage_error --listen 1.2.3.4.5:1 &&
    WANT="cannot listen on .192.0.2.1:9669.: cannot assign requested address" usage_error --listen 192.0.2.1:9669 &&
    WANT="invalid port" usage_error --listen 127.0.0.1:99999 &&
    WANT="cannot read TLS certificate .missing.pem." usage_error --tls-cert missing.pem --tls-key missing.key &&
    mkdir -p pemdir && : >empty.pem &&
    WANT="cannot read TLS certificate .pemdir.: .*directory" usage_error --tls-cert pemdir --tls-key empty.pem &&
    WANT="cannot read TLS certificate .empty.pem.: is empty" usage_error --tls-cert empty.pem --tls-key empty.pem &&
    WANT="without its key" usage_error --tls-cert missing.pem
'

test_expect_success 'the console options that mean nothing here are refused' '
    WANT="option .--palette. does not apply to .exporter." usage_error --palette 8 &&
    WANT="option .--watch. only applies to .dump." usage_error --watch
'

test_expect_success '--help lists only options that work' '
    "$TC" exporter --help >help &&
    grep -q -e "--listen" help && grep -q -e "--watch-details" help && grep -q -e "--tls-cert" help &&
    ! grep -q -e "--palette" help && ! grep -q -e "--record" help && ! grep -q -e "--format" help
'

test_done
