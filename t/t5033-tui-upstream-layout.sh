#!/bin/sh
# The layout at 80x24 as at 200x50, in UTF-8 and in ASCII: table titles
# whole and the sort marker on whatever column is sorted (columns drop by
# priority instead), the controls wrap onto a second line, the task view
# shows all seven percentiles, both histograms, the whole location and
# when the task was last woken, and the details and the help are framed.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# The table's title row: the line that has both $1 and $2.
header () {
    screen | grep -E "$1" | grep -E "$2" | head -1
}
# No title in the header line $1 is cut (no ellipsis, "~" in ASCII).
whole_titles () {
    test -n "$1" && ! printf '%s\n' "$1" | grep -q "[…~]"
}

# The title $1 in the header line "ID State ... Polls" carries the marker.
marked () {
    header "ID[^ ]* +State" Polls | grep -E -q "(^| )$1$marker( |\$)"
}
# l moves the sort through all twelve columns, from Total round to it
# again; the marker stays in sight, on each in turn.
marker_follows () {
    for column in Busy Sched Idle Polls Kind Location Fields Warn ID State Name Total; do
        press_until "marked $column" l &&
        wait_for "whole_titles \"\$(header \"ID[^ ]* +State\" Polls)\"" 5 || return 1
    done
}

# Each of the seven percentiles twice: poll times and scheduled times.
seven_percentiles () {
    for p in p10 p25 p50 p75 p90 p95 p99; do
        test "$(screen | grep -o " $p  *[0-9]" | wc -l)" -eq 2 || return 1
    done
}

test_expect_success 'setup: the peer' '
    start_peer --scenario resources --retain 3600
'

for mode in "80x24 utf8" "200x50 utf8" "80x24 ascii" "200x50 ascii"; do
    size=${mode% *} charset=${mode#* }
    if test "$charset" = ascii; then
        args="--ascii-only true" corner="\\+" across="-" down="\\|" marker="(\\^|v)" bar="#"
    else
        args= corner="╭" across="─" down="│" marker="(▵|▿)" bar="█"
    fi

    test_expect_success "$mode: task titles whole, the sort marker on Total" '
        CONSOLE_SIZE=$size start_console $args --retain-for none "http://$PEER_ADDR" &&
        wait_screen "Tasks \(4\)" &&
        wait_screen "ID +State +Name +Total$marker +Busy +Sched +Idle +Polls" &&
        whole_titles "$(header "ID[^ ]* +State" Polls)" &&
        if test "$size" = 200x50; then
            wait_screen "Warn +ID +State +Name +Total$marker +Busy +Sched +Idle +Polls +Kind +Location +Fields"
        fi
    '

    test_expect_success "$mode: the marker follows the sort to every column, none cut" '
        marker_follows
    '

    test_expect_success "$mode: the controls wrap, q = quit shows" '
        wait_screen "q = quit" &&
        if test "$size" = 80x24; then
            screen | sed -n 3p | grep -q "^controls: .*enter = details,\$" &&
            screen | sed -n 4p | grep -E -q "^ {10}/ = filter, .*q = quit"
        else
            screen | sed -n 3p | grep -q "^controls: .*enter = details, / = filter.*q = quit"
        fi
    '

    test_expect_success "$mode: the help is framed" '
        press "${corner}Keys$across$across$across" ? &&
        wait_screen "$down  q, Ctrl-C, Ctrl-D +quit +$down" &&
        press_until "! screen | grep -q \"pause or resume\"" Escape
    '

    test_expect_success "$mode: task details: seven percentiles, two histograms, framed" '
        # By ID, highest first: the last row is task 1.
        press "^Task 1 \(producer\)" h h h G Enter &&
        wait_screen "${corner}Task${across}" &&
        wait_screen "${corner}Waker${across}" &&
        wait_screen "${corner}Poll Times${across}" &&
        wait_screen "${corner}Scheduled Times${across}" &&
        wait_screen "${corner}Fields${across}" &&
        wait_for seven_percentiles 10 &&
        wait_for "test \$(screen | grep -c \"$bar\") -ge 2" 5 &&
        wait_screen "Location: src/pipeline.rs:20:5 *$down" &&
        wait_screen "[Ll]ast woken:? [0-9.]+[a-zµ]+ ago *$down" &&
        press "^Tasks \(4\)" Escape
    '

    test_expect_success "$mode: resource titles whole; its details framed" '
        press "^Resources \(6\)" r &&
        wait_screen "ID$marker +Parent +Kind +Total +Target +Type +Vis +" &&
        wait_for "whole_titles \"\$(header ID \"Parent +Kind\")\"" 5 &&
        press "^Resource 1 \(Mutex\)" G Enter &&
        wait_screen "${corner}Resource${across}" &&
        wait_screen "${corner}Attributes${across}" &&
        wait_screen "${down}locked=(true|false)" &&
        wait_screen "ID$marker +Parent +Task +Source +Total +Busy +Idle +Polls" &&
        wait_for "whole_titles \"\$(header ID \"Parent +Task\")\"" 5
    '
done

test_done
