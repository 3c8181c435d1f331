#!/bin/sh
# tokio-console dump over several targets: two test peers, every row with
# its app (a JSON and CSV key, a table column), one list in the order
# asked for, the filter's app key, --fail-on naming the app, a target
# that cannot be reached beside one that can, console.toml `targets` and
# --targets-file, and the usage errors of a bad or twice-named target.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER

TC="$TOP/$TOKIO_CONSOLE"
HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
COLUMNS=160
export HOME XDG_CONFIG_HOME COLUMNS

test_expect_code () {
    tec_want_=$1
    shift
    "$@"
    tec_got_=$?
    test "$tec_got_" = "$tec_want_" || {
        echo "exit status $tec_got_, wanted $tec_want_: $*" >&2
        return 1
    }
}

# same_rows A B: the same rows by app, id and name (the lints' tasks run on).
same_rows () {
    cut -d, -f1-3 "$1" >"$1.rows" &&
    cut -d, -f1-3 "$2" >"$2.rows" &&
    test_cmp "$1.rows" "$2.rows"
}

test_expect_success 'two peers: the still scenario and the lints' '
    start_peer --scenario dump --frozen-clock &&
    WEB="web=http://$PEER_ADDR" &&
    WEB_NAME=$PEER_ADDR &&
    start_peer --scenario lints --frozen-clock &&
    API="api=http://$PEER_ADDR"
'

test_expect_success 'json: every row has its app, both apps are there' '
    "$TC" dump --format json "$WEB" "$API" >doc.json 2>err &&
    test ! -s err &&
    grep -c "\"app\": \"web\"" doc.json >web.count &&
    grep -c "\"app\": \"api\"" doc.json >api.count &&
    test "$(cat web.count)" -gt 3 &&
    test "$(cat api.count)" -gt 3 &&
    test "$(grep -c "\"id\":" doc.json)" = $(( $(cat web.count) + $(cat api.count) ))
'

test_expect_success 'csv: app is the first key; rows by id, then by app order' '
    "$TC" dump --format csv "$WEB" "$API" >out.csv 2>err &&
    test ! -s err &&
    head -n 1 out.csv | grep -q "^app,id,name," &&
    sed -n "2p;3p" out.csv | cut -d, -f1,2 >first &&
    printf "web,1\napi,1\n" >expect &&
    test_cmp expect first
'

test_expect_success 'csv: --sort name merges by the text, --limit cuts the whole' '
    "$TC" dump --format csv --sort name --limit 4 "$WEB" "$API" >sorted.csv &&
    test $(wc -l <sorted.csv) = 5 &&
    tail -n +2 sorted.csv | cut -d, -f3 >names &&
    LC_ALL=C sort names >names.sorted &&
    test_cmp names.sorted names
'

test_expect_success 'the table has an App column' '
    "$TC" --lang C.UTF-8 dump "$WEB" "$API" >table &&
    head -n 1 table | grep -q "^App  *Warn  *ID" &&
    grep -q "^web " table &&
    grep -q "^api " table
'

test_expect_success 'one target: no app, as before' '
    "$TC" dump --format csv "http://$WEB_NAME" >one.csv &&
    head -n 1 one.csv | grep -q "^id,name," &&
    ! grep -q "\"app\"" one.csv
'

test_expect_success 'the filter takes app: and free text matches it' '
    "$TC" dump --format csv --filter app:api "$WEB" "$API" >api.csv &&
    tail -n +2 api.csv | cut -d, -f1 | sort -u >apps &&
    echo api >expect &&
    test_cmp expect apps &&
    "$TC" dump --format csv --filter "!app=api" "$WEB" "$API" >web.csv &&
    tail -n +2 web.csv | cut -d, -f1 | sort -u >apps &&
    echo web >expect &&
    test_cmp expect apps &&
    "$TC" dump --format csv --filter "api" "$WEB" "$API" >free.csv &&
    same_rows api.csv free.csv
'

test_expect_success '--fail-on names the app of each task' '
    test_expect_code 1 "$TC" dump --fail-on lost-waker "$WEB" "$API" >out 2>err &&
    grep -x "error: web: task 6 .lost-waker. (src/lints.rs:20:5): lost-waker" err &&
    grep -x "error: api: task 2 .lost-waker. (src/lints.rs:20:5): lost-waker" err &&
    test $(wc -l <err) = 2
'

test_expect_success 'a target not reached: the others printed, it named, status 3' '
    test_expect_code 3 "$TC" dump --format csv --connect-timeout 1s "$API" "down=http://127.0.0.1:1" >out 2>err &&
    grep -q "^api,1," out &&
    grep -q "cannot reach .http://127.0.0.1:1. within 1s" err
'

test_expect_success 'a bad target is a usage error that names it' '
    test_expect_code 2 "$TC" dump "$API" "nope" >out 2>err &&
    grep -q "nope" err &&
    test $(wc -l <err) = 1
'

test_expect_success 'two targets of one name are a usage error' '
    test_expect_code 2 "$TC" dump "$API" "api=http://127.0.0.1:1" >out 2>err &&
    grep -q "target name .api. is given twice" err
'

test_expect_success 'console.toml targets' '
    mkdir -p "$XDG_CONFIG_HOME/tokio-console" &&
    printf "targets = [\"%s\", \"%s\"]\n" "$WEB" "$API" >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    "$TC" dump --format csv >toml.csv &&
    same_rows out.csv toml.csv &&
    "$TC" dump --format csv "http://$WEB_NAME" >one.again.csv &&
    same_rows one.csv one.again.csv &&
    rm "$XDG_CONFIG_HOME/tokio-console/console.toml"
'

test_expect_success '--targets-file, with comments' '
    printf "# the fleet\n%s\n\n%s  # the api\n" "$WEB" "$API" >fleet &&
    "$TC" dump --format csv --targets-file fleet >file.csv &&
    same_rows out.csv file.csv
'

test_expect_success 'a bad targets file is a usage error naming the line' '
    printf "%s\nnope\n" "$WEB" >bad-fleet &&
    test_expect_code 2 "$TC" dump --targets-file bad-fleet >out 2>err &&
    grep -q "bad-fleet:2: " err &&
    test_expect_code 2 "$TC" dump --targets-file . >out 2>err &&
    grep -q "not a regular file" err
'

test_expect_success 'more than 1000 targets are a usage error naming the line past the limit' '
    awk "BEGIN { for (i = 0; i <= 1000; i++) printf \"t%d=http://127.0.0.1:1\\n\", i }" >many &&
    test_expect_code 2 "$TC" dump --targets-file many >out 2>err &&
    grep -q "many:1001: more than 1000 targets" err
'

# A process may start only so many threads (RLIMIT_NPROC, counted per
# user; root is not held to it, so the console runs as a user id of its
# own).  Each target takes one.
command -v prlimit >/dev/null && command -v setpriv >/dev/null && test "$(id -u)" = 0 &&
    test_set_prereq THREAD_LIMIT

test_expect_success THREAD_LIMIT 'targets past the thread limit show why; the others go on' '
    awk "BEGIN { for (i = 0; i < 30; i++) printf \"d%d=http://127.0.0.1:1\\n\", i }" >thirty &&
    mkdir -p limited && chmod 755 . limited && chmod 644 thirty &&
    test_expect_code 3 prlimit --nproc=20 setpriv --reuid=64711 --regid=64711 --clear-groups \
        env HOME="$TRASH/limited" XDG_CONFIG_HOME="$TRASH/limited" \
        "$TC" dump --connect-timeout 1s --targets-file thirty >out 2>err &&
    test $(wc -l <err) = 30 &&
    grep -c "within 1s: cannot start a thread for the connection: resource temporarily unavailable" err >n &&
    test $(cat n) -ge 5 &&
    grep -q "within 1s: cannot connect to .127.0.0.1:1.: connection refused" err
'

test_done
