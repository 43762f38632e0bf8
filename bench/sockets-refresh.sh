#!/usr/bin/env bash
# One refresh of the socket table with owning processes, with 10,000 loopback sockets open
# (PAIRS connected pairs, default 5000), next to `ss -tanp` timed in the same run.
# Usage: bench/sockets-refresh.sh [PAIRS] [ROUNDS]
# As root it runs in a network namespace of its own (unshare -n, loopback only), so the table
# holds exactly the benchmark's sockets, not other programs' or an earlier run's TIME_WAITs;
# otherwise in the current one (the first output line gives the table size).
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
run=(java -cp "$jar" org.wiretop.bench.SocketRefreshBench "$PAIRS" "$ROUNDS")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    echo "network namespace: own (unshare -n, lo only)"
    exec unshare -n bash -c 'ip link set lo up && exec "$@"' bench "${run[@]}"
fi
echo "network namespace: the current one (not root, or unshare refused)"
exec "${run[@]}"
