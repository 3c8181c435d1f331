#!/bin/sh
# Keys that behave as upstream's: j/k and the arrows wrap around the ends
# of a list, the help passes every key but ? and Esc to the view under it
# (q quits), resources and async ops open sorted by ID, highest first,
# their IDs right-aligned.
# At 80x24 and 200x50, in UTF-8 and in ASCII.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# The first number of the first row under the table header matching $1.
first_row_id () {
    screen | grep -A1 -E "$1" | sed -n 2p | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }'
}
# The IDs of the two async ops, in the order shown.
async_op_ids () {
    screen | grep -A2 -E "Parent +Task" | sed 1d | sed "s/^>>//" | awk "{ print \$1 }" | tr "\n" " "
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
        press "ID(▿|v) +State" h h h &&
        wait_for "test \"\$(first_row_id Name)\" = 4" 10
    '

    # The four tasks, IDs 4 to 1 from the top.
    test_expect_success "$mode: k on the first row goes to the last, j back to the first" '
        wait_for "test -n \"\$(selected_id)\"" 5 &&
        # The selection follows its task through the sort: it may be on
        # the last row already.
        if test "$(selected_id)" != 1; then
            press_until "test \"\$(selected_id)\" = 1" G
        fi &&
        press_until "test \"\$(selected_id)\" = 4" g g &&
        press_until "test \"\$(selected_id)\" = 1" k &&
        press_until "test \"\$(selected_id)\" = 4" j &&
        press_until "test \"\$(selected_id)\" = 1" Up &&
        press_until "test \"\$(selected_id)\" = 4" Down
    '

    test_expect_success "$mode: with the help open, keys move the list under it" '
        press "pause or resume" ? &&
        press_until "test \"\$(selected_id)\" = 3" j &&
        screen | grep -q "pause or resume" &&
        press_until "! screen | grep -q \"pause or resume\"" Escape
    '

    test_expect_success "$mode: resources open sorted by ID, highest first" '
        press "^Resources \(6\)" r &&
        wait_for "test \"\$(first_row_id \"Parent +Kind\")\" = 6" &&
        # IDs are right-aligned, as upstream aligns them.
        wait_for "screen | grep -A1 -E \"Parent +Kind\" | sed -n 2p | grep -E -q \"^(>> )? +6 \""
    '

    test_expect_success "$mode: async ops open sorted by ID, highest first" '
        press "^Resource 1 " G Enter &&
        wait_screen "^Async Ops \(2\)" &&
        wait_for "test \"\$(async_op_ids)\" = \"2 1 \""
    '

    test_expect_success "$mode: q in the help quits" '
        press "pause or resume" ? &&
        send_keys q &&
        wait_console_exit &&
        test "$CONSOLE_STATUS" = 0
    '
done

test_done
