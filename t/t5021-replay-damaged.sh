#!/bin/sh
# Replay of what is not a clean recording: a file cut short plays up to
# its last good block and says where it ends; a damaged block is named by
# its offset and skipped; a file of another kind is refused in one line.
# And the details view: the recorded details of the task that was watched,
# a note for one that was not.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

REC="$TRASH/session.tcr"
CONSOLE_SIZE=200x40

# exits_with STATUS COMMAND...: runs it and checks its exit status.
exits_with () {
    ew_want_=$1
    shift
    "$@"
    test $? = "$ew_want_"
}

# The console run from the top of the tree, as start_console runs it.
console () {
    (cd "$TOP" && "$TOKIO_CONSOLE" "$@")
}

# corrupt FILE: flips bytes in the middle of the first block's zstd frame
# (after the header frame and the block's own 40-byte header).
corrupt () {
    perl -e '
        open(my $f, "+<", $ARGV[0]) or die; binmode $f;
        read($f, my $h, 8); my ($m, $hs) = unpack("VV", $h);
        my $block = 8 + $hs;
        seek($f, $block + 8 + 16, 0); read($f, my $z, 4);
        my $at = $block + 40 + int(unpack("V", $z) / 2);
        seek($f, $at, 0); print $f "\xde\xad\xbe\xef"; close $f;
        print "$block\n";
    ' "$1"
}

test_expect_success 'setup: a recorded session with a task watched in its details view' '
    start_peer --scenario basic &&
    start_console --record "$REC" "http://$PEER_ADDR" &&
    wait_screen "listener" &&
    press "Poll Times" Enter &&
    # A few blocks written (one a second).
    wait_for "test \$(wc -c <\"$REC\") -gt 6000" 20 &&
    press "^Warn +ID" Escape &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_expect_success 'the watched task shows its recorded details; another says it has none' '
    start_console replay "$REC" &&
    wait_screen "^replay: PLAYING" &&
    press "^replay: END" "\$" &&
    press "Poll Times" Enter &&
    wait_for "! screen | grep -q \"no details recorded\"" &&
    press "^Warn +ID" Escape &&
    was=$(selected_id) &&
    test -n "$was" &&
    press_until "test \"\$(selected_id)\" != $was" j &&
    press "^no details recorded for this task: it was not watched while recording" Enter &&
    send_keys q &&
    wait_console_exit
'

test_expect_success 'a file cut short plays up to its end and says where that is' '
    size=$(wc -c <"$REC") &&
    head -c $((size - 30)) "$REC" >cut.tcr &&
    start_console replay "$TRASH/cut.tcr" &&
    wait_screen "^.*cut.tcr.: offset [0-9]+: .*; it plays up to [0-9.]+m?s" &&
    press "^replay: END" "\$" &&
    wait_screen "listener" &&
    send_keys q &&
    wait_console_exit
'

test_expect_success 'a damaged block is named by its offset and skipped' '
    cp "$REC" bad.tcr &&
    offset=$(corrupt bad.tcr) &&
    start_console replay "$TRASH/bad.tcr" &&
    wait_screen "^replay: PLAYING" &&
    press "^replay: END" "\$" &&
    wait_screen "bad.tcr.: offset $offset: damaged block" &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_expect_success 'a file of another kind is refused in one line' '
    printf "GIF89a\001\000\001\000" >pic.gif &&
    exits_with 1 console replay "$TRASH/pic.gif" 2>err &&
    test $(wc -l <err) = 1 &&
    grep -q "^error: .*pic.gif. is not a recording" err
'

test_expect_success 'a missing file and an empty one are refused' '
    exits_with 1 console replay "$TRASH/nothing.tcr" 2>err &&
    grep -q "cannot open .*nothing.tcr." err &&
    : >empty.tcr &&
    exits_with 1 console replay "$TRASH/empty.tcr" 2>err &&
    grep -q ".empty.tcr. is empty" err
'

test_expect_success 'replay wants one file, and --start only goes with it' '
    exits_with 2 console replay 2>err &&
    grep -q "^error: .replay. needs a recording" err &&
    exits_with 2 console replay a b 2>err &&
    grep -q "^error: unexpected argument .b. after .replay." err &&
    exits_with 2 console --start 1m 2>err &&
    grep -q "^error: option .--start. only applies to .replay." err &&
    exits_with 2 console --record x replay "$REC" 2>err &&
    grep -q "^error: options .--record. and .replay. cannot be used together" err
'

test_expect_success 'a full disk stops the recording with a line on the header; the session goes on' '
    test -w /dev/full &&
    start_console --record /dev/full "http://$PEER_ADDR" &&
    wait_screen "^recording stopped: disk full after 0 (B|bytes)" &&
    wait_screen "listener" &&
    was=$(selected_id) &&
    test -n "$was" &&
    press_until "test \"\$(selected_id)\" != $was" j &&
    send_keys q &&
    wait_console_exit &&
    test "$CONSOLE_STATUS" = 0
'

test_done
