#!/bin/sh
# The fuzz targets, built as plain programs (t/fuzz/corpus-main.cc), each
# over its seed corpus and what past runs of `make fuzz` kept: every input
# goes through without a crash or a target's own check failing, and the
# targets keep building as the code they reach changes.

. "$(dirname "$0")/test-lib.sh"

# corpus NAME DIR: runs target NAME over DIR, which must not be empty.
corpus () {
    "$TOP/t/fuzz/$1-corpus" "$TOP/t/fuzz/$2" >out &&
    grep -E "^[1-9][0-9]* inputs$" out
}

test_expect_success 'wire: HTTP/2 frames, gRPC messages and updates' 'corpus wire corpus'
test_expect_success 'config: console.toml and targets files' 'corpus config corpus-config'
test_expect_success 'filter: filter lines over all four lists' 'corpus filter corpus-filter'
test_expect_success 'record: recordings, ours and JSON lines' 'corpus record corpus-record'
test_expect_success 'replay: whole replays with seeks' 'corpus replay corpus-replay'
test_expect_success 'hdr: HdrHistogram bytes' 'corpus hdr corpus-hdr'

test_expect_success 'a corpus that cannot be read fails the run, with the reason' '
    ! "$TOP/t/fuzz/hdr-corpus" "$TOP/t/fuzz/no-such-corpus" 2>err &&
    grep "cannot read" err
'

test_done
