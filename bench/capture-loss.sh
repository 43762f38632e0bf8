#!/usr/bin/env bash
# Live capture loss on lo at the generator's full rate, in ONE run, for
#   tcpdump -B 32768 -w /dev/null              (the reference)
#   wiretop's live source writing a pcap file  (org.wiretop.capture.CaptureLossProbe)
# then file reading throughput on a 1 M-packet mkpcap file: our own pcap reader against
# libpcap through pcap4j (and `tcpdump -r` for scale).
# Usage: sudo bench/capture-loss.sh [PACKETS=1000000] [SIZE=64] [ROUNDS=3]
# Traffic goes only to 127.0.0.1 (gen.c), bounded by count and by 20 s a round.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SIZE=${2:-64}
ROUNDS=${3:-3}
PORT=${PORT:-19999}
SHARED=${WIRETOP_SHARED:-../shared}
OUT=bench/out
[ "$(id -u)" = 0 ] || { echo "capture-loss: live capture needs root: run it with sudo" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "capture-loss: tcpdump not found: apt-get install tcpdump" >&2; exit 1; }
[ -f "$SHARED/tools/bench/gen.c" ] || { echo "capture-loss: $SHARED/tools/bench/gen.c not found (set WIRETOP_SHARED)" >&2; exit 1; }
mkdir -p "$OUT"
gcc -O2 -o "$OUT/gen" "$SHARED/tools/bench/gen.c"
gcc -O2 -o "$OUT/mkpcap" "$SHARED/tools/bench/mkpcap.c"
jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find native/src capture/src monitor/src bench/src -name '*.java' -newer "$jar" | head -1)" ]; then
    mvn -B -q -pl bench -am package -DskipTests
fi
java_probe() { java -XX:+UseParallelGC -cp "$jar" org.wiretop.capture.CaptureLossProbe "$@" 2> >(grep -v '^SLF4J' >&2); }

wait_for() { # FILE PATTERN: up to 10 s
    for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "capture-loss: timed out waiting for '$2' in $1" >&2; return 1
}

round_tcpdump() {
    : > "$OUT/tcpdump.err"
    tcpdump -i lo -B 32768 -w /dev/null "udp port $PORT" 2> "$OUT/tcpdump.err" &
    local pid=$!
    wait_for "$OUT/tcpdump.err" "listening on"
    local rate; rate=$("$OUT/gen" udp "$N" "$SIZE" 0 20 "$PORT" | sed -n 's/.*pps=\([0-9]*\).*/\1/p')
    sleep 1  # let it drain what the kernel holds
    kill -TERM "$pid"; wait "$pid" || true
    local got drop
    got=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$OUT/tcpdump.err")
    drop=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$OUT/tcpdump.err")
    printf '  tcpdump -B 32768 -w /dev/null    gen %7s pps  captured %8s of %s  loss %7s %%  kernel drops %s\n' \
        "$rate" "$got" "$N" "$(awk -v g="$got" -v n="$N" 'BEGIN{printf "%.3f", 100*(n-g)/n}')" "$drop"
}

round_wiretop() {
    : > "$OUT/probe.out"
    java_probe live lo "udp port $PORT" "$OUT/live.pcap" "$N" 1000 60 > "$OUT/probe.out" &
    local pid=$!
    wait_for "$OUT/probe.out" "ready"
    local rate; rate=$("$OUT/gen" udp "$N" "$SIZE" 0 20 "$PORT" | sed -n 's/.*pps=\([0-9]*\).*/\1/p')
    wait "$pid"
    local line got drop
    line=$(grep '^captured' "$OUT/probe.out")
    got=$(echo "$line" | awk '{print $2}')
    drop=$(echo "$line" | sed -n 's/.*dropped by kernel \([0-9]*\).*/\1/p')
    printf '  wiretop live -> pcap file         gen %7s pps  captured %8s of %s  loss %7s %%  kernel drops %s\n' \
        "$rate" "$got" "$N" "$(awk -v g="$got" -v n="$N" 'BEGIN{printf "%.3f", 100*(n-g)/n}')" "$drop"
}

echo "== live capture loss on lo: $N x $SIZE-byte UDP at full rate, $ROUNDS rounds (order alternates)"
for r in $(seq "$ROUNDS"); do
    echo " round $r"
    if [ $((r % 2)) = 1 ]; then round_tcpdump; round_wiretop; else round_wiretop; round_tcpdump; fi
done
echo "  file written by wiretop, read back by tcpdump: $(tcpdump -r "$OUT/live.pcap" 2>/dev/null | wc -l) packets"

echo "== reading a 1 M-packet file (mkpcap mix)"
[ -f "$OUT/mix-1m.pcap" ] || "$OUT/mkpcap" "$OUT/mix-1m.pcap" 1000000 >/dev/null
java_probe read "$OUT/mix-1m.pcap"
start=$(date +%s.%N); tcpdump -nn -r "$OUT/mix-1m.pcap" > /dev/null 2>&1; end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN{printf "tcpdump -nn -r  1000000 packets in %6.3f s = %6.2f M packets/s (decodes and prints: for scale only)\n", e-s, 1/(e-s)}'
