#!/bin/sh
# The model decodes every stream recorded from real console-subscriber
# programs (../shared/fixtures/real) and understands what they show.

. "$(dirname "$0")/test-lib.sh"

require_fixtures real
REAL=$FIXTURES_DIR/real
tool=$TOP/t/helper/test-tool

frames () {
    # Frames in a recording: [u64 ns][u32 length][message], big-endian.
    perl -e 'local $/; open my $f, "<", $ARGV[0] or die; my $d = <$f>; my ($p, $n) = (0, 0);
        while ($p < length $d) { my $len = unpack "N", substr($d, $p + 8, 4); $p += 12 + $len; $n++ }
        print "$n\n"' "$1"
}

for name in app long_sleep mutex semaphore; do
    test_expect_success "every update of '$name' decodes" '
        $tool model "$REAL/$name.updates" >out &&
        test "$(grep -c "^update" out)" = "$(frames "$REAL/$name.updates")"
    '
done

test_expect_success 'tasks carry tokio ids, names and spawn locations' '
    $tool model "$REAL/mutex.updates" --quiet >out &&
    grep -q "^task id=4 state=[a-z]* name=main-task .*location=console-subscriber/examples/mutex.rs:10:10 target=tokio::task" out &&
    test "$(grep -c "name=increment-[0-9]" out)" -ge 4
'

test_expect_success 'a task blocking its thread is running and never yielded' '
    $tool model "$REAL/long_sleep.updates" --quiet >out &&
    grep "name=sleep-forever" out >line &&
    grep -q "state=running" line &&
    grep -q "polls=1 " line &&
    grep -q "warnings=4 " line
'

test_expect_success 'completed tasks are kept 6 s, or forever' '
    $tool model "$REAL/semaphore.updates" --quiet >kept6 &&
    $tool model "$REAL/semaphore.updates" --quiet --retain-for -1 >forever &&
    test "$(grep -c "state=done" forever)" -gt "$(grep -c "state=done" kept6)"
'

test_done
