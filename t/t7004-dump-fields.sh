#!/bin/sh
# Every field of every list, as the fields tables (lib/view) list them
# (t/helper/fields): `dump --sort` takes it, a filter on it parses and
# runs, and it is a key of the JSON objects and of the CSV header.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER

TC="$TOP/$TOKIO_CONSOLE"
FIELDS="$TOP/t/helper/fields"
private_home
COLUMNS=120
export COLUMNS

# dump NAME ARGS...: runs the dump against the peer into NAME, with
# nothing on standard error.
dump () {
    d_name_=$1
    shift
    "$TC" --lang C.UTF-8 dump "$@" "http://$PEER_ADDR" >"$d_name_" 2>"$d_name_.err" &&
    test ! -s "$d_name_.err"
}

# probe VIEW TYPE NAME: a filter on the field that keeps rows.
probe () {
    case $2 in
    count) echo "$3>=0" ;;
    duration) echo "$3>=0ns" ;;
    state) if test "$1" = tasks; then echo "$3:running|idle|scheduled|done"; else echo "$3:live|done"; fi ;;
    warn) echo "$3:any" ;;
    *) echo "$3~." ;;
    esac
}

# no_values VIEW NAME: no row of the view has a value for the field.
no_values () {
    dump nv.$1 --view $1 --format jsonl &&
    test $(grep -c "\"$2\":\(null\|{}\|\"\"\)" nv.$1) = $(wc -l <nv.$1)
}

test_expect_success 'the fields tables list every list, each name a filter key' '
    "$FIELDS" >fields 2>err &&
    test ! -s err &&
    for view in tasks resources async-ops warnings; do
        grep -q "^$view id count\$" fields || return 1
    done
'

# words FILE FROM TO: the words of FILE from the first line matching FROM
# to the next matching TO, one a line.
words () {
    sed -n "/$2/,/$3/p" "$1" | sed 's/\\-/-/g' | tr -cs 'a-z_-' '\n'
}

test_expect_success 'the README and the man page list every task field' '
    words "$TOP/README" "known column (tasks:" "; resources:" >readme.words &&
    words "$TOP/man/tokio-console.1.in" "^.BI .-.-sort " "^for resources" >sort.words &&
    words "$TOP/man/tokio-console.1.in" "^The task keys" "^The resource" >keys.words &&
    for name in $(sed -n "s/^tasks \([^ ]*\) .*/\1/p" fields); do
        for w in readme sort keys; do
            grep -qx "$name" $w.words || { echo "$w: no $name" >&2; return 1; }
        done
    done
'

test_expect_success 'the README and the man page list every resource field' '
    words "$TOP/README" "; resources:" "; async ops:" >readme.words &&
    words "$TOP/man/tokio-console.1.in" "^for resources" "^for async ops" >sort.words &&
    words "$TOP/man/tokio-console.1.in" "^The resource keys" "; the async" >keys.words &&
    for name in $(sed -n "s/^resources \([^ ]*\) .*/\1/p" fields); do
        for w in readme sort keys; do
            grep -qx "$name" $w.words || { echo "$w: no $name" >&2; return 1; }
        done
    done
'

test_expect_success 'the README and the man page list every async op field' '
    words "$TOP/README" "; async ops:" "A line that does not parse" >readme.words &&
    words "$TOP/man/tokio-console.1.in" "^for async ops" "^for warnings" >sort.words &&
    words "$TOP/man/tokio-console.1.in" "the async operation keys" "as well\\.\$" >keys.words &&
    for name in $(sed -n "s/^async-ops \([^ ]*\) .*/\1/p" fields); do
        for w in readme sort keys; do
            grep -qx "$name" $w.words || { echo "$w: no $name" >&2; return 1; }
        done
    done
'

test_expect_success 'the README and the man page list every warnings field' '
    words "$TOP/README" "the warnings.: lint" "(they sort" >readme.words &&
    words "$TOP/man/tokio-console.1.in" "^for warnings" "^Ties go by ID" >sort.words &&
    for name in $(sed -n "s/^warnings \([^ ]*\) .*/\1/p" fields); do
        for w in readme sort; do
            grep -qx "$name" $w.words || { echo "$w: no $name" >&2; return 1; }
        done
    done
'

test_expect_success 'the peer serves the still scenario' '
    start_peer --scenario dump --frozen-clock
'

while read -r view name type; do
    test_expect_success "$view: --sort $name, both ways" "
        dump sort.$view.$name --view $view --sort $name &&
        dump sort.$view.$name.desc --view $view --sort $name:desc &&
        test -s sort.$view.$name
    "
    # A filter and its negation part the rows, and the first keeps some
    # (unless no row has a value: no size known, no attributes).
    test "$type" = none ||
    test_expect_success "$view: a filter on $name" "
        probe=\$(probe $view $type $name) &&
        dump all.$view --view $view --format csv &&
        dump filter.$view.$name --view $view --format csv --filter \"\$probe\" &&
        dump not.$view.$name --view $view --format csv --filter \"!\$probe\" &&
        test \$(( \$(wc -l <filter.$view.$name) + \$(wc -l <not.$view.$name) - 1 )) = \$(wc -l <all.$view) &&
        { test \$(wc -l <filter.$view.$name) -gt 1 || no_values $view $name; }
    "
    # A count filters on the number the JSON prints: the largest value
    # keeps the rows that have it, and only those.
    test "$type" != count ||
    test_expect_success "$view: $name=N keeps the rows whose JSON says N" "
        dump v.$view --view $view --format jsonl --sort $name:desc --limit 1 &&
        v=\$(head -n 1 v.$view | sed -n 's/.*\"$name\":\([0-9][0-9]*\)[,}].*/\\1/p') &&
        if test -n \"\$v\"; then
            dump eq.$view.$name --view $view --format jsonl --filter \"$name=\$v\" &&
            test -s eq.$view.$name &&
            ! grep -v \"\\\"$name\\\":\$v[,}]\" eq.$view.$name
        fi
    "
    test_expect_success "$view: $name is a JSON and a CSV key" "
        dump json.$view --view $view --format jsonl &&
        grep -q '\"$name\":' json.$view &&
        dump csv.$view --view $view --format csv &&
        head -n 1 csv.$view | tr , '\n' | grep -qx '$name'
    "
done <<EOT
$("$FIELDS" 2>/dev/null)
EOT

test_expect_success 'a name that is no field lists the fields' '
    ! "$TC" dump --sort nothing "http://$PEER_ADDR" 2>err &&
    grep "no field .nothing." err &&
    grep "self_wakes" err
'

test_done
