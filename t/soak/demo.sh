#!/bin/sh
# A long run against the bundled demo (one update a second): the console
# under tmux for SOAK_MINUTES (60 by default), its resident set and CPU
# sampled once a minute.  Prints one line per minute and the growth from
# the first full minute to the last; checks only that the console is still
# running and still showing the demo's tasks at the end.

TEST_DIRECTORY=$(cd "$(dirname "$0")/.." && pwd)
. "$TEST_DIRECTORY/test-lib.sh"
test_skip_all_unless PEER

: "${SOAK_MINUTES:=60}"

# figure TEXT: a line for the summary, printed whether the test passes or not.
figure () {
    echo "$*" >>"$TRASH/figures"
}

# rss_kib: the console's resident set, in KiB.
rss_kib () {
    awk '/^VmRSS:/ { print $2 }' "/proc/$console_pid/status"
}

# cpu_ticks: user and system time of the console so far, in clock ticks.
cpu_ticks () {
    # Fields 14 and 15 of stat, counted after the command name's ")".
    sed -e 's/.*) //' "/proc/$console_pid/stat" | awk '{ print $12 + $13 }'
}

test_expect_success "$SOAK_MINUTES minutes against the demo" '
    start_peer --scenario demo --interval 1000 &&
    start_console "http://$PEER_ADDR" &&
    wait_screen "CONNECTED" 30 &&
    shell=$(tmux_ display-message -p -t console "#{pane_pid}") &&
    console_pid=$(pgrep -P "$shell" | head -1) && test -n "$console_pid" &&
    hz=$(getconf CLK_TCK) && m=0 && ticks0=$(cpu_ticks) && first= &&
    while test $m -lt "$SOAK_MINUTES"; do
        sleep 60
        m=$((m + 1))
        kill -0 "$console_pid" || break
        rss=$(rss_kib) && ticks=$(cpu_ticks) &&
        cpu=$(awk -v d=$((ticks - ticks0)) -v hz="$hz" "BEGIN { printf \"%.2f\", 100 * d / hz / 60 }") &&
        ticks0=$ticks &&
        figure "minute $m: rss $rss KiB, cpu $cpu %" &&
        test -n "$first" || first=$rss
    done &&
    figure "rss after minute 1: $first KiB; after minute $m: $rss KiB; growth $((rss - first)) KiB" &&
    test $m = "$SOAK_MINUTES" &&
    kill -0 "$console_pid" &&
    wait_screen "CONNECTED" 10
'

test -f "$TRASH/figures" && sed -e 's/^/# /' "$TRASH/figures"
test_done
