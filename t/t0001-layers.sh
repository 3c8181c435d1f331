#!/bin/sh
# The layers keep to their lines (t/check-layers), and the check sees a
# crossing when there is one.

. "$(dirname "$0")/test-lib.sh"

test_expect_success 'no include crosses a layer' '
    sh "$TOP/t/check-layers"
'

# A copy of the tree's sources with one crossing planted in each layer.
plant () {
    mkdir -p copy && (cd "$TOP" && tar -cf - t/check-layers lib tui bin proto/*.proto) | tar -C copy -xf - &&
    printf "#include \"%s\"\n" "$2" >>"copy/$1"
}

test_expect_success 'the model including the wire is caught' '
    plant lib/model/model.h wire/client.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/model/model.h:.*wire/client.h.* (the model knows nothing" out
'

test_expect_success 'the wire including the model is caught' '
    rm -rf copy && plant lib/wire/client.h model/model.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/wire/client.h:.*model/model.h" out
'

test_expect_success 'the screen including the wire is caught' '
    rm -rf copy && plant tui/ui.h wire/client.h &&
    ! sh copy/t/check-layers >out &&
    grep "tui/ui.h:.*wire/client.h.* (the screen knows nothing of the wire" out
'

test_expect_success 'the glue in lib/program including the screen is caught' '
    rm -rf copy && plant lib/program/launch.cc tui/console.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/program/launch.cc:.*tui/console.h.* (nothing below tui/ includes tui/)" out
'

test_expect_success 'the session core including the program is caught' '
    rm -rf copy && plant lib/session/session.h program/launch.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/session/session.h:.*program/launch.h.* (the session core knows nothing" out
'

test_expect_success 'the screen including the program is caught' '
    rm -rf copy && plant tui/console.cc program/options.h &&
    ! sh copy/t/check-layers >out &&
    grep "tui/console.cc:.*program/options.h.* (the screen knows nothing of the wire or the program" out
'

test_expect_success 'dump including the screen is caught' '
    rm -rf copy && plant lib/program/dump_rows.h tui/list_view.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/program/dump_rows.h:.*tui/list_view.h.* (nothing below tui/ includes tui/)" out
'

test_expect_success 'the presentation layer including the screen is caught' '
    rm -rf copy && plant lib/view/table.h tui/terminal.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/view/table.h:.*tui/terminal.h.* (the presentation layer knows nothing" out
'

test_expect_success 'curses outside its shim is caught' '
    rm -rf copy && plant lib/view/canvas.h ncursesw/curses.h &&
    ! sh copy/t/check-layers >out &&
    grep "lib/view/canvas.h:.*curses is included only in tui/curses.h" out
'

test_done
