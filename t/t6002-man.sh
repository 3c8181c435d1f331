#!/bin/sh
# The manual pages render without warnings, carry the version, and
# document every option, command and console.toml key the binary knows.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE

TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")
MAN1="$TOP/man/tokio-console.1"
MAN5="$TOP/man/console.toml.5"
MANREC="$TOP/man/tokio-console-record.5"
command -v man >/dev/null 2>&1 && test_set_prereq MAN
command -v groff >/dev/null 2>&1 && test_set_prereq GROFF
command -v mandoc >/dev/null 2>&1 && test_set_prereq MANDOC
unset XDG_CONFIG_HOME
HOME="$TRASH"
export HOME

test_expect_success 'pages are built with the version filled in' '
    version=$("$TC" --version | sed "s/^tokio-console //") &&
    grep "tokio-console $version" "$MAN1" && grep "tokio-console $version" "$MAN5" &&
    grep "tokio-console $version" "$MANREC" && ! grep @VERSION@ "$MAN1" "$MAN5" "$MANREC"
'

test_expect_success MAN 'man renders both pages without warnings' '
    for page in "$MAN1" "$MAN5" "$MANREC"; do
        MANWIDTH=80 man --warnings -l "$page" >out 2>err && test ! -s err && test -s out ||
            { cat err; return 1; }
    done
'

test_expect_success GROFF 'groff -ww finds nothing to say' '
    groff -ww -man -z "$MAN1" 2>err && test ! -s err &&
    groff -ww -man -z "$MAN5" 2>err && test ! -s err &&
    groff -ww -man -z "$MANREC" 2>err && test ! -s err
'

test_expect_success MANDOC 'mandoc -Tlint finds nothing to say' '
    mandoc -Tlint -W warning "$MAN1" && mandoc -Tlint -W warning "$MAN5" &&
    mandoc -Tlint -W warning "$MANREC"
'

test_expect_success MAN 'tokio-console(1) documents every option and command' '
    MANWIDTH=200 man -l "$MAN1" 2>/dev/null >page &&
    "$TC" --help | grep -o -e "--[a-z][-a-z]*" | sort -u >options &&
    test $(wc -l <options) -ge 20 &&
    while read o; do grep -q -e "$o" page || { echo "undocumented $o"; return 1; }; done <options &&
    for w in gen-config gen-completion self-wakes lost-waker never-yielded auto-boxed-future \
        large-future long-poll RUST_LOG COLORTERM XDG_CONFIG_HOME "EXIT STATUS" PgUp Home \
        "file://localhost" "vsock://" "ssh -N -L"; do
        grep -q -e "$w" page || { echo "missing $w"; return 1; }
    done
'

test_expect_success MAN 'console.toml(5) documents every key gen-config writes' '
    MANWIDTH=200 man -l "$MAN5" 2>/dev/null >page &&
    "$TC" gen-config | sed -n "s/^#* *\([a-z_]*\) *[:=].*/\1/p" | sort -u >keys &&
    test $(wc -l <keys) -ge 20 &&
    while read k; do grep -q -e "^ *$k (" page || { echo "undocumented $k"; return 1; }; done <keys &&
    "$TC" gen-config | sed -n "s/^\[\(.*\)\]$/\1/p" >tables &&
    while read t; do grep -q -e "^\[$t\]" page || { echo "undocumented [$t]"; return 1; }; done <tables
'

test_expect_success MAN 'the example in console.toml(5) is read' '
    MANWIDTH=200 man -l "$MAN5" 2>/dev/null | sed -n "/^EXAMPLE/,/^SEE ALSO/p" |
        sed "1d;\$d;s/^       //" >console.toml &&
    grep "^\[lints\]" console.toml &&
    "$TC" gen-config >out && grep "^long_poll = \"50ms\"$" out
'
test_done
