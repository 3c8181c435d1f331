#!/bin/sh
# clap's convention, as upstream: -h prints the short help (one line an
# option), --help the long one; the version is written in one place.

. "$(dirname "$0")/test-lib.sh"
TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")

test_expect_success '-h: one line for each option, its first sentence' '
    "$TC" -h >short &&
    grep -q "^Usage: tokio-console \[OPTIONS\] \[TARGET_ADDR\]\.\.\. \[COMMAND\]" short &&
    grep -E -q "^  -h, --help +Print help \(see more with .--help.\)$" short &&
    grep -E -q "^  -W, --warn <LINTS>\.\.\. +Lints to check tasks against, separated by commas or given several times: .*\[default: " short &&
    grep -E -q "^      --log <FILTER> +.*\[env: RUST_LOG\] \[default: off\]$" short &&
    ! grep -q "^          " short
'

test_expect_success '--help: the long help, each option with its paragraph' '
    "$TC" --help >long &&
    grep -E -q "^  -W, --warn <LINTS>\.\.\.$" long &&
    grep -q "^          Lints to check tasks against" long &&
    test $(wc -l <long) -gt $(wc -l <short)
'

test_expect_success 'a command'"'"'s help is the same with -h' '
    "$TC" -h gen-config >gc &&
    grep -q "^Usage: tokio-console \[OPTIONS\] gen-config" gc
'

test_expect_success 'the version comes from the Makefile' '
    v=$(sed -n "s/^VERSION = //p" "$TOP/Makefile") &&
    test -n "$v" &&
    test "$("$TC" --version)" = "tokio-console $v" &&
    grep -q "m4_esyscmd_s(\[sed -n .s/^VERSION = //p. Makefile\])" "$TOP/configure.ac" &&
    ! grep -E -q "AC_INIT\(\[tokio-console\], \[[0-9]" "$TOP/configure.ac"
'

test_done
