#!/usr/bin/env bash
# One refresh of the socket table with owning processes, with 10,000 loopback sockets open
# (PAIRS connected pairs, default 5000), next to `ss -tanp` timed in the same run.
# Usage: bench/sockets-refresh.sh [PAIRS] [ROUNDS]
# Closed pairs linger 60 s in TIME_WAIT: a second run within a minute sees them in the table
# too (the first output line gives the table size).
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-5000}
ROUNDS=${2:-30}
need=$((2 * PAIRS + 200))
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt "$need" ]; then
    echo "sockets-refresh: open-file limit is $(ulimit -n), $need needed; raise the hard limit or pass fewer PAIRS" >&2
    exit 1
fi
command -v ss >/dev/null || { echo "sockets-refresh: ss not found; install iproute2" >&2; exit 1; }
jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find native/src monitor/src bench/src -name '*.java' -newer "$jar" | head -1)" ]; then
    mvn -B -q -pl bench -am package -DskipTests
fi
exec java -cp "$jar" org.wiretop.bench.SocketRefreshBench "$PAIRS" "$ROUNDS"
