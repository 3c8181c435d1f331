# Sourced by the test library, the demo and the benches: starting the
# test peer and waiting until it listens, in one place.
#
# run_peer PEER DIR SECONDS [ARGS]: starts the test peer PEER in the
# background with ARGS, on a free loopback port unless ARGS say otherwise;
# its port file and log go in DIR.  Waits at most SECONDS for it to
# listen.  Sets PEER_PID, PEER_PORT and PEER_LOG; when the peer dies or
# does not listen in time, prints its log on stderr and returns 1.
run_peer () {
    rp_bin_=$1 rp_dir_=$2 rp_wait_=$3
    shift 3
    PEER_LOG=$rp_dir_/peer.log
    rm -f "$rp_dir_/port"
    "$rp_bin_" --port-file "$rp_dir_/port" "$@" >"$PEER_LOG" 2>&1 &
    PEER_PID=$!
    rp_end_=$(( $(date +%s) + rp_wait_ ))
    until test -s "$rp_dir_/port"; do
        if ! kill -0 "$PEER_PID" 2>/dev/null || test "$(date +%s)" -gt "$rp_end_"; then
            echo "the test peer did not start:" >&2
            cat "$PEER_LOG" >&2
            return 1
        fi
        sleep 0.05
    done
    PEER_PORT=$(cat "$rp_dir_/port")
    return 0
}

# run_peers PEER DIR N SCENARIO: N test peers, each running the scenario
# file SCENARIO, their port files and logs under DIR/N-i.  Appends their
# targets as appI=http://127.0.0.1:PORT to PEERS_LIST (cleared first) and
# their pids to PEERS_PIDS; returns 1 when one does not start.
run_peers () {
    rps_bin_=$1 rps_dir_=$2 rps_n_=$3 rps_scn_=$4
    PEERS_LIST=
    rps_i_=0
    while test $rps_i_ -lt "$rps_n_"; do
        mkdir -p "$rps_dir_/$rps_n_-$rps_i_"
        run_peer "$rps_bin_" "$rps_dir_/$rps_n_-$rps_i_" 60 --scenario "$rps_scn_" || return 1
        PEERS_PIDS="$PEERS_PIDS $PEER_PID"
        PEERS_LIST="$PEERS_LIST app$rps_i_=http://127.0.0.1:$PEER_PORT"
        rps_i_=$((rps_i_ + 1))
    done
}
