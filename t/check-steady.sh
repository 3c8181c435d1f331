#!/bin/sh
# Is the suite steady?  Runs every test that drives the console under
# tmux STEADY_RUNS times (10 by default) while STEADY_SPIN processes (one
# per core by default) spin, as a busy CI machine would, then the whole
# suite under the sanitizers STEADY_SAN_RUNS times (3).  Prints how many
# runs of each test passed, shows each failed run's report, and ends with
# "N passed, N failed" counted in runs.  Run by `make check-steady`:
# before submitting a change to the tests or to how the console reads
# keys and draws, and whenever a test has failed once in CI.
# STEADY_TESTS="t/t5061-tui-merged.sh ..." runs only those (a new test).
#
# The sanitizer runs rebuild the tree with SANITIZE=address,undefined;
# a plain `make` builds it back.

cd "$(dirname "$0")/.." || exit 1
: "${STEADY_RUNS:=10}"
: "${STEADY_SPIN:=$(nproc 2>/dev/null || echo 2)}"
: "${STEADY_SAN_RUNS:=3}"
: "${MAKE:=make}"

# The tests that drive the console in a terminal: tmux, or a pty of our own.
tests=${STEADY_TESTS:-$(grep -l -e start_console -e helper/pty t/t[0-9]*.sh)}
if test -z "$tests"; then
    echo "check-steady: no tmux tests found" >&2
    exit 1
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/check-steady.XXXXXX") || exit 1
spinners=
stop_spinners () {
    for pid in $spinners; do kill "$pid" 2>/dev/null; done
    for pid in $spinners; do wait "$pid" 2>/dev/null; done
    spinners=
}
trap 'stop_spinners; rm -rf "$logs"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# A hang-up (the SSH session gone) cleans up too.
trap 'exit 129' HUP

i=0
while test $i -lt "$STEADY_SPIN"; do
    sh -c 'while :; do :; done' &
    spinners="$spinners $!"
    i=$((i + 1))
done
echo "# $(echo $tests | wc -w) tmux tests, $STEADY_RUNS runs each, $STEADY_SPIN spinning processes"

# Round after round, so that a run cut short has covered every test.
run=1
while test $run -le "$STEADY_RUNS"; do
    for t in $tests; do
        name=$(basename "$t" .sh)
        if sh "$t" >"$logs/out" 2>&1; then
            echo pass >>"$logs/$name"
        else
            echo fail >>"$logs/$name"
            echo "# run $run: $t failed:"
            grep -v '^ok ' "$logs/out" | sed -e 's/^/#   /'
        fi
    done
    echo "# round $run of $STEADY_RUNS done"
    run=$((run + 1))
done
stop_spinners

passed=0 failed=0
for t in $tests; do
    test "$STEADY_RUNS" -gt 0 || break
    name=$(basename "$t" .sh)
    p=$(grep -c pass "$logs/$name")
    f=$(grep -c fail "$logs/$name")
    printf '%-34s %2d of %d runs passed\n' "$name" "$p" $((p + f))
    passed=$((passed + p)) failed=$((failed + f))
done

run=1
while test $run -le "$STEADY_SAN_RUNS"; do
    if $MAKE --no-print-directory -j2 SKIP_DEPS=1 SANITIZE=address,undefined check >"$logs/san" 2>&1; then
        passed=$((passed + 1))
        verdict=passed
    else
        failed=$((failed + 1))
        verdict=FAILED
        grep -E '^(not ok|#|t/)' "$logs/san" | tail -40 | sed -e 's/^/#   /'
    fi
    echo "sanitizer suite run $run: $verdict ($(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/san" | tail -1))"
    run=$((run + 1))
done

echo "$passed passed, $failed failed"
test $failed = 0
