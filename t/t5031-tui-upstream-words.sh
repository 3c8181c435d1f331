#!/bin/sh
# Words and numbers as upstream shows them: the warnings in upstream's
# wording (checked word for word against the list below), durations in
# sentences as the tables write them, the largest bucket's count on the
# mini histogram, ">> " on the selected row in ASCII.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

# Upstream's summaries (one task each: "1 task has", where upstream says
# "tasks have" for any count) and upstream's sentences, name by name.
SUMMARIES='1 task has woken itself over 50% of the time
1 task has lost its waker
1 task has never yielded \(threshold 1000ms\)
1 task has been boxed by the runtime due to its size
1 task is 1024 bytes or larger'
SENTENCES='auto-boxed|This task.s future was auto-boxed by the runtime when spawning, due to its size \(originally 20480 bytes, boxed size 16 bytes\)
large-future|This task occupies a large amount of stack space \(4096 bytes\)
lost-waker|This task has lost its waker, and will never be woken again\.
never-yields|This task has never yielded \([0-9]+\.[0-9][0-9]s\)
yield-loop|This task has woken itself for more than 50% of its total wakeups \([0-9]+%\)'
# Task names sorted by name, ascending: the row to open for each.
ORDER='auto-boxed healthy large-future lost-waker never-yields yield-loop'

# selected NAME: the selected row is NAME's.
selected () {
    selected_row | grep -q " $1 "
}
# open_task NAME: from the task list sorted by name, opens NAME's view:
# unless NAME is selected already, from the top (g g) down with j, a
# row at a time.
open_task () {
    if ! selected "$1"; then
        if ! selected auto-boxed; then
            press_until "selected auto-boxed" g g || return 1
        fi
        for ot_name_ in $ORDER; do
            test "$ot_name_" = auto-boxed && continue
            press_until "selected $ot_name_" j || return 1
            test "$ot_name_" = "$1" && break
        done
    fi
    press "^Task [0-9]+ \\($1\\)" Enter
}

test_expect_success 'setup: the peer with one task for each lint' '
    start_peer --scenario lints --retain 3600
'

for mode in "80x24 utf8" "200x50 utf8" "80x24 ascii" "200x50 ascii"; do
    size=${mode% *} charset=${mode#* }
    if test "$charset" = ascii; then args="--ascii-only true"; else args=; fi

    test_expect_success "$mode: the warnings list in upstream's words" '
        CONSOLE_SIZE=$size start_console $args "http://$PEER_ADDR" &&
        wait_screen "Tasks \(6\)" &&
        echo "$SUMMARIES" | while read -r line; do
            wait_screen "$line" 5 || exit 1
        done
    '

    test_expect_success "$mode: sorted by name, selected row marked" '
        press "Name(▵|\\^)" h i &&
        # The selection stays on its task (not the first row) when sorted.
        press_until "selected auto-boxed" g g &&
        if test "$charset" = ascii; then
            wait_screen "^>> .*auto-boxed"
        else
            wait_for "! screen | grep -q \"^>> \""
        fi
    '

    if test "$size" = 200x50; then
        test_expect_success "$mode: each task's warning in upstream's words" '
            echo "$SENTENCES" | while IFS="|" read -r name sentence; do
                open_task "$name" &&
                wait_screen "$sentence" 5 &&
                press "^Tasks \(6\)" Escape || exit 1
            done
        '
    fi

    test_expect_success "$mode: the poll times chart shows its largest bucket count" '
        open_task yield-loop &&
        wait_screen "[╭+]Poll Times" &&
        wait_screen "p10 +[0-9][^ ]* +[1-9][0-9]*" &&
        press "^Tasks \(6\)" Escape
    '
done

test_done
