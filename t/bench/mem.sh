#!/bin/sh
# Memory of the console as a user sees it: ./tokio-console runs under tmux
# at 200x50 against the test peer, and its /proc figures are read.  For
# each load: peak RSS (VmHWM), CPU after a 10 s warm-up, how long until
# every task is on screen, RSS 5 s after the stream stops (the peer
# pauses: no more updates; and a minute after, unless MEM_MINUTE=0),
# 5 s after the connection drops (the peer
# is killed) and 5 s after a smaller application is back on the same
# port, each beside its target.  The console gives back what updates
# used 2 s after the stream last moved; while it is disconnected what
# stays is the model itself, which keeps showing the last tasks (as
# upstream's does), and that goes when the next connection starts.
#
#   sh t/bench/mem.sh [--soak]
#
# Loads: 10 k, 20 k, 100 k and 1 M tasks, every task polled each second
# (a full snapshot each update; MEM_SCALES="10000 20000" to choose), the recorded
# streams of $TC_SHARED/fixtures/real replayed, and a churn of 1,000
# short-lived tasks a second with unique field values; 100 k tasks again
# while recording (MEM_RECORD=N for another count, 0 for none).  --soak runs 20 k
# tasks and the churn for 10 minutes each and prints how flat RSS stayed.
# The model's own figures (bytes per task, decode memory at peak) come from
# t/helper/model-bench.  MEM_CONSOLE names another console binary to
# measure (a build to compare against).  Run from the top of the tree, by
# t/bench/run.
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
console_bin=${MEM_CONSOLE:-$top/tokio-console}
soak=
test "$1" = --soak && soak=1
scales=${MEM_SCALES:-10000 20000 100000 1000000}
shared=${TC_SHARED:-$top/../shared}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tc-mem.XXXXXX") || exit 1
peer=
console_args=
cleanup () {
    test -n "$peer" && kill "$peer" 2>/dev/null && wait "$peer" 2>/dev/null
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
start_peer () {
    run_peer "$top/t/peer/console-peer" "$scratch" 300 "$@"
    status=$?
    peer=$PEER_PID
    test $status = 0 || exit 1
}

# The peer of a million tasks can be too busy to stop on SIGTERM.
stop_peer () {
    kill "$peer" 2>/dev/null
    n=0
    while kill -0 "$peer" 2>/dev/null && test $n -lt 50; do
        sleep 0.1
        n=$((n + 1))
    done
    kill -9 "$peer" 2>/dev/null
    wait "$peer" 2>/dev/null
    peer=
}

# start_console ADDR: the console in tmux; sets $console to its pid.
start_console () {
    tmux -S "$scratch/tmux" kill-server 2>/dev/null
    (cd "$scratch" && HOME=$scratch XDG_CONFIG_HOME=$scratch/.config TERM=xterm-256color \
        LANG=C.UTF-8 tmux -S "$scratch/tmux" -f /dev/null new-session -d -x 200 -y 50 \
        "exec '$console_bin' $console_args $1")
    console=$(tmux -S "$scratch/tmux" list-panes -F '#{pane_pid}' 2>/dev/null)
}

screen () { tmux -S "$scratch/tmux" capture-pane -p 2>/dev/null; }

# The idle console: started, connected to nothing, after 3 s.
start_console "http://127.0.0.1:9"
sleep 3
idle=$(status_kb "$console" VmRSS)
tmux -S "$scratch/tmux" kill-server 2>/dev/null
echo "memory: idle console RSS $(mib "$idle") MiB (upstream ~11)"
settled=$((idle + 20 * 1024))

# spread LO HI: how far either side of the middle, in per cent.
spread () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * (b - a) / (a + b) }'; }

# measure LABEL PEAK_TARGET_MIB CPU_TARGET SECONDS TASKS PEER-ARGS...: runs
# the console against the peer for SECONDS once the task list shows TASKS
# tasks ("any": once it shows some), then pauses the peer (stream stops),
# then kills it (connection drops).
measure () {
    label=$1 peak_target=$2 cpu_target=$3 seconds=$4 want=$5
    shift 5
    title='Tasks \([1-9]'
    test "$want" = any || title="Tasks \($(with_commas "$want")\)"
    start_peer "$@"
    t0=$(now_ms)
    start_console "http://127.0.0.1:$(cat "$scratch/port")"
    # When the first update's bytes begin to arrive: the console's memory
    # grows past the idle console's by 8 MiB (the peer takes a while to
    # build a large first update; that time is the peer's).
    grow_at=
    until screen | grep -q -E "$title"; do
        test -z "$grow_at" && test "$(status_kb "$console" VmRSS)" -gt $((idle + 8192)) && grow_at=$(now_ms)
        if test $(($(now_ms) - t0)) -gt 120000; then
            echo "memory, $label: not on screen after 120 s: $title" >&2
            stop_peer
            return 1
        fi
        sleep 0.2
    done
    shown_at=$(now_ms)
    shown=$((shown_at - t0))
    # CPU and RSS from 10 s on (a warm-up, as upstream's figures were
    # taken); RSS every 5 s: how flat it stays, sample by sample
    # (an update's bytes come and go each second) and minute by minute
    # (the highest sample of each: growth, if any).
    lo= hi= waited=0 minute_hi= peaks=
    while test $waited -lt "$seconds"; do
        sleep 5
        waited=$((waited + 5))
        test $waited = 10 && c0=$(cpu_ns "$console") && w0=$(now_ms)
        test $waited -le 10 && continue
        r=$(status_kb "$console" VmRSS)
        test -z "$lo" || test "$r" -lt "$lo" && lo=$r
        test -z "$hi" || test "$r" -gt "$hi" && hi=$r
        test -z "$minute_hi" || test "$r" -gt "$minute_hi" && minute_hi=$r
        if test $((waited % 60)) = 0; then
            peaks="$peaks $minute_hi"
            minute_hi=
        fi
    done
    cpu=$(cpu_since "$console" "$c0" "$w0")
    hwm=$(status_kb "$console" VmHWM)
    "$top/t/peer/console-peer" --dump "127.0.0.1:$(cat "$scratch/port")" --rpc pause \
        >/dev/null 2>&1
    sleep 5
    stopped=$(status_kb "$console" VmRSS)
    # MEM_MINUTE=0: not the figure a minute after too.
    stopped_minute=
    if test "${MEM_MINUTE:-1}" != 0; then
        sleep 55
        stopped_minute=$(status_kb "$console" VmRSS)
    fi
    stop_peer
    sleep 5
    dropped=$(status_kb "$console" VmRSS)
    # The application back on the same port, smaller: a new connection
    # may be a new process, so the console starts afresh, and what it
    # kept showing of the old one's tasks goes back.
    port=$(cat "$scratch/port")
    printf 'interval 1s\nrepeat 10 task s{i} name=small-{i}\n' >"$scratch/small.scn"
    start_peer --listen "127.0.0.1:$port" --scenario "$scratch/small.scn"
    t1=$(now_ms)
    back=
    until screen | grep -q -E 'Tasks \(10\)'; do
        if test $(($(now_ms) - t1)) -gt 60000; then
            echo "memory, $label: the console did not show the smaller application within 60 s" >&2
            break
        fi
        sleep 0.2
    done
    screen | grep -q -E 'Tasks \(10\)' && sleep 5 && back=$(status_kb "$console" VmRSS)
    stop_peer
    tmux -S "$scratch/tmux" kill-server 2>/dev/null
    if test "$want" = any; then
        shown="first tasks on screen after $shown ms"
    else
        shown="all $(with_commas "$want") tasks on screen $shown ms after the console started"
        test -n "$grow_at" && shown="$shown, $((shown_at - grow_at)) ms after the first update's bytes began to arrive (target 3 s at 1 M)"
    fi
    echo "memory, $label: peak RSS $(mib "$hwm") MiB (target $peak_target)," \
        "CPU $cpu% (target $cpu_target), $shown"
    test -n "$lo" && echo "          RSS from 10 s on: $(mib "$lo") to $(mib "$hi") MiB" \
        "($(spread "$lo" "$hi")% either side of the middle; target 5% over 10 minutes)"
    set -- $peaks
    if test $# -ge 2; then
        plo=$1 phi=$1
        for p; do
            test "$p" -lt "$plo" && plo=$p
            test "$p" -gt "$phi" && phi=$p
        done
        echo "          highest RSS of each minute: $(mib "$1") MiB in the first, $(mib "$(eval echo \${$#})")" \
            "MiB in the last, $(mib "$plo") to $(mib "$phi") MiB in all ($(spread "$plo" "$phi")% either side)"
    fi
    test -n "$stopped_minute" && stopped_minute=" ($(mib "$stopped_minute") MiB a minute after)"
    echo "          RSS 5 s after the stream stops $(mib "$stopped") MiB$stopped_minute," \
        "5 s after the connection drops $(mib "$dropped") MiB (target $(mib "$settled"): idle + 20;" \
        "the last tasks stay on screen)"
    test -n "$back" && echo "          RSS 5 s after a smaller application (10 tasks) is back on the same" \
        "port and shown: $(mib "$back") MiB (target $(mib "$settled"))"
}

# scale_scenario N: N tasks, each polled every second.
scale_scenario () {
    cat >"$scratch/scale.scn" <<EOF
interval 1s
repeat $1 task t{i} name=worker-{i%97} loc=src/worker.rs:{i%50}:9 polls={i%500} busy={i%900}ms age={i%600}s field.conn={i}
repeat $1 every 1s poll t{i} 200us
EOF
}

target_for () {
    case $1 in
    10000) echo "40 MiB" ;;
    20000) echo "45 MiB" ;;
    1000000) echo "480 MiB" ;;
    *) echo "none set" ;;
    esac
}

if test -n "$soak"; then
    scale_scenario 20000
    measure "20k tasks for 10 minutes" "45 MiB" "0.9%" 600 20000 --scenario "$scratch/scale.scn"
    printf 'interval 1s\nevery 1s churn 1000 205\n' >"$scratch/churn.scn"
    console_args="--retain-for 1s"
    measure "1,000 short-lived tasks a second for 10 minutes" "flat" "-" 600 any \
        --scenario "$scratch/churn.scn" --retain 1
    exit 0
fi

for n in $scales; do
    scale_scenario "$n"
    cpu_target=-
    test "$n" = 20000 && cpu_target=0.9%
    measure "$n tasks, all updating each second" "$(target_for "$n")" "$cpu_target" 30 "$n" \
        --scenario "$scratch/scale.scn"
done
# Recording (--record) keeps a second model on the writer's thread: the
# same load with it, beside the figure above.  MEM_RECORD=0: not measured.
rec_n=${MEM_RECORD:-100000}
if test "$rec_n" != 0; then
    scale_scenario "$rec_n"
    console_args="--record $scratch/session.tcr"
    measure "$rec_n tasks, all updating each second, recording" "none set" "-" 20 "$rec_n" \
        --scenario "$scratch/scale.scn"
    console_args=
fi
# MEM_EXTRAS=0: the scales alone.
test "${MEM_EXTRAS:-1}" = 0 && exit 0
for f in "$shared"/fixtures/real/*.updates; do
    test -f "$f" || continue
    measure "replay of $(basename "$f")" "none set" "-" 20 any --replay "$f"
done
printf 'interval 1s\nevery 1s churn 1000 205\n' >"$scratch/churn.scn"
console_args="--retain-for 1s"
measure "1,000 short-lived tasks a second, unique values, 60 s" "flat" "-" 60 any \
    --scenario "$scratch/churn.scn" --retain 1
