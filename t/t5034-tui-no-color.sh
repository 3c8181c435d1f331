#!/bin/sh
# NO_COLOR=1 in the environment and --no-colors: not one colour on any
# screen (tasks, a task, the help, resources, a resource), at 80x24 and at
# 200x50.  Bold, dim, underline and reverse video stay; tmux's own resets
# to the default colours (39, 49) are not colours.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

ESC=$(printf '\033')
# The SGR parameters on screen, one a line.
sgr_params () {
    tmux_ capture-pane -p -e -t console | grep -o "$ESC\\[[0-9;]*m" | sed "s/^$ESC\\[//; s/m\$//" | tr ';' '\n'
}
# Fails when any parameter sets a colour (30-38, 40-48, 90-97, 100-107).
no_colours () {
    ! sgr_params | grep -E -q "^(3[0-8]|4[0-8]|9[0-7]|10[0-7])\$"
}
# Walks the views, checking each with $1 once it is drawn.
walk () {
    wait_screen "Tasks \(4\)" && $1 &&
    press "Fields(▿|v)" h h h h h && $1 &&
    press "^Task [0-9]+ " Enter && wait_screen "p99" && $1 &&
    press "pause or resume" ? && $1 &&
    press_until "! screen | grep -q \"pause or resume\"" Escape &&
    press "^Resources \(6\)" r && $1 &&
    press "^Resource 1 " G Enter && wait_screen "locked=" && $1
}
has_colours () {
    ! no_colours
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
    walk "wait_for has_colours 5"
'

for size in 80x24 200x50; do
    for charset in utf8 ascii; do
        if test "$charset" = ascii; then args="--ascii-only true"; else args=; fi

        test_expect_success "$size $charset: NO_COLOR=1: no colour on any view" '
            TOKIO_CONSOLE=$TRASH/no-color-console CONSOLE_SIZE=$size \
                start_console $args --retain-for none "http://$PEER_ADDR" &&
            walk "wait_for no_colours 5"
        '

        test_expect_success "$size $charset: --no-colors: no colour on any view" '
            CONSOLE_SIZE=$size start_console $args --no-colors --retain-for none "http://$PEER_ADDR" &&
            walk "wait_for no_colours 5"
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
