#!/bin/sh
# Peer churn: the console stays attached while the test peer is killed
# (SIGKILL) and restarted on the same port SOAK_CYCLES times (1000 by
# default).  Every peer has one task named after its cycle; after each
# restart the screen must show the new peer's task and not the old one's,
# and the console must still be running.  Prints the console's RSS before
# and after, and the time per cycle.

TEST_DIRECTORY=$(cd "$(dirname "$0")/.." && pwd)
. "$TEST_DIRECTORY/test-lib.sh"
test_skip_all_unless PEER

# figure TEXT: a line for the summary, printed whether the test passes or not.
figure () {
    echo "$*" >>"$TRASH/figures"
}

: "${SOAK_CYCLES:=1000}"

# peer_cycle N PORT: a peer on PORT whose one task is named churn-N.
peer_cycle () {
    printf 'interval 200ms\ntask t name=churn-%s loc=src/churn.rs:1:1 polls=1 busy=1ms age=1s\n' "$1" \
        >"$TRASH/churn.scn"
    start_peer --listen "127.0.0.1:$2" --scenario "$TRASH/churn.scn"
}

# rss_kib: the console's resident set, in KiB.
rss_kib () {
    awk '/^VmRSS:/ { print $2 }' "/proc/$console_pid/status"
}

test_expect_success "$SOAK_CYCLES kill -9 and restart cycles under the console" '
    peer_cycle 0 0 && port=$PEER_PORT &&
    start_console --retain-for none "http://127.0.0.1:$port" &&
    wait_screen "churn-0" 20 &&
    shell=$(tmux_ display-message -p -t console "#{pane_pid}") &&
    console_pid=$(pgrep -P "$shell" | head -1) && test -n "$console_pid" &&
    rss0=$(rss_kib) && t0=$(date +%s%N) && i=1 &&
    while test $i -le "$SOAK_CYCLES"; do
        kill -9 $PEER_PID && wait $PEER_PID 2>/dev/null
        peer_cycle $i "$port" || break
        wait_screen "churn-$i " 30 || break
        if screen | grep -q "churn-$((i - 1)) "; then
            echo "cycle $i: the old peer'\''s task is still shown" >&2
            screen >&2
            break
        fi
        kill -0 "$console_pid" || break
        test $((i % 100)) = 0 && figure "cycle $i: rss $(rss_kib) KiB"
        i=$((i + 1))
    done &&
    ms=$(( ($(date +%s%N) - t0) / 1000000 )) && rss1=$(rss_kib) &&
    figure "cycles: $((i - 1)) of $SOAK_CYCLES, $((ms / (i > 1 ? i - 1 : 1))) ms each" &&
    figure "console rss: $rss0 KiB before, $rss1 KiB after, growth $((rss1 - rss0)) KiB" &&
    test $((i - 1)) = "$SOAK_CYCLES"
'

test -f "$TRASH/figures" && sed -e 's/^/# /' "$TRASH/figures"
test_done
