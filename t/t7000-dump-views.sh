#!/bin/sh
# tokio-console dump against the test peer's still scenario (dump.scn,
# the peer's clock frozen): every view in every format is compared with
# its expected output in t/t7000/, as are --filter, --sort and --limit.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER

TC="$TOP/$TOKIO_CONSOLE"
EXPECT="$TEST_DIRECTORY/t7000"
# No console.toml of the user's; a fixed width and charset for tables.
HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
COLUMNS=120
export HOME XDG_CONFIG_HOME COLUMNS

# dump NAME ARGS...: runs the dump against the peer into NAME, with
# nothing on standard error, and compares NAME with its expected output.
dump () {
    d_name_=$1
    shift
    "$TC" --lang C.UTF-8 dump "$@" "http://$PEER_ADDR" >"$d_name_" 2>"$d_name_.err" &&
    test_cmp "$EXPECT/$d_name_" "$d_name_" &&
    test ! -s "$d_name_.err"
}

test_expect_success 'the peer serves the still scenario' '
    start_peer --scenario dump --frozen-clock
'

for view in tasks resources async-ops warnings; do
    for format in table json jsonl csv; do
        test_expect_success "--view $view --format $format" "
            dump $view.$format --view $view --format $format
        "
    done
done

test_expect_success 'the table is as wide as $COLUMNS' '
    COLUMNS=72 dump tasks.table72 --ascii-only true &&
    test $(awk "{ print length }" tasks.table72 | sort -n | tail -1) -le 72
'

test_expect_success 'ASCII tables' '
    dump tasks.ascii --ascii-only true
'

test_expect_success '--filter, --sort and --limit' '
    dump tasks.query --format csv --filter "!state:done total>3s" --sort busy:desc --limit 3
'

test_expect_success '--sort by a text column, the table marks it' '
    dump resources.sorted --view resources --sort type:desc
'

test_expect_success 'a filter that keeps nothing gives the header alone' '
    dump tasks.none --filter "name=nothing-like-this" &&
    test $(wc -l <tasks.none) = 1
'

test_expect_success 'a duration filter reads what the table prints' '
    dump tasks.none --filter "total>1m05s" &&
    "$TC" dump --format csv --filter "busy<=456µs total>=10s idle<1d04h" "http://$PEER_ADDR" >out &&
    cut -d, -f1 out >ids &&
    printf "id\n6\n" >want &&
    test_cmp want ids
'

test_expect_success 'json output is one document that jq-like tools read' '
    "$TC" dump --format json "http://$PEER_ADDR" >doc.json &&
    head -c 1 doc.json | grep -q "{" &&
    tail -n 1 doc.json | grep -qx "}"
'

test_done
