#!/bin/sh
# The wire client over TLS: verification against our own CA, host names,
# expiry, client certificates, ALPN, and --tls-insecure.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless PEER
test_skip_all_unless OPENSSL

PROBE="$TOP/t/helper/wire-probe"

test_expect_success 'make a CA and certificates' '
    make_test_certs &&
    printf "subjectAltName=DNS:elsewhere.example\n" >other.ext &&
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -days 2 -extfile other.ext -out other.crt 2>/dev/null &&
    { openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -not_before 20200101000000Z -not_after 20200102000000Z \
        -extfile san.ext -out expired.crt 2>/dev/null ||
      openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -days -1 -extfile san.ext -out expired.crt 2>/dev/null; } &&
    test_set_prereq CERTS
'

test_expect_success CERTS 'https with our own CA, by address and by name' '
    start_peer --scenario basic --tls-cert "$TRASH/server.crt" --tls-key "$TRASH/server.key" &&
    "$PROBE" --tls-ca ca.crt --until update --timeout 10 "https://127.0.0.1:$PEER_PORT" >out &&
    grep "^update tasks=8 " out &&
    "$PROBE" --tls-ca ca.crt --until update --timeout 10 "https://localhost:$PEER_PORT" >out &&
    grep "^update tasks=8 " out
'

test_expect_success CERTS 'a certificate the system does not trust' '
    "$PROBE" --until disconnected --timeout 10 "https://127.0.0.1:$PEER_PORT" >out &&
    grep "^disconnected: tls handshake with .127.0.0.1:$PEER_PORT. failed: certificate is not trusted (" out
'

test_expect_success CERTS '--tls-insecure skips verification' '
    "$PROBE" --tls-insecure --until update --timeout 10 "https://127.0.0.1:$PEER_PORT" >out &&
    grep "^update tasks=8 " out
'

test_expect_success CERTS 'plain http to a TLS port fails clearly, never falls back' '
    "$PROBE" --until disconnected --timeout 10 "http://127.0.0.1:$PEER_PORT" >out &&
    grep "^disconnected: " out && ! grep "^update" out
'

test_expect_success CERTS 'wrong host name' '
    start_peer --scenario basic --tls-cert "$TRASH/other.crt" --tls-key "$TRASH/server.key" &&
    "$PROBE" --tls-ca ca.crt --until disconnected --timeout 10 "https://localhost:$PEER_PORT" >out &&
    grep "^disconnected: tls handshake with .localhost:$PEER_PORT. failed: certificate is not valid for this host name$" out
'

test_expect_success CERTS 'expired certificate' '
    start_peer --scenario basic --tls-cert "$TRASH/expired.crt" --tls-key "$TRASH/server.key" &&
    "$PROBE" --tls-ca ca.crt --until disconnected --timeout 10 "https://localhost:$PEER_PORT" >out &&
    grep "^disconnected: tls handshake with .localhost:$PEER_PORT. failed: certificate has expired$" out
'

test_expect_success CERTS 'client certificate required' '
    start_peer --scenario basic --tls-cert "$TRASH/server.crt" --tls-key "$TRASH/server.key" \
        --tls-client-ca "$TRASH/ca.crt" &&
    "$PROBE" --tls-ca ca.crt --tls-cert client.crt --tls-key client.key \
        --until update --timeout 10 "https://localhost:$PEER_PORT" >out &&
    grep "^update tasks=8 " out &&
    "$PROBE" --tls-ca ca.crt --until disconnected --timeout 10 \
        "https://localhost:$PEER_PORT" >out &&
    grep "^disconnected: " out && ! grep "^update" out
'

test_expect_success CERTS 'a missing certificate file is named' '
    "$PROBE" --tls-ca nothing.crt --until disconnected --timeout 10 "https://localhost:1" >out &&
    grep "^disconnected: cannot load tls ca .nothing.crt.: " out
'

test_expect_success CERTS 'certificate files that are not regular files are refused unread' '
    rm -f fifo.crt && mkfifo fifo.crt &&
    timeout 20 "$PROBE" --tls-ca fifo.crt --until disconnected --timeout 10 "https://localhost:1" >out &&
    grep "^disconnected: cannot load tls ca .fifo.crt.: is a FIFO, not a regular file$" out &&
    timeout 20 "$PROBE" --tls-ca ca.crt --tls-cert /dev/zero --tls-key client.key \
        --until disconnected --timeout 10 "https://localhost:1" >out &&
    grep "^disconnected: cannot load tls certificate ./dev/zero.: is a character device, not a regular file$" out
'

test_expect_success CERTS 'a TLS server without ALPN h2' '
    openssl s_server -www -accept 127.0.0.1:0 -cert server.crt -key server.key \
        >s_server.out 2>&1 </dev/null &
    PEER_PIDS="$PEER_PIDS $!" &&
    wait_for "grep -q ^ACCEPT s_server.out" 10 &&
    port=$(sed -n "s/^ACCEPT .*:\([0-9]*\)$/\1/p" s_server.out) &&
    "$PROBE" --tls-ca ca.crt --until disconnected --timeout 10 "https://localhost:$port" >out &&
    grep "^disconnected: .localhost:$port. does not offer HTTP/2 over tls (no alpn .h2.)$" out
'

test_done
