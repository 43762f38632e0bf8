#!/usr/bin/env bash
# Echo benchmark: wiretop's echo server against socat's "TCP-LISTEN,fork EXEC:cat", both on
# 127.0.0.1, measured in the same run by the same client (org.wiretop.bench.EchoLoad):
# round trips/s of 64-byte messages over 1 and 100 connections, and bulk MiB/s over one.
# Usage: bench/echo-bench.sh [SECONDS_PER_TEST]   (env WT_PORT, SOCAT_PORT to change ports)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-5}"
wt_port="${WT_PORT:-23451}"
socat_port="${SOCAT_PORT:-23452}"

command -v socat >/dev/null 2>&1 || { echo "echo-bench: socat is missing (Debian: sudo apt-get install -y socat)" >&2; exit 1; }
if [ ! -f bench/target/benchmarks.jar ] || [ ! -f tui/target/wiretop.jar ] \
   || [ -n "$(find monitor/src tui/src bench/src -newer bench/target/benchmarks.jar -name '*.java' -print -quit)" ]; then
  echo "echo-bench: building..." >&2
  mvn -B -q -o package -DskipTests -pl tui,bench -am >&2
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

java ${WIRETOP_JAVA_OPTS:--XX:+UseParallelGC} -jar tui/target/wiretop.jar serve echo --port "$wt_port" --quiet >/dev/null &
pids+=($!)
# its children report resets when the client closes at the end of a test: not our concern here
socat "TCP-LISTEN:$socat_port,bind=127.0.0.1,fork,reuseaddr" EXEC:cat 2>/dev/null &
pids+=($!)

# Wait (bounded) until both listen.
for port in "$wt_port" "$socat_port"; do
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
  done
done

echo "echo-bench: $(nproc) cores, ${seconds}s per test; socat $(socat -V 2>/dev/null | sed -n 's/^socat version \([^ ]*\).*/\1/p'), $(java -version 2>&1 | head -1)"
java -cp bench/target/benchmarks.jar org.wiretop.bench.EchoLoad --seconds "$seconds" \
  "wiretop=127.0.0.1:$wt_port" "socat=127.0.0.1:$socat_port"
