# Sourced by the exporter tests after test-lib.sh: a free port, starting
# and stopping `tokio-console exporter`, reading one sample from /metrics,
# and Prometheus.  What is started here is stopped with the peers on exit.

TC="$TOP/$TOKIO_CONSOLE"
command -v curl >/dev/null 2>&1 && test_set_prereq CURL
command -v promtool >/dev/null 2>&1 && test_set_prereq PROMTOOL
command -v prometheus >/dev/null 2>&1 && test_set_prereq PROMETHEUS

# free_port: a loopback port nothing listens on now.
free_port () {
    perl -MIO::Socket::INET -e \
        '$s = IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0") or die; print $s->sockport, "\n"'
}

# start_exporter ARGS: the exporter on a free port with ARGS; waits until
# it answers /-/healthy.  Sets EXP_PID, EXP_PORT and EXP_URL.
start_exporter () {
    EXP_PORT=$(free_port) || return 1
    "$TC" exporter --listen "127.0.0.1:$EXP_PORT" "$@" >"$TRASH/exporter.out" 2>&1 &
    EXP_PID=$!
    PEER_PIDS="$PEER_PIDS $EXP_PID"
    EXP_URL="http://127.0.0.1:$EXP_PORT"
    wait_for 'curl -sf "$EXP_URL/-/healthy" >/dev/null || ! kill -0 $EXP_PID 2>/dev/null' 10 &&
    kill -0 $EXP_PID 2>/dev/null || { cat "$TRASH/exporter.out" >&2; return 1; }
}

stop_exporter () {
    kill "$EXP_PID" 2>/dev/null
    wait "$EXP_PID" 2>/dev/null
    return 0
}

# sample SERIES: the value of the sample SERIES (name and labels exactly
# as the text format writes them) in a scrape now; empty when absent.
sample () {
    curl -sf "$EXP_URL/metrics" | awk -v s="$1" 'index($0, s " ") == 1 { print $2 }'
}

# sum_of NAME: the sum of every sample of NAME (with any labels).
sum_of () {
    curl -sf "$EXP_URL/metrics" |
        awk -v n="$1" '$1 == n || index($1, n "{") == 1 { t += $2 } END { printf "%.9g\n", t }'
}

# start_prometheus: Prometheus on a free port, scraping the exporter every
# second, its data in the scratch directory; waits until its API answers.
# Sets PROM_URL.
start_prometheus () {
    PROM_PORT=$(free_port) || return 1
    PROM_URL=http://127.0.0.1:$PROM_PORT
    printf '%s\n' "global:" "  scrape_interval: 1s" "  evaluation_interval: 1s" "scrape_configs:" \
        "  - job_name: tokio-console" "    static_configs:" "      - targets: ['127.0.0.1:$EXP_PORT']" \
        >"$TRASH/prometheus.yml"
    prometheus --config.file="$TRASH/prometheus.yml" --storage.tsdb.path="$TRASH/tsdb" \
        --web.listen-address="127.0.0.1:$PROM_PORT" >"$TRASH/prometheus.log" 2>&1 &
    PROM_PID=$!
    PEER_PIDS="$PEER_PIDS $PROM_PID"
    wait_for 'curl -sf "$PROM_URL/-/ready" >/dev/null || ! kill -0 $PROM_PID 2>/dev/null' 60 &&
    kill -0 $PROM_PID 2>/dev/null || { tail -20 "$TRASH/prometheus.log" >&2; return 1; }
}

# query PROMQL: the first result's value from Prometheus's API, empty
# when there is none.
query () {
    curl -sf --get --data-urlencode "query=$1" "$PROM_URL/api/v1/query" |
        perl -ne 'print "$1\n" if /"value":\[[0-9.]+,"([^"]+)"\]/'
}
