#!/bin/sh
# A key pressed part way through a large update is answered at once: the
# console applies an update in slices and looks at the terminal between
# them.  A million tasks, every one polled each second, through a
# pseudo-terminal (t/helper/key-latency): a frame that answers j or k
# while the header says "updating" was drawn before the update being
# applied was whole.  The only timing is a generous deadline.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
test_skip_all_unless FULL_SPEED

test_expect_success 'setup: a million tasks, each polled every second' '
    cat >million.scn <<-\EOS &&
	interval 1s
	repeat 1000000 task t{i} name=worker-{i%97}
	repeat 1000000 every 1s poll t{i} 200us
	EOS
    start_peer --wait 300 --scenario "$TRASH/million.scn"
'

test_expect_success 'a key is answered part way through an update' '
    private_home &&
    "$TOP/t/helper/key-latency" --ready "Tasks (1,000,000)" --ready-wait 300 --warmup 0 \
        --answer-while updating --deadline 120 --dump -- \
        "$(cd "$TOP" && realpath "$TOKIO_CONSOLE")" "http://$PEER_ADDR" >out 2>&1 ||
    { cat out >&2; false; }
'

test_done
