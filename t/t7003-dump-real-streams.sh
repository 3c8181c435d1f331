#!/bin/sh
# tokio-console dump against the peer replaying the real console-subscriber
# streams of shared/fixtures/real (fast, then quiet): once the stream has
# ended, the tasks and resources as CSV are those in t/t7003.  Completed
# tasks are kept (--retain-for none) so that how long the dump waits
# cannot change what it shows.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE
test_skip_all_unless PEER
require_fixtures real

TC="$TOP/$TOKIO_CONSOLE"
HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
export HOME XDG_CONFIG_HOME

for name in app mutex semaphore long_sleep; do
    test_expect_success "$name: tasks and resources once the stream has ended" "
        start_peer --replay \"\$FIXTURES_DIR/real/$name.updates\" --speed 50 &&
        \"\$TC\" --retain-for none dump --wait 2s --format csv \"http://\$PEER_ADDR\" >out 2>err &&
        \"\$TC\" --retain-for none dump --wait 2s --view resources --format csv \"http://\$PEER_ADDR\" >>out 2>>err &&
        stop_peer &&
        test_cmp \"\$TEST_DIRECTORY/t7003/$name.csv\" out &&
        test ! -s err
    "
done

test_done
