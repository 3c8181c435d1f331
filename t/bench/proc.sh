# Sourced by the benchmarks: what they read of a process in /proc, and
# how they print a count, in one place.

# status_kb PID FIELD: a /proc/PID/status figure in kB (VmRSS, VmHWM).
status_kb () { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null; }

# mib KB: kB as MiB, one decimal.
mib () { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# now_ms: the wall clock in milliseconds.
now_ms () { date +%s%3N; }

# cpu_ns PID: the time the threads of PID have run, in nanoseconds, from
# their schedstat.  Clock ticks (/proc/PID/stat) were too coarse: over
# 20 s a tick is 0.05 % of a core, the size of the differences measured.
# Threads that end between two readings are not counted: the benchmarks
# read a process at steady state.
cpu_ns () { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }'; }

# cpu_since PID NS MS: the share of one core, in percent, that PID has
# used since cpu_ns gave NS and now_ms gave MS.
cpu_since () {
    awk -v t="$(($(cpu_ns "$1") - $2))" -v ms="$(($(now_ms) - $3))" 'BEGIN { printf "%.2f", t / 1e4 / ms }'
}

# with_commas N: 1234567 as 1,234,567.
with_commas () { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
