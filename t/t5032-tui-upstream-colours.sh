#!/bin/sh
# Upstream's colours, through the palette: the table header cyan bold,
# PUB green and INT red, field keys light blue, "=" dim, values yellow (in
# the tables' cells as in the details), attribute units light blue, PAUSED
# red; the selected row keeps its cells' colours under reverse video; none
# of it with --no-colors.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

ESC=$(printf '\033')
# The screen with its colours, one SGR sequence at a time.
colours () {
    tmux_ capture-pane -p -e -t console | sed "s/$ESC\\[\\([0-9;]*\\)m/<\\1>/g"
}
# wait_colours REGEX: waits until the coloured screen matches.
wait_colours () {
    wait_for "colours | grep -E -q \"$1\"" 10 || { colours >&2; return 1; }
}
# wait_selected_colours REGEX: waits until the selected row, from its
# reverse video on, matches REGEX (coloured as colours shows it).
wait_selected_colours () {
    wait_for "colours | grep -E -q \"<([0-9]+;)*7>.*$1\"" 10 || { colours >&2; return 1; }
}

test_expect_success 'setup: the peer' '
    start_peer --scenario resources --retain 3600
'

for mode in "80x24 utf8" "200x50 utf8" "80x24 ascii" "200x50 ascii"; do
    size=${mode% *} charset=${mode#* }
    if test "$charset" = ascii; then
        args="--ascii-only true" pub=PUB int=INT sorted=v
    else
        args= pub=✅ int=🔒 sorted=▿
    fi

    test_expect_success "$mode: the table header is cyan bold" '
        CONSOLE_SIZE=$size start_console $args "http://$PEER_ADDR" &&
        wait_screen "Tasks \(4\)" &&
        wait_colours "<1><36>Name"
    '

    test_expect_success "$mode: the selected row keeps its durations' colours under reverse video" '
        wait_selected_colours "<38;5;4[0-9]>[0-9]+(ms|s|µs|us)"
    '

    test_expect_success "$mode: fields in the task table: key light blue bold, = dim, value yellow" '
        # Sorted by Fields, the column stays at 80 columns too.
        press "Fields$sorted" h h h h h &&
        first=$(selected_id) &&
        press_until "test \"\$(selected_id)\" != \"$first\"" j &&
        wait_colours "<1><94>target<[0-9;]*2><94>(<49>)?=(<[0-9;]*>)*<33>(<49>)?tokio::t"
    '

    test_expect_success "$mode: and the selected row keeps them too" '
        wait_selected_colours "<94>(<49>)?=(<[0-9;]*>)*<33>(<49>)?tokio::t"
    '

    test_expect_success "$mode: PUB is green and INT red" '
        press "^Resources \([0-9]+\)" r &&
        wait_colours "<32>$pub" &&
        wait_colours "<31>$int"
    '

    test_expect_success "$mode: the selected resource keeps its visibility's colour" '
        wait_selected_colours "<3[12]>($pub|$int)"
    '

    test_expect_success "$mode: in the resource table an attribute's unit is light blue" '
        first=$(selected_id) &&
        press_until "test \"\$(selected_id)\" != \"$first\"" j &&
        wait_colours "<33>(<49>)?100<94>(<49>)?ms"
    '

    test_expect_success "$mode: attributes: key light blue bold, = dim, value yellow" '
        press "^Resource 1 " G Enter &&
        wait_colours "<1><94>locked<[0-9;]*2><94>(<49>)?=(<[0-9;]*>)*<33>(<49>)?(true|false)"
    '

    test_expect_success "$mode: PAUSED is red" '
        press "PAUSED" Space &&
        wait_colours "<31> *PAUSED" &&
        press_until "! screen | head -1 | grep -q PAUSED" Space
    '

    test_expect_success "$mode: --no-colors: none of these colours" '
        CONSOLE_SIZE=$size start_console $args --no-colors "http://$PEER_ADDR" &&
        wait_screen "Tasks \(4\)" &&
        press "^Resources \([0-9]+\)" r &&
        ! colours | grep -E -q "<[0-9;]*(3[0-7]|9[0-7]|38;5;[0-9]+)[0-9;]*>"
    '
done

test_done
