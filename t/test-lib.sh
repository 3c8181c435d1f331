# Shell helpers for the end-to-end tests, printing TAP.
#
# A test script sources this file, runs test_expect_success blocks and ends
# with test_done:
#
#   . "$(dirname "$0")/test-lib.sh"
#   test_expect_success 'peer sends the tasks' '
#       start_peer --scenario basic &&
#       peer_dump --count 1 >out &&
#       grep "new_tasks=8" out
#   '
#   test_done
#
# Scripts run from the top of the tree; $TRASH is a scratch directory,
# removed on exit.  Everything started here (peers, the tmux server) is
# stopped on exit.  Options: -v/--verbose shows command output, -d/--debug
# keeps the scratch directory.

# A suite started under nohup (or by anything that ignores SIGHUP) hands
# the ignored SIGHUP down to all it starts, and the console rightly keeps
# it so; the tests of SIGHUP need it delivered.  Such a script runs again
# with SIGHUP as it comes by default.
sighup_ignored=$(awk '/^SigIgn:/ { print substr($2, length($2)) }' /proc/$$/status 2>/dev/null)
if test -n "$sighup_ignored" && test $((0x$sighup_ignored & 1)) = 1 && test -z "$TC_SIGHUP_RESET"; then
    TC_SIGHUP_RESET=1 exec env --default-signal=HUP sh "$0" "$@"
fi

# A script elsewhere (t/soak/) sets TEST_DIRECTORY to t/ before sourcing.
: "${TEST_DIRECTORY:=$(cd "$(dirname "$0")" && pwd)}"
cd "$TEST_DIRECTORY/.." || exit 1
TOP=$(pwd)
. "$TOP/t/peer-start.sh"

: "${TOKIO_CONSOLE:=./tokio-console}"
: "${CONSOLE_PEER:=t/peer/console-peer}"
: "${CONSOLE_SIZE:=120x40}"

test_verbose=
test_debug=
for arg in "$@"; do
    case "$arg" in
    -v|--verbose) test_verbose=t ;;
    -d|--debug) test_debug=t ;;
    esac
done

TRASH="$TOP/t/trash.$$"
rm -rf "$TRASH" && mkdir -p "$TRASH" || exit 1
TMUX_SOCKET="tc$$"
tmux_servers_=0
PEER_PIDS=
test_count=0
test_failures=0
test_skipped=0
test_prereqs=" "

test_cleanup_ () {
    for pid in $PEER_PIDS; do
        kill "$pid" 2>/dev/null
    done
    for pid in $PEER_PIDS; do
        wait "$pid" 2>/dev/null
    done
    tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
    # tmux leaves its sockets behind when its servers exit.
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/tc$$" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/tc$$-"*
    if test -z "$test_debug"; then
        rm -rf "$TRASH"
    else
        echo "# kept $TRASH"
    fi
}
trap 'test_cleanup_' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# A hang-up (the SSH session gone) or a closed pipe cleans up too.
trap 'exit 129' HUP
trap 'exit 141' PIPE

say () {
    printf '# %s\n' "$*"
}

# --- prerequisites -------------------------------------------------------

test_set_prereq () {
    test_prereqs="$test_prereqs$1 "
}

test_have_prereq () {
    for p in $(echo "$1" | tr , ' '); do
        case "$test_prereqs" in
        *" $p "*) ;;
        *) return 1 ;;
        esac
    done
    return 0
}

command -v tmux >/dev/null 2>&1 && test_set_prereq TMUX
test -x "$CONSOLE_PEER" && test_set_prereq PEER
test -x "$TOKIO_CONSOLE" && test_set_prereq CONSOLE
command -v openssl >/dev/null 2>&1 && test_set_prereq OPENSSL
# Not built with sanitizers: the tests of 100 k tasks and 100 MB messages
# need the speed (under ASan the peer alone takes minutes and gigabytes to
# build them); `make check` runs them, the sanitizer run skips them.
grep -q -e -fsanitize "$TOP/BUILD-FLAGS" 2>/dev/null || test_set_prereq FULL_SPEED

# The recorded fixtures: $TC_SHARED/fixtures, else ../shared/fixtures beside
# the tree (as CI lays it out).  A release tarball has none.
FIXTURES_DIR=${TC_SHARED:-$TOP/../shared}/fixtures

# require_fixtures SUBDIR: skips the whole script when they are absent.
require_fixtures () {
    if ! test -d "$FIXTURES_DIR/$1"; then
        skip_all="fixtures not found at $FIXTURES_DIR/$1"
        test_done
    fi
}

# --- running tests -------------------------------------------------------

# test_expect_success [PREREQS] 'title' 'commands'
test_expect_success () {
    if test $# = 3; then
        prereq=$1
        shift
    else
        prereq=
    fi
    test_count=$((test_count + 1))
    if test -n "$prereq" && ! test_have_prereq "$prereq"; then
        test_skipped=$((test_skipped + 1))
        echo "ok $test_count # skip $1 (missing $prereq)"
        return 0
    fi
    test_out_="$TRASH/.test-output"
    if test -n "$test_verbose"; then
        eval "cd \"\$TRASH\" && { $2
}"
        test_rc_=$?
    else
        eval "cd \"\$TRASH\" && { $2
}" >"$test_out_" 2>&1
        test_rc_=$?
        cd "$TOP" || exit 1
    fi
    if test $test_rc_ = 0; then
        echo "ok $test_count - $1"
    else
        test_failures=$((test_failures + 1))
        echo "not ok $test_count - $1"
        # On stderr, which the harness shows even when it hides comments.
        {
            echo "# $0: not ok $test_count - $1"
            printf '%s\n' "$2" | sed -e 's/^/#	/'
            if test -z "$test_verbose" && test -s "$test_out_"; then
                echo "# output:"
                sed -e 's/^/# /' "$test_out_"
            fi
        } >&2
    fi
    cd "$TOP" || exit 1
    return 0
}

test_skip () {
    test_count=$((test_count + 1))
    test_skipped=$((test_skipped + 1))
    echo "ok $test_count # SKIP $1"
}

# Ends the script: prints the plan; a skip_all set earlier skips everything.
test_done () {
    if test -n "$skip_all" && test $test_count = 0; then
        echo "1..0 # SKIP $skip_all"
        exit 0
    fi
    echo "1..$test_count"
    test $test_failures = 0
    exit $?
}

# Stops the script when a prerequisite is missing: "1..0 # SKIP why".
test_skip_all_unless () {
    if ! test_have_prereq "$1"; then
        skip_all="missing $1"
        test_done
    fi
}

test_cmp () {
    diff -u "$1" "$2"
}

# wait_for 'shell condition' [seconds]: polls until it holds or the deadline
# (default 10 s) passes.
wait_for () {
    wf_end_=$(( $(date +%s) + ${2:-10} ))
    while ! eval "$1"; do
        if test "$(date +%s)" -gt "$wf_end_"; then
            echo "timed out waiting for: $1" >&2
            # Most waits are on the console's screen: say how it is.
            if tmux_ has-session 2>/dev/null; then
                echo "$(console_state_); it shows:" >&2
                screen_shown_ >&2
            fi
            return 1
        fi
        sleep 0.05
    done
    return 0
}

# regex_quote TEXT: TEXT as a grep -E pattern that matches it literally.
regex_quote () {
    printf '%s' "$1" | sed 's/[][\\.*^$?+(){}|]/\\&/g'
}

# --- the gRPC peer -------------------------------------------------------

# start_peer [--wait SECONDS] [args]: starts console-peer on a free
# loopback port and waits until it listens (10 s, or SECONDS for a large
# scenario); sets PEER_PORT, PEER_PID and PEER_ADDR (127.0.0.1:PORT).
# For Unix sockets (--listen unix:PATH) PEER_ADDR is unix:PATH.
peer_count_=0
start_peer () {
    sp_wait_=10
    if test "$1" = --wait; then
        sp_wait_=$2
        shift 2
    fi
    peer_count_=$((peer_count_ + 1))
    mkdir -p "$TRASH/.peer$peer_count_"
    run_peer "$TOP/$CONSOLE_PEER" "$TRASH/.peer$peer_count_" "$sp_wait_" "$@"
    sp_status_=$?
    PEER_PIDS="$PEER_PIDS $PEER_PID"
    test $sp_status_ = 0 || return 1
    case "$PEER_PORT" in
    unix:*) PEER_ADDR=$PEER_PORT ;;
    *) PEER_ADDR=127.0.0.1:$PEER_PORT ;;
    esac
    return 0
}

# stop_peer [pid]: stops a peer (the last one started by default).
stop_peer () {
    sp_pid_=${1:-$PEER_PID}
    kill "$sp_pid_" 2>/dev/null
    wait "$sp_pid_" 2>/dev/null
    return 0
}

# peer_dump [args]: the peer's check client against the last peer.
peer_dump () {
    "$TOP/$CONSOLE_PEER" --dump "$PEER_ADDR" "$@"
}

# --- certificates for TLS tests ----------------------------------------

# make_test_certs: in the current directory, a CA (ca.crt, ca.key), a
# server certificate for localhost and 127.0.0.1 (server.crt, server.key,
# with its request server.csr and san.ext) and a client certificate
# (client.crt, client.key), all signed by the CA.
make_test_certs () {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca \
        -keyout ca.key -out ca.crt 2>/dev/null &&
    printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" >san.ext &&
    openssl req -newkey rsa:2048 -nodes -subj /CN=localhost \
        -keyout server.key -out server.csr 2>/dev/null &&
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -days 2 -extfile san.ext -out server.crt 2>/dev/null &&
    openssl req -newkey rsa:2048 -nodes -subj /CN=client \
        -keyout client.key -out client.csr 2>/dev/null &&
    openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -days 2 -out client.crt 2>/dev/null
}

# --- the console under tmux ----------------------------------------------

tmux_ () {
    tmux -L "$TMUX_SOCKET" "$@"
}

# Quotes one word for sh.
sh_quote_ () {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# start_console ARGS: runs the console in a private tmux server at
# CONSOLE_SIZE (COLSxROWS, default 120x40).  The pane stays after the
# console exits, so its last screen and exit status can be checked.
start_console () {
    rm -f "$TRASH/.console-status"
    sc_cmd_="cd $(sh_quote_ "$TOP") && env TERM=xterm-256color LANG=C.UTF-8 LC_ALL= $(sh_quote_ "$TOKIO_CONSOLE")"
    for a in "$@"; do
        sc_cmd_="$sc_cmd_ $(sh_quote_ "$a")"
    done
    # tmux does not always record a dead pane's status: keep it in a file.
    sc_cmd_="$sc_cmd_; echo \$? >$(sh_quote_ "$TRASH/.console-status")"
    # Each console has a tmux server of its own, on a new socket.  A
    # server that is shutting down takes a second or two to exit, has no
    # session by then but still takes connections, and a session started
    # on it vanishes with it ("server exited unexpectedly"); so the old
    # one is told to stop and left to it.
    tmux_ kill-server 2>/dev/null
    tmux_servers_=$((tmux_servers_ + 1))
    TMUX_SOCKET="tc$$-$tmux_servers_"
    tmux_ -f /dev/null start-server \; set-option -g remain-on-exit on \; \
        set-option -g history-limit 0 \; \
        new-session -d -s console -x "${CONSOLE_SIZE%x*}" -y "${CONSOLE_SIZE#*x}" "$sc_cmd_" || {
        echo "start_console: tmux could not start the console's session" >&2
        return 1
    }
}

# screen_shown_: the screen without its blank lines at the end.
screen_shown_ () {
    screen | awk 'NF == 0 { blank++; next } { for (; blank > 0; blank--) print ""; print }'
}

# console_state_: one line on the console under tmux, for a failure's
# message: its session gone, the console exited (and how), or running.
console_state_ () {
    if ! tmux_ has-session -t console 2>/dev/null; then
        echo "the console's tmux session is gone"
    elif test "$(tmux_ display-message -p -t console '#{pane_dead}')" = 1; then
        echo "the console has exited, status $(cat "$TRASH/.console-status" 2>/dev/null || echo unknown)"
    else
        echo "the console is running at $(tmux_ display-message -p -t console '#{pane_width}x#{pane_height}')"
    fi
}

# private_home: HOME and XDG_CONFIG_HOME in the trash directory, so that
# no console.toml of the user's applies (the tmux server inherits them).
private_home () {
    HOME="$TRASH/home"
    XDG_CONFIG_HOME="$TRASH/xdg"
    export HOME XDG_CONFIG_HOME
    mkdir -p "$HOME" "$XDG_CONFIG_HOME/tokio-console"
}

# screen: the console's screen as text.
screen () {
    tmux_ capture-pane -p -t console
}

# wait_screen REGEX [seconds]: waits until the screen matches (grep -E);
# on timeout prints the screen and fails.
wait_screen () {
    ws_end_=$(( $(date +%s) + ${2:-10} ))
    while ! screen 2>/dev/null | grep -E -q -e "$1"; do
        if test "$(date +%s)" -gt "$ws_end_"; then
            echo "screen did not match '$1' in ${2:-10}s; $(console_state_); it shows:" >&2
            screen_shown_ >&2
            return 1
        fi
        sleep 0.05
    done
    return 0
}

# send_keys KEY...: tmux key names (Down, Enter, C-c) or literal text
# (-l TEXT), sent as they are.  A test waits for their effect with press
# instead; send_keys is for keys whose effect is the console's exit.
send_keys () {
    tmux_ send-keys -t console "$@"
}

# press [--wait SECONDS] REGEX KEY...: sends the keys (as send_keys takes
# them) and waits until the screen matches REGEX (grep -E), which shows
# that they took effect.  The screen must not match REGEX before the keys
# go: such a match would be the old screen, and the next keys would go
# into a console that has not caught up with these.
press () {
    pr_wait_=10
    if test "$1" = --wait; then
        pr_wait_=$2
        shift 2
    fi
    pr_regex_=$1
    shift
    press_until --wait "$pr_wait_" "screen_matches_ $(sh_quote_ "$pr_regex_")" "$@"
}

# screen_matches_ REGEX: the screen matches REGEX (grep -E).
screen_matches_ () {
    screen 2>/dev/null | grep -E -q -e "$1"
}

# press_until [--wait SECONDS] 'CONDITION' KEY...: as press, for an effect
# that a shell condition tells (the selected row, say): it must be false
# before the keys go and true within the deadline.
press_until () {
    pr_wait_=10
    if test "$1" = --wait; then
        pr_wait_=$2
        shift 2
    fi
    pr_cond_=$1
    shift
    if eval "$pr_cond_"; then
        echo "press_until $*: '$pr_cond_' holds already, so it cannot show the keys' effect" >&2
        screen_shown_ >&2
        return 1
    fi
    send_keys "$@" && wait_for "$pr_cond_" "$pr_wait_"
}

# selected_row: the selected (reverse video) row of the screen, as text.
selected_row () {
    tmux_ capture-pane -p -e -t console | grep -E "$(printf '\033')\\[([0-9]+;)*7m" | head -1 |
        sed 's/\x1b\[[0-9;]*m//g'
}

# selected_id: the first plain number on the selected row (its ID).
selected_id () {
    selected_row | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}

# resize_console COLSxROWS
resize_console () {
    tmux_ resize-window -t console -x "${1%x*}" -y "${1#*x}"
}

# wait_console_exit [seconds]: waits until the console has exited; sets
# CONSOLE_STATUS to its exit status.
wait_console_exit () {
    wait_for 'test -s "$TRASH/.console-status"' "${1:-10}" || return 1
    CONSOLE_STATUS=$(cat "$TRASH/.console-status")
    return 0
}
