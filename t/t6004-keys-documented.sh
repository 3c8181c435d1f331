#!/bin/sh
# The manual's KEYS and REPLAY KEYS and the README's Keys name every key
# the key tables bind (tui/keys.cc, as t/helper/keys prints them), and no
# key the tables do not bind; `replay --help` names the playback's keys.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE

KEYS="$TOP/t/helper/keys"
MAN1="$TOP/man/tokio-console.1"

# The key names in key columns, one column a line on standard input, one
# name a line out: a name of more than one character lowercased (Enter,
# PgUp, Ctrl-C), an arrow by its name, a sequence (gg, /?) by its first
# key; "or", brackets and a lone / between keys are no keys.
names () {
    awk '{
        n = split($0, t, /[ ,()]+/); k = 0
        for (i = 1; i <= n; i++) if (t[i] != "") tok[++k] = t[i]
        for (i = 1; i <= k; i++) {
            x = tok[i]
            if (x == "or" || (x == "/" && k > 1)) continue
            if (x == "←") x = "left"; else if (x == "→") x = "right"
            else if (x == "↑") x = "up"; else if (x == "↓") x = "down"
            if (length(x) > 1) {
                l = tolower(x)
                if (l ~ /^(space|enter|esc|tab|backspace|up|down|left|right|pgup|pgdn|home|end|ctrl-c|ctrl-d|ctrl-u|mouse)$/)
                    x = l
                else
                    x = substr(x, 1, 1)
            }
            print x
        }
    }' | sort -u
}

test_expect_success 'the key tables name every key they bind' '
    "$KEYS" >tables 2>err && test ! -s err &&
    cut -f2 tables | sort -u >bound &&
    test $(wc -l <bound) -ge 40
'

test_expect_success 'tokio-console(1) names the keys the tables bind, and no others' '
    # The tag of each .TP paragraph in KEYS and REPLAY KEYS (of .BI, the
    # bold part: /? of "/? text").
    sed -n "/^\.SH KEYS/,/^\.SH ENVIRONMENT/p" "$MAN1" | awk "p { print; p = 0 } /^\.TP/ { p = 1 }" |
        sed -e "s/^\.BI \([^ ]*\) .*/\1/" -e "s/^\.[BI]R* //" -e "s/\"//g" \
            -e "s/\\\\(<-/←/g" -e "s/\\\\(->/→/g" -e "s/\\\\(ua/↑/g" -e "s/\\\\(da/↓/g" -e "s/\\\\-/-/g" |
        names >man &&
    test $(wc -l <man) -ge 40 &&
    comm -23 bound man >undocumented && comm -13 bound man >unbound &&
    { test ! -s undocumented || { echo "not in the manual:"; cat undocumented; false; }; } &&
    { test ! -s unbound || { echo "in the manual, bound nowhere:"; cat unbound; false; }; }
'

test_expect_success 'the README names the keys the tables bind, and no others' '
    sed -n "/^Keys\$/,/^The mouse works/p" "$TOP/README" |
        sed -n "s/^    \([^ ].*\)\$/\1/p" | sed "s/  .*//" | names >readme &&
    test $(wc -l <readme) -ge 40 &&
    comm -23 bound readme >undocumented && comm -13 bound readme >unbound &&
    { test ! -s undocumented || { echo "not in the README:"; cat undocumented; false; }; } &&
    { test ! -s unbound || { echo "in the README, bound nowhere:"; cat unbound; false; }; }
'

test_expect_success 'replay --help names the keys of the playback, and no others' '
    grep "^playback	" tables | cut -f2 | sort -u >playback &&
    "$TOP/$TOKIO_CONSOLE" replay --help | sed -n "/^Keys, beside/,/^\$/p" | sed 1d >keys &&
    { cut -c3-9 keys; cut -c34-40 keys; } | sed "/^ *\$/d" | names >replay &&
    test_cmp playback replay
'

test_done
