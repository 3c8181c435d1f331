#!/bin/sh
# Keys that behave as upstream's: j/k and the arrows wrap around the ends
# of a list, the help passes every key but ? and Esc to the view under it
# (q quits), resources and async ops open sorted by ID, highest first,
# their IDs right-aligned.
# At 80x24 and 200x50, in UTF-8 and in ASCII.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# The ID of the selected (reverse video) row: its first number.
selected_row () {
    tmux_ capture-pane -p -e -t console | grep -E "$(printf '\033')\\[([0-9]+;)*7m" | head -1 |
        sed 's/\x1b\[[0-9;]*m//g' | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}
# The first number of the first row under the table header matching $1.
first_row_id () {
    screen | grep -A1 -E "$1" | sed -n 2p | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}

test_expect_success 'setup: the peer' '
    start_peer --scenario resources --retain 3600
'

for mode in "80x24 utf8" "200x50 utf8" "80x24 ascii" "200x50 ascii"; do
    size=${mode% *} charset=${mode#* }
    if test "$charset" = ascii; then args="--ascii-only true"; else args=; fi

    test_expect_success "$mode: the tasks sorted by ID, at rest" '
        CONSOLE_SIZE=$size start_console $args --retain-for none "http://$PEER_ADDR" &&
        wait_screen "Tasks \(4\)" &&
        send_keys h h h &&
        wait_for "test \"\$(first_row_id Name)\" = 4" 10
    '

    test_expect_success "$mode: k on the first row goes to the last, j back to the first" '
        send_keys G &&
        wait_for "test -n \"\$(selected_row)\"" 5 &&
        last=$(selected_row) &&
        send_keys g g &&
        wait_for "test \"\$(selected_row)\" != \"$last\"" 5 &&
        first=$(selected_row) &&
        send_keys k &&
        wait_for "test \"\$(selected_row)\" = \"$last\"" 5 &&
        send_keys j &&
        wait_for "test \"\$(selected_row)\" = \"$first\"" 5 &&
        send_keys Up &&
        wait_for "test \"\$(selected_row)\" = \"$last\"" 5 &&
        send_keys Down &&
        wait_for "test \"\$(selected_row)\" = \"$first\"" 5
    '

    test_expect_success "$mode: with the help open, keys move the list under it" '
        send_keys ? &&
        wait_screen "pause or resume" &&
        send_keys j &&
        wait_for "test \"\$(selected_row)\" != \"$first\"" 5 &&
        screen | grep -q "pause or resume" &&
        send_keys Escape &&
        wait_for "! screen | grep -q \"pause or resume\"" 5
    '

    test_expect_success "$mode: resources open sorted by ID, highest first" '
        send_keys r &&
        wait_screen "^Resources \(6\)" &&
        test "$(first_row_id "Parent +Kind")" = 6 &&
        # IDs are right-aligned, as upstream aligns them.
        screen | grep -A1 -E "Parent +Kind" | sed -n 2p | grep -E -q "^(>> )? +6 "
    '

    test_expect_success "$mode: async ops open sorted by ID, highest first" '
        send_keys G Enter &&
        wait_screen "^Resource 1 " &&
        wait_screen "^Async Ops \(2\)" &&
        ids=$(screen | grep -A2 -E "Parent +Task" | sed 1d | sed "s/^>>//" | awk "{ print \$1 }" | tr "\n" " ") &&
        test "$ids" = "2 1 "
    '

    test_expect_success "$mode: q in the help quits" '
        send_keys ? &&
        wait_screen "pause or resume" &&
        send_keys q &&
        wait_console_exit &&
        test "$CONSOLE_STATUS" = 0
    '
done

test_done
