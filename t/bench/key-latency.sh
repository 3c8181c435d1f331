#!/bin/sh
# Key to frame: how long the console takes to answer a key while a large
# application streams.  The test peer serves N tasks, every one polled
# each second (a full update a second); t/helper/key-latency runs
# ./tokio-console in a pseudo-terminal of 200x50, presses j, Enter, Esc,
# / and a character in turn, and times each until the frame that shows it
# has arrived.  Loads: 100 k and 1 M tasks, and 100 k while recording
# (KEY_LATENCY_SCALES="100000" to choose; KEY_LATENCY_RECORD=0: not
# recording).  Run from the top of the tree, by t/bench/run.  Extra
# arguments go to key-latency (e.g. --presses 60, --dump) through
# KEY_LATENCY_ARGS; KEY_LATENCY_CONSOLE names another console binary to
# measure (a build to compare against).
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
scales=${KEY_LATENCY_SCALES:-100000 1000000}
console=${KEY_LATENCY_CONSOLE:-$top/tokio-console}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tc-keys.XXXXXX") || exit 1
peer=
cleanup () {
    if test -n "$peer"; then
        kill "$peer" 2>/dev/null
        sleep 0.5
        kill -9 "$peer" 2>/dev/null
        wait "$peer" 2>/dev/null
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A hang-up (the SSH session gone) or a closed pipe cleans up too.
trap 'exit 129' HUP
trap 'exit 141' PIPE

. "$top/t/peer-start.sh"
. "$top/t/bench/proc.sh"

# measure N TARGET_MS LABEL [CONSOLE-ARGS...]
measure () {
    n=$1 target=$2 label=$3
    shift 3
    cat >"$scratch/scale.scn" <<EOF
interval 1s
repeat $n task t{i} name=worker-{i%97} loc=src/worker.rs:{i%50}:9 polls={i%500} busy={i%900}ms age={i%600}s field.conn={i}
repeat $n every 1s poll t{i} 200us
EOF
    run_peer "$top/t/peer/console-peer" "$scratch" 300 --scenario "$scratch/scale.scn" || return 1
    peer=$PEER_PID
    (cd "$scratch" &&
        HOME=$scratch XDG_CONFIG_HOME=$scratch/.config \
        "$top/t/helper/key-latency" --size 200x50 --ready "Tasks ($(with_commas "$n"))" \
            --warmup 3 --label "$label" --target "$target" $KEY_LATENCY_ARGS -- \
            "$console" "$@" "http://127.0.0.1:$(cat "$scratch/port")")
    status=$?
    kill "$peer" 2>/dev/null
    sleep 0.5
    kill -9 "$peer" 2>/dev/null
    wait "$peer" 2>/dev/null
    peer=
    rm -f "$scratch/session.tcr"
    return $status
}

failed=0
for n in $scales; do
    target=33
    test "$n" -ge 1000000 && target=50
    measure "$n" "$target" "key to frame, $(with_commas "$n") tasks" || failed=1
done
if test "${KEY_LATENCY_RECORD:-1}" != 0; then
    measure 100000 33 "key to frame, 100,000 tasks, recording" --record "$scratch/session.tcr" || failed=1
fi
exit $failed
