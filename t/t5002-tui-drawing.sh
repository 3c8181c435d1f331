#!/bin/sh
# Drawing at any size, in UTF-8 and in ASCII, with and without colour, and
# giving the terminal back on SIGTERM and SIGHUP.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

console_pid () {
    pgrep -P "$(tmux_ display-message -p -t console "#{pane_pid}")" | head -1
}
# Widest line on the screen, in display columns.
widest () {
    screen | wc -L
}

# Completed tasks are kept (by the peer and the consoles that look for
# them) for as long as the tests take, however slow the machine.
test_expect_success 'at 40x10 the list still shows names, nothing past the edge' '
    start_peer --scenario basic --retain 3600 &&
    CONSOLE_SIZE=40x10 start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "db-worker|listener" &&
    test "$(widest)" -le 40 &&
    test "$(screen | wc -l)" -le 10 &&
    screen | grep -q "^connection: "
'

test_expect_success 'growing to 250x60 redraws at once with every column' '
    resize_console 250x60 &&
    wait_screen "Location +Fields" &&
    wait_screen "src/server.rs:41:9" &&
    test "$(widest)" -le 250
'

test_expect_success 'shrinking again drops columns instead of wrapping' '
    resize_console 60x15 &&
    wait_for "test \$(widest) -le 60" 5 &&
    wait_for "! screen | grep -q Location" 5
'

test_expect_success 'UTF-8 locale: state icons' '
    resize_console 120x40 &&
    # Location is drawn from 120 columns: the screen is the new one.
    wait_screen "Location" &&
    wait_screen "⏸" &&
    wait_screen "⏹"
'

test_expect_success '--ascii-only true: only ASCII, states as words' '
    start_console --ascii-only true --retain-for none "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    wait_screen " IDLE " &&
    wait_screen " DONE " &&
    ! screen | LC_ALL=C grep -q "[^ -~]"
'

test_expect_success 'a non-UTF-8 --lang draws ASCII too' '
    start_console --lang en_US.ISO-8859-1 "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    ! screen | LC_ALL=C grep -q "[^ -~]"
'

test_expect_success 'lower-case utf8 locales count as UTF-8' '
    start_console --lang en_US.utf8 "http://$PEER_ADDR" &&
    wait_screen "⏸"
'

# The duration columns use the 256-colour greens and yellows (38;5;4x);
# they may be drawn a frame after the names, so the tests wait for them.
durations_coloured () {
    tmux_ capture-pane -p -e -t console | grep -q "$(printf "\033")\[38;5;4[0-9]m"
}
# durations_drawn: waits for db-worker's Total and Busy, so that a check
# that they are not coloured does not pass on a frame without them.
durations_drawn () {
    wait_screen "db-worker +[0-9][^ ]* +[0-9]"
}

test_expect_success 'colours on: durations are coloured' '
    start_console "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    wait_for durations_coloured
'

test_expect_success '--no-colors: no colour at all' '
    start_console --no-colors "http://$PEER_ADDR" &&
    durations_drawn &&
    ! tmux_ capture-pane -p -e -t console | grep -q "$(printf "\\033")\\[\\(3[0-7]\\|38;5;[0-9]*\\)m"
'

test_expect_success 'NO_COLOR in the environment: no colour' '
    printf "#!/bin/sh\nNO_COLOR=1 exec %s \"\$@\"\n" "$TOP/tokio-console" >"$TRASH/nc" &&
    chmod +x "$TRASH/nc" &&
    TOKIO_CONSOLE="$TRASH/nc" start_console "http://$PEER_ADDR" &&
    durations_drawn &&
    ! tmux_ capture-pane -p -e -t console | grep -q "$(printf "\\033")\\[\\(3[0-7]\\|38;5;[0-9]*\\)m"
'

test_expect_success '--no-duration-colors true: durations plain' '
    start_console --no-duration-colors true "http://$PEER_ADDR" &&
    durations_drawn &&
    ! tmux_ capture-pane -p -e -t console | grep -q "$(printf "\\033")\\[38;5;4[1-4]m"
'

for sig in TERM HUP; do
    test_expect_success "SIG$sig restores the terminal" '
        start_console "http://$PEER_ADDR" &&
        wait_screen "db-worker" &&
        test "$(tmux_ display-message -p -t console "#{alternate_on}")" = 1 &&
        kill -'$sig' "$(console_pid)" &&
        wait_console_exit &&
        test "$(tmux_ display-message -p -t console "#{alternate_on}")" = 0
    '
done

test_expect_success 'a crash (SIGSEGV) still leaves the alternate screen' '
    start_console "http://$PEER_ADDR" &&
    wait_screen "db-worker" &&
    kill -SEGV "$(console_pid)" &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" -gt 128 &&
    test "$(tmux_ display-message -p -t console "#{alternate_on}")" = 0
'

test_done
