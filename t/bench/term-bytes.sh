#!/bin/sh
# Bytes per second the console writes to a 200x50 terminal at steady
# state: the test peer serves t/bench/steady-10k.scn (10 k tasks, updates
# once a second) and term-bytes runs ./tokio-console against it in a
# pseudo-terminal.  Run from the top of the tree; extra arguments go to
# term-bytes (e.g. -v, --save FILE).
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tc-bench.XXXXXX") || exit 1
peer=
cleanup () {
    test -n "$peer" && kill "$peer" 2>/dev/null && wait "$peer" 2>/dev/null
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A hang-up (the SSH session gone) or a closed pipe cleans up too.
trap 'exit 129' HUP
trap 'exit 141' PIPE

. "$top/t/peer-start.sh"
run_peer "$top/t/peer/console-peer" "$scratch" 10 --scenario "$top/t/bench/steady-10k.scn"
status=$?
peer=$PEER_PID
test $status = 0 || exit 1

# A private home and working directory: no console.toml of the user's.
cd "$scratch" &&
HOME=$scratch XDG_CONFIG_HOME=$scratch/.config \
    "$top/t/helper/term-bytes" --size 200x50 --warmup 5 --seconds 10 \
    --label "terminal bytes, 200x50, 10k tasks" --target 4096 "$@" -- \
    "$top/tokio-console" "http://127.0.0.1:$(cat "$scratch/port")"
