#!/bin/sh
# NO_COLOR=1 in the environment and --no-colors: not one colour on any
# screen (tasks, a task, the help, resources, a resource), at 80x24 and at
# 200x50.  Bold, dim, underline and reverse video stay: the selected row
# is in reverse video, without its cells' colours.  tmux's own resets to
# the default colours (39, 49) are not colours.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

ESC=$(printf '\033')
# Fails when an SGR parameter of the lines on stdin sets a colour (30-38,
# 40-48, 90-97, 100-107).
colourless () {
    ! grep -o "$ESC\\[[0-9;]*m" | sed "s/^$ESC\\[//; s/m\$//" | tr ';' '\n' |
        grep -E -q "^(3[0-8]|4[0-8]|9[0-7]|10[0-7])\$"
}
no_colours () {
    tmux_ capture-pane -p -e -t console | colourless
}
has_colours () {
    ! no_colours
}
# The selected row with its SGR sequences: the first in reverse video.
selected_line () {
    tmux_ capture-pane -p -e -t console | grep -E "$ESC\\[([0-9]+;)*7m" | head -1
}
# The selected row is in reverse video and has no colour.
selected_plain () {
    sp_line_=$(selected_line) && test -n "$sp_line_" && printf '%s\n' "$sp_line_" | colourless
}
# The selected row is in reverse video and has a colour.
selected_coloured () {
    sc_line_=$(selected_line) && test -n "$sc_line_" && ! printf '%s\n' "$sc_line_" | colourless
}
# walk CHECK [ROW-CHECK]: walks the views, checking each with CHECK once
# it is drawn, and the selected row of the lists with ROW-CHECK.
walk () {
    wait_screen "Tasks \(4\)" && $1 && ${2:-true} &&
    press "Fields(▿|v)" h h h h h && $1 && ${2:-true} &&
    press "^Task [0-9]+ " Enter && wait_screen "p99" && $1 &&
    press "pause or resume" ? && $1 &&
    press "^Resources \(6\)" Escape r && $1 && ${2:-true} &&
    press "^Resource 1 " G Enter && wait_screen "locked=" && $1
}

case "$TOKIO_CONSOLE" in
/*) real_console=$TOKIO_CONSOLE ;;
*) real_console=$TOP/$TOKIO_CONSOLE ;;
esac
printf '#!/bin/sh\nNO_COLOR=1 exec %s "$@"\n' "$real_console" >"$TRASH/no-color-console" &&
chmod +x "$TRASH/no-color-console"

test_expect_success 'setup: the peer' '
    start_peer --scenario resources --retain 3600
'

test_expect_success 'with colours, every view has some (the check can fail)' '
    CONSOLE_SIZE=80x24 start_console --retain-for none "http://$PEER_ADDR" &&
    walk "wait_for has_colours 5" "wait_for selected_coloured 5"
'

for size in 80x24 200x50; do
    for charset in utf8 ascii; do
        if test "$charset" = ascii; then args="--ascii-only true"; else args=; fi

        test_expect_success "$size $charset: NO_COLOR=1: no colour on any view" '
            TOKIO_CONSOLE=$TRASH/no-color-console CONSOLE_SIZE=$size \
                start_console $args --retain-for none "http://$PEER_ADDR" &&
            walk no_colours "wait_for selected_plain 5"
        '

        test_expect_success "$size $charset: --no-colors: no colour on any view" '
            CONSOLE_SIZE=$size start_console $args --no-colors --retain-for none "http://$PEER_ADDR" &&
            walk no_colours "wait_for selected_plain 5"
        '
    done
done

test_expect_success 'an empty NO_COLOR does not count, as no-color.org says' '
    printf "#!/bin/sh\nNO_COLOR= exec %s \"\$@\"\n" "$real_console" >"$TRASH/empty-no-color" &&
    chmod +x "$TRASH/empty-no-color" &&
    TOKIO_CONSOLE=$TRASH/empty-no-color CONSOLE_SIZE=80x24 start_console --retain-for none "http://$PEER_ADDR" &&
    wait_screen "Tasks \(4\)" &&
    wait_for has_colours 5
'

test_done
