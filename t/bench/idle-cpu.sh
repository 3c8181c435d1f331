#!/bin/sh
# The console's CPU when nothing changes: ./tokio-console runs under tmux
# at 200x50 against the test peer, which serves a million tasks and then
# sends only the time each second (its tasks never change again), with
# the task list filtered and grouped by location.  Once every task has
# come, and 5 s more to settle, the console's CPU over IDLE_SECONDS (20)
# as a share of one core.  Target: under 1 %: what the list works out
# from the model is kept between frames, so a frame with nothing new
# costs only the drawing.
#
#   sh t/bench/idle-cpu.sh [TASKS]        (default: 1000000)
#
# Run from the top of the tree, by t/bench/run.
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
n=${1:-1000000}
seconds=${IDLE_SECONDS:-20}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tc-idle.XXXXXX") || exit 1
peer=
cleanup () {
    test -n "$peer" && kill -9 "$peer" 2>/dev/null && wait "$peer" 2>/dev/null
    tmux -S "$scratch/tmux" kill-server 2>/dev/null
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A hang-up (the SSH session gone) or a closed pipe cleans up too.
trap 'exit 129' HUP
trap 'exit 141' PIPE

. "$top/t/peer-start.sh"
. "$top/t/bench/proc.sh"
printf 'interval 1s\nrepeat %s task t{i} name=worker-{i%%97} loc=src/worker.rs:{i%%50}:9 polls={i%%500} busy={i%%900}ms age={i%%600}s field.conn={i}\n' \
    "$n" >"$scratch/idle.scn"
run_peer "$top/t/peer/console-peer" "$scratch" 300 --scenario "$scratch/idle.scn" || exit 1
peer=$PEER_PID
(cd "$scratch" && HOME=$scratch XDG_CONFIG_HOME=$scratch/.config TERM=xterm-256color \
    LANG=C.UTF-8 tmux -S "$scratch/tmux" -f /dev/null new-session -d -x 200 -y 50 \
    "exec '$top/tokio-console' --filter worker --group-by location http://127.0.0.1:$PEER_PORT")
console=$(tmux -S "$scratch/tmux" list-panes -F '#{pane_pid}' 2>/dev/null)
want="of $(with_commas "$n")\\)"
t0=$(date +%s)
until tmux -S "$scratch/tmux" capture-pane -p 2>/dev/null | grep -q -E "$want"; do
    if test $(($(date +%s) - t0)) -gt 180; then
        echo "idle cpu: the tasks were not on screen after 180 s" >&2
        exit 1
    fi
    sleep 0.2
done
sleep 5
c0=$(cpu_ns "$console") w0=$(now_ms)
sleep "$seconds"
cpu=$(cpu_since "$console" "$c0" "$w0")
echo "idle cpu: $(with_commas "$n") tasks, filtered and grouped, no change for ${seconds} s:" \
    "$cpu% of a core (target < 1%)"
