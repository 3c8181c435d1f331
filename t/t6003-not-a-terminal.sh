#!/bin/sh
# Without a terminal on standard input and output (a script, a cron job,
# output redirected to a file) the console says so and exits at once with
# status 1, writing nothing to standard output.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless TMUX

TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")
NEEDS="error: standard input and output must be a terminal"

# in_terminal 'COMMANDS': runs them in a tmux pane (a terminal) in $TRASH;
# waits up to 5 s for them to end and sets STATUS to their exit status.
in_terminal () {
    rm -f "$TRASH/status"
    tmux_ kill-session -t plain 2>/dev/null
    tmux_ -f /dev/null new-session -d -s plain -x 80 -y 24 \
        "cd '$TRASH' && env TERM=xterm-256color $1; echo \$? >status" &&
    wait_for "test -s '$TRASH/status'" 5 &&
    STATUS=$(cat "$TRASH/status")
}

test_expect_success 'standard input at end of file: status 1 at once, one line' '
    in_terminal "\"$TC\" http://127.0.0.1:9 </dev/null 2>err" &&
    test "$STATUS" = 1 &&
    test $(wc -l <err) = 1 &&
    test "$(cat err)" = "$NEEDS"
'

test_expect_success 'standard output to a file: status 1 at once, no escapes in it' '
    in_terminal "\"$TC\" http://127.0.0.1:9 >out 2>err" &&
    test "$STATUS" = 1 &&
    test ! -s out &&
    test "$(cat err)" = "$NEEDS"
'

test_expect_success 'neither a terminal: the same' '
    timeout 5 "$TC" http://127.0.0.1:9 </dev/null >out 2>err
    test $? = 1 &&
    test ! -s out &&
    test "$(cat err)" = "$NEEDS"
'

test_done
