#!/bin/sh
# The test peer over TLS (with and without client certificates) and over
# Unix sockets.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER

test_expect_success 'unix socket' '
    start_peer --scenario basic --listen "unix:$TRASH/peer.sock" &&
    test "$PEER_ADDR" = "unix:$TRASH/peer.sock" &&
    test -S "$TRASH/peer.sock" &&
    peer_dump --count 1 >out &&
    grep "^update 1: new_tasks=8 " out
'

test_expect_success OPENSSL 'make a CA and certificates' '
    make_test_certs &&
    test_set_prereq CERTS
'

test_expect_success CERTS 'TLS server' '
    start_peer --scenario basic --tls-cert "$TRASH/server.crt" --tls-key "$TRASH/server.key" &&
    peer_dump --tls-ca "$TRASH/ca.crt" --count 1 >out &&
    grep "^update 1: new_tasks=8 " out &&
    ! peer_dump --count 1 --timeout 2 >out &&
    grep "^status UNAVAILABLE" out
'

test_expect_success CERTS 'TLS server that requires a client certificate' '
    start_peer --scenario basic --tls-cert "$TRASH/server.crt" --tls-key "$TRASH/server.key" \
        --tls-client-ca "$TRASH/ca.crt" &&
    peer_dump --tls-ca "$TRASH/ca.crt" --tls-cert "$TRASH/client.crt" \
        --tls-key "$TRASH/client.key" --count 1 >out &&
    grep "^update 1: new_tasks=8 " out &&
    ! peer_dump --tls-ca "$TRASH/ca.crt" --count 1 --timeout 2 >out &&
    grep "^status UNAVAILABLE" out
'

test_expect_success FULL_SPEED 'a 100 MB update' '
    cat >big.scn <<-\EOS &&
	task big name="n"*1000 field.blob=s:"0123456789"*10000000
	EOS
    start_peer --wait 120 --scenario "$TRASH/big.scn" &&
    peer_dump --count 1 --timeout 60 >out &&
    grep "^update 1: new_tasks=1 .* bytes=1000[0-9][0-9][0-9][0-9][0-9]$" out
'

test_done
