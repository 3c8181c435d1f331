#!/bin/sh
# `tokio-console exporter` under load, scraped with curl.
#
# - One target: the test peer serving 10 k tasks, one update a second (a
#   tenth of them polled each second).  Once the tasks have come, and
#   5 s more to settle, the exporter's whole-process CPU over
#   EXPORTER_SECONDS (30) as a share of one core, scraped every 15 s as
#   Prometheus would, and its peak RSS (VmHWM).  Targets: <= 2 % of a
#   core, <= 40 MiB.  Then the same with every task polled each second
#   (every task's stats in every update).
# - A scrape at 20 k tasks: the median and max over EXPORTER_SCRAPES (50)
#   scrapes of /metrics, one after another, each timed by curl from
#   connect to last byte.  Target: <= 50 ms.
# - 20 targets of 1,000 tasks each, an update a second each: CPU as above.
#   Target: <= 5 % of a core.
#
#   sh t/bench/exporter.sh
#
# Run from the top of the tree, by t/bench/run.
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
seconds=${EXPORTER_SECONDS:-30}
scrapes=${EXPORTER_SCRAPES:-50}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tc-exporter.XXXXXX") || exit 1
pids=
cleanup () {
    for p in $pids; do kill -9 "$p" 2>/dev/null; done
    for p in $pids; do wait "$p" 2>/dev/null; done
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A hang-up (the SSH session gone) or a closed pipe cleans up too.
trap 'exit 129' HUP
trap 'exit 141' PIPE

. "$top/t/peer-start.sh"
. "$top/t/bench/proc.sh"
free_port () {
    perl -MIO::Socket::INET -e \
        '$s = IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0") or die; print $s->sockport, "\n"'
}

# scenario TASKS POLLED: a scenario of TASKS tasks, POLLED of them polled
# every second; its file name on stdout.
scenario () {
    f=$scratch/s-$1-$2.scn
    printf 'interval 1s\nrepeat %s task t{i} name=worker-{i%%97} loc=src/worker.rs:{i%%50}:9 polls={i%%500} busy={i%%900}ms age={i%%600}s\nrepeat %s every 1s poll t{i} 200us\n' \
        "$1" "$2" >"$f"
    echo "$f"
}

# start_peers N TASKS [POLLED]: N peers of TASKS tasks each, POLLED of
# them (a tenth by default) polled each second; their targets as
# NAME=URL in $list.
start_peers () {
    scn=$(scenario "$2" "${3:-$(($2 / 10))}")
    PEERS_PIDS=$pids
    run_peers "$top/t/peer/console-peer" "$scratch/p$2" "$1" "$scn" || exit 1
    pids=$PEERS_PIDS
    list=$PEERS_LIST
}

stop_all () {
    for p in $pids; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    pids=
}

# exporter ARGS: the exporter on a free port; its pid in $exporter, its
# URL in $url.
exporter () {
    port=$(free_port) || exit 1
    url=http://127.0.0.1:$port/metrics
    HOME=$scratch XDG_CONFIG_HOME=$scratch/.config "$top/tokio-console" exporter --listen "127.0.0.1:$port" \
        "$@" >"$scratch/exporter.log" 2>&1 &
    exporter=$!
    pids="$pids $exporter"
}

# wait_tasks N LIMIT: until a scrape counts N tasks over every target;
# false after LIMIT seconds.
wait_tasks () {
    t0=$(date +%s)
    until test "$(curl -sf "$url" | awk '/^tokio_console_tasks\{/ { t += $2 } END { print t + 0 }')" = "$1"; do
        test $(($(date +%s) - t0)) -gt "$2" && return 1
        sleep 0.2
    done
}

# cpu_over SECONDS: the exporter's CPU over SECONDS, scraped every 15 s,
# as a percentage of one core.
cpu_over () {
    c0=$(cpu_ns "$exporter") w0=$(now_ms)
    t=0
    while test $t -lt "$1"; do
        test $((t % 15)) = 0 && curl -sf -o /dev/null "$url"
        sleep 1
        t=$((t + 1))
    done
    cpu_since "$exporter" "$c0" "$w0"
}

peak_rss () { mib "$(status_kb "$exporter" VmHWM)"; }

# One target of 10 k tasks.
start_peers 1 10000
exporter $list
wait_tasks 10000 120 || { echo "exporter: 10 k tasks not counted after 120 s" >&2; exit 1; }
sleep 5
cpu=$(cpu_over "$seconds")
echo "exporter: 10 k tasks, an update a second: $cpu% of a core (target <= 2%)," \
    "peak RSS $(peak_rss) MiB (target <= 40 MiB)"
stop_all
start_peers 1 10000 10000
exporter $list
wait_tasks 10000 120 || { echo "exporter: 10 k tasks not counted after 120 s" >&2; exit 1; }
sleep 5
cpu=$(cpu_over "$seconds")
echo "exporter: 10 k tasks, every one polled each second: $cpu% of a core (target <= 2%)," \
    "peak RSS $(peak_rss) MiB (target <= 40 MiB)"
stop_all

# A scrape at 20 k tasks.
start_peers 1 20000
exporter $list
wait_tasks 20000 120 || { echo "exporter: 20 k tasks not counted after 120 s" >&2; exit 1; }
sleep 2
i=0
: >"$scratch/times"
while test $i -lt "$scrapes"; do
    curl -sf -o /dev/null -w '%{time_total}\n' "$url" >>"$scratch/times"
    i=$((i + 1))
done
bytes=$(curl -sf "$url" | wc -c)
sort -n "$scratch/times" | awk -v n="$scrapes" -v b="$bytes" '
    { t[NR] = $1 * 1000 }
    END { printf "exporter: a scrape at 20 k tasks (%d KB): median %.1f ms, max %.1f ms of %d (target <= 50 ms)\n",
          b / 1000, (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[NR], n }'
stop_all

# 20 targets of 1,000 tasks.
start_peers 20 1000
exporter $list
wait_tasks 20000 120 || { echo "exporter: 20 targets of 1,000 tasks not counted after 120 s" >&2; exit 1; }
sleep 5
cpu=$(cpu_over "$seconds")
echo "exporter: 20 targets x 1,000 tasks, an update a second each: $cpu% of a core (target <= 5%)," \
    "peak RSS $(peak_rss) MiB"
