#!/bin/sh
# The peer replays recorded console-subscriber streams message for message.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

require_fixtures real
FIXTURES=$FIXTURES_DIR/real

# Prints the payload length of each frame of a recording.
frame_sizes () {
    perl -e '
        local $/; open my $f, "<:raw", $ARGV[0] or die "cannot open $ARGV[0]\n";
        my $d = <$f>; my $p = 0;
        while ($p < length $d) {
            my $len = unpack "N", substr($d, $p + 8, 4);
            print "$len\n"; $p += 12 + $len;
        }' "$1"
}

for rec in "$FIXTURES"/*.updates; do
    name=$(basename "$rec" .updates)
    test_expect_success "replay of $name sends every recorded update" '
        frame_sizes "$rec" >expect &&
        n=$(wc -l <expect) &&
        test "$n" -gt 0 &&
        start_peer --replay "$rec" --speed 50 &&
        peer_dump --count "$n" >out &&
        test $(grep -c "^update" out) = "$n" &&
        sed -e "s/.* bytes=//" out >actual &&
        test_cmp expect actual &&
        stop_peer
    '
done

test_expect_success 'the first replayed update carries the recorded tasks' '
    start_peer --replay "$FIXTURES/app.updates" --speed 50 &&
    peer_dump --count 1 --list >out &&
    grep "^update 1: new_tasks=[1-9]" out &&
    grep "task [0-9]* task1$" out &&
    stop_peer
'

test_expect_success 'replay keeps the recorded pace' '
    start_peer --replay "$FIXTURES/app.updates" --speed 1 &&
    ! peer_dump --count 4 --timeout 1.5 >out &&
    test $(grep -c "^update" out) = 2 &&
    grep "status DEADLINE_EXCEEDED" out &&
    stop_peer
'

for rec in "$FIXTURES"/*.details-task1; do
    name=$(basename "$rec")
    test_expect_success "replay of $name for task 1" '
        frame_sizes "$rec" >expect &&
        n=$(wc -l <expect) &&
        start_peer --replay "$FIXTURES/${name%%.*}.updates" --replay-details "$rec" --speed 50 &&
        peer_dump --rpc details --task 1 --count "$n" >out &&
        sed -e "s/.* bytes=//" out >actual &&
        test_cmp expect actual &&
        ! peer_dump --rpc details --task 77 >out &&
        grep "status NOT_FOUND: task not found" out &&
        stop_peer
    '
done

test_expect_success 'a missing recording is refused' '
    ! "$TOP/$CONSOLE_PEER" --replay "$TRASH/nonexistent" 2>err &&
    grep "cannot open .*nonexistent" err
'

test_done
