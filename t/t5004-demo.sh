#!/bin/sh
# What `make demo` shows: the console against the bundled demo, live, and
# the demo gone when the console quits.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

test_expect_success 'the demo shows hundreds of named tasks and its warnings' '
    printf "#!/bin/sh\nTOKIO_CONSOLE=%s/tokio-console exec %s/t/demo-run\n" "$TOP" "$TOP" >"$TRASH/demo" &&
    chmod +x "$TRASH/demo" &&
    TOKIO_CONSOLE="$TRASH/demo" start_console &&
    wait_screen "connection: http://127.0.0.1:[0-9]+ \(CONNECTED\)" 15 &&
    wait_screen "Tasks \([1-9][0-9][0-9]+\)" &&
    wait_screen "db-worker" &&
    wait_screen "lost (its waker|their wakers)"
'

test_expect_success 'the demo updates live: the task counts move' '
    first=$(screen | grep -E -o "Tasks \([0-9]+\).*") &&
    wait_for "test \"\$(screen | grep -E -o \"Tasks \\\\([0-9]+\\\\).*\")\" != \"$first\"" 15
'

test_expect_success 'the demo has resources with async ops' '
    press "^Resources \([1-9]" r &&
    wait_screen "Mutex" &&
    wait_screen "Semaphore"
'

test_expect_success 'quitting the console stops the demo' '
    port=$(screen | sed -n "s/^connection: http:\/\/127.0.0.1:\([0-9]*\) .*/\1/p") &&
    test -n "$port" &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0 &&
    ! "$TOP/$CONSOLE_PEER" --dump "127.0.0.1:$port" --count 1 --timeout 2 >out &&
    grep "status UNAVAILABLE" out
'

test_done
