#!/bin/sh
# The console over many targets.  Load: FLEET_TARGETS (8) test peers of
# FLEET_TASKS (2,000) tasks each, one update a second; the console's CPU
# over FLEET_SECONDS (20) once every target is connected and has sent its
# tasks, as a share of one core (the merged task list on screen),
# and its peak RSS (VmHWM).  Targets:
# <= 5 % of a core, <= 60 MiB.  Start: FLEET_START_TARGETS (50) peers of
# 200 tasks; the seconds from the console's start until the header says
# every one is connected and the targets view shows no target without an
# update.  Target: <= 5 s.  Down: FLEET_DOWN_TARGETS (300 1000) targets
# that refuse connections, from a --targets-file; the seconds until the
# first screen, then the console's CPU over 10 s, its RSS and threads.
# Targets: first screen <= 2 s, CPU <= 1 % of a core per 100 targets.
# FLEET_CONSOLE names another console binary to measure (a build to
# compare against).
#
#   sh t/bench/fleet.sh
#
# Run from the top of the tree, by t/bench/run.
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
targets=${FLEET_TARGETS:-8}
tasks=${FLEET_TASKS:-2000}
seconds=${FLEET_SECONDS:-20}
start_targets=${FLEET_START_TARGETS:-50}
down_targets=${FLEET_DOWN_TARGETS:-300 1000}
console_bin=${FLEET_CONSOLE:-$top/tokio-console}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tc-fleet.XXXXXX") || exit 1
PEERS_PIDS=
cleanup () {
    for p in $PEERS_PIDS; do kill -9 "$p" 2>/dev/null; done
    for p in $PEERS_PIDS; do wait "$p" 2>/dev/null; done
    for s in "$scratch"/tmux.*; do tmux -S "$s" kill-server 2>/dev/null; done
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A hang-up (the SSH session gone) or a closed pipe cleans up too.
trap 'exit 129' HUP
trap 'exit 141' PIPE

. "$top/t/peer-start.sh"
. "$top/t/bench/proc.sh"
sock=$scratch/tmux.0
screen () { tmux -S "$sock" capture-pane -p 2>/dev/null; }

# start_peers N TASKS: N peers, their addresses as NAME=URL in $list.
start_peers () {
    printf 'interval 1s\nrepeat %s task t{i} name=worker-{i%%97} loc=src/worker.rs:{i%%50}:9 polls={i%%500} busy={i%%900}ms age={i%%600}s\n' \
        "$2" >"$scratch/fleet-$2.scn"
    run_peers "$top/t/peer/console-peer" "$scratch/p$2" "$1" "$scratch/fleet-$2.scn" || exit 1
    list=$PEERS_LIST
}

# console ARGS: the console under tmux at 200x70; its pid in $console.
# Each on a tmux server of its own: a server still shutting down takes
# connections but loses the sessions started on it.
console () {
    tmux -S "$sock" kill-server 2>/dev/null
    sock=$scratch/tmux.$(($(echo "$sock" | sed 's/.*tmux\.//') + 1))
    (cd "$scratch" && HOME=$scratch XDG_CONFIG_HOME=$scratch/.config TERM=xterm-256color \
        LANG=C.UTF-8 tmux -S "$sock" -f /dev/null new-session -d -x 200 -y 70 \
        "exec '$console_bin' $*")
    console=$(tmux -S "$sock" list-panes -F '#{pane_pid}' 2>/dev/null)
}

# wait_all N LIMIT: until the header says N of N connected and the targets
# view has no target that never updated; false after LIMIT seconds.
wait_all () {
    t0=$(date +%s)
    until screen | grep -q "^targets: $1 of $1 connected" && screen | grep -q "^Targets ($1)" &&
        ! screen | grep -q " never "; do
        test $(($(date +%s) - t0)) -gt "$2" && return 1
        sleep 0.05
    done
}

# Steady load.
start_peers "$targets" "$tasks"
console $list
tmux -S "$sock" send-keys a
wait_all "$targets" 120 || { echo "fleet: $targets targets not all shown after 120 s" >&2; exit 1; }
# Measured on the task list, every target's rows merged.
tmux -S "$sock" send-keys t
sleep 5
c0=$(cpu_ns "$console") w0=$(now_ms)
sleep "$seconds"
cpu=$(cpu_since "$console" "$c0" "$w0")
rss=$(mib "$(status_kb "$console" VmHWM)")
echo "fleet: $targets targets x $tasks tasks, an update a second each:" \
    "$cpu% of a core (target <= 5%), peak RSS $rss MiB (target <= 60 MiB)"
for p in $PEERS_PIDS; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
PEERS_PIDS=

# Start.
start_peers "$start_targets" 200
t0=$(date +%s.%N)
console $list
tmux -S "$sock" send-keys a
wait_all "$start_targets" 60 || { echo "fleet: $start_targets targets not all shown after 60 s" >&2; exit 1; }
t1=$(date +%s.%N)
echo "fleet: $start_targets targets x 200 tasks shown $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s" \
    "after start (target <= 5 s)"

# Down: one closed port under many names, as a targets file lists them.
for n in $down_targets; do
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "down%d=http://127.0.0.1:9\n", i }' >"$scratch/down.txt"
    t0=$(date +%s.%N)
    console --targets-file "$scratch/down.txt"
    until screen | grep -q "^targets: 0 of $n connected"; do
        test "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print (b - a > 120) }')" = 1 &&
            { echo "fleet: $n down targets not shown after 120 s" >&2; exit 1; }
        sleep 0.05
    done
    t1=$(date +%s.%N)
    sleep 5
    c0=$(cpu_ns "$console") w0=$(now_ms)
    sleep 10
    cpu=$(cpu_since "$console" "$c0" "$w0")
    echo "fleet: $n targets refusing connections: first screen after" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s (target <= 2 s), $cpu% of a core" \
        "(target <= $((n / 100)) %), RSS $(mib "$(status_kb "$console" VmRSS)") MiB," \
        "$(status_kb "$console" Threads) threads"
done
