#!/usr/bin/env bash
# IPFIX export (issue 14), in ONE run — compare figures only within it:
#  1. `wiretop read FILE --ipfix` of a 1 M-packet mkpcap file against `softflowd -r FILE`, each
#     into its own nfcapd: best wall time of ROUNDS (alternating), that run's CPU, the records
#     each nfcapd stored; the ratio (target: wiretop >= 2x faster).
#  2. The export's own cost: IPFIX records per CPU-second and CPU per 1,000 flows
#     (org.wiretop.bench.IpfixExportBench: 100,000 conversations, per-direction records, UDP).
#  3. Live, as root: FLOWS UDP flows at flowgen's full rate on lo, for `tcpdump -w /dev/null`
#     and for `wiretop capture --ipfix` into nfcapd (idle timeout 2 s): capture loss of each,
#     records exported while the capture runs and stored by nfcapd, wiretop's CPU per 1,000 flows.
# Usage: sudo bench/ipfix-export.sh [PACKETS=1000000] [ROUNDS=3] [FLOWS=20000] [LIVE_PACKETS=1000000]
#        (LIVE_ONLY=1 runs part 3 only, OFFLINE_ONLY=1 parts 1 and 2 only)
# Traffic goes only to 127.0.0.0/8 (flowgen.c), bounded by count and by 20 s a round.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
ROUNDS=${2:-3}
FLOWS=${3:-20000}
LIVE_N=${4:-1000000}
PORT=${PORT:-19994}
SHARED=${WIRETOP_SHARED:-../shared}
OUT=bench/out
mkdir -p "$OUT"
for t in nfcapd nfdump softflowd gcc; do
    command -v "$t" >/dev/null || [ -x "/usr/sbin/$t" ] || { echo "ipfix-export: $t not found: scripts/setup installs it" >&2; exit 1; }
done
[ -f "$SHARED/tools/bench/mkpcap.c" ] || { echo "ipfix-export: $SHARED/tools/bench/mkpcap.c not found (set WIRETOP_SHARED)" >&2; exit 1; }
gcc -O2 -o "$OUT/mkpcap" "$SHARED/tools/bench/mkpcap.c"
gcc -O2 -o "$OUT/flowgen" bench/flowgen.c
FILE="$OUT/read-speed-$N.pcap"
[ -f "$FILE" ] || "$OUT/mkpcap" "$FILE" "$N" >/dev/null
jar=tui/target/wiretop.jar
benchjar=bench/target/benchmarks.jar
if [ ! -f "$jar" ] || [ ! -f "$benchjar" ] \
        || [ -n "$(find native/src/main capture/src/main monitor/src/main tui/src/main bench/src -newer "$benchjar" -type f | head -1)" ]; then
    mvn -B -q -DskipTests -pl tui,bench -am package > "$OUT/ipfix-build.log" 2>&1 \
        || { echo "ipfix-export: build failed (see $OUT/ipfix-build.log)" >&2; exit 1; }
fi
export WIRETOP_NO_BUILD=1
wiretop=./wiretop
"$wiretop" --version > /dev/null

nfcapd_start() { # DIR PORT -> pid in $NFPID
    rm -rf "$1"; mkdir -p "$1"
    nfcapd -w "$1" -b 127.0.0.1 -p "$2" -t 3600 > "$1.log" 2>&1 &
    NFPID=$!
    for _ in $(seq 100); do grep -q Startup "$1.log" 2>/dev/null && return 0; sleep 0.05; done
    echo "ipfix-export: nfcapd did not start: $(cat "$1.log")" >&2; return 1
}
nfcapd_stop() { # PID DIR -> flows stored on stdout (after its socket drained)
    local hexport; hexport=$(printf ':%04X' "$3")
    for _ in $(seq 200); do
        awk -v p="$hexport" '$2 ~ p"$" {q=$5; sub(/.*:/, "", q); if (q != "00000000") busy=1} END {exit busy}' /proc/net/udp && break
        sleep 0.05
    done
    kill -TERM "$1"
    # called in $(...), a subshell that cannot wait for it: poll until it has written its statistics
    for _ in $(seq 200); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
    sed -n "s/.*Flows: \([0-9]*\),.*/\1/p" "$2.log" | tail -1
}
timed() { # COMMAND... : "wall cpu" of one run (its output in $OUT/timed.out and .err)
    local TIMEFORMAT="%R %U %S" t
    t=$( { time "$@" > "$OUT/timed.out" 2>"$OUT/timed.err"; } 2>&1 | tail -1)
    echo "$t" | awk '{printf "%s %.2f", $1, $2 + $3}'
}

if [ -z "${LIVE_ONLY:-}" ]; then
echo "== 1. read --ipfix vs softflowd -r: $FILE ($N packets, $(du -h "$FILE" | cut -f1)); best of $ROUNDS; $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
best_w=""; best_s=""
for r in $(seq "$ROUNDS"); do
    for tool in wiretop softflowd; do
        [ $((r % 2)) = 0 ] && tool=$([ "$tool" = wiretop ] && echo softflowd || echo wiretop)
        p=$((PORT + 10 + r * 2 + $([ "$tool" = wiretop ] && echo 0 || echo 1)))
        nfcapd_start "$OUT/nf-$tool" "$p"
        if [ "$tool" = wiretop ]; then
            res=$(timed "$wiretop" read "$FILE" --ipfix "127.0.0.1:$p")
            sent=$(sed -n 's/^\([0-9]*\) IPFIX records.*/\1/p' "$OUT/timed.err")
        else
            res=$(timed softflowd -r "$FILE" -n "127.0.0.1:$p" -v 10 -6 -A milli -m 100000 -d -c none -p "$OUT/softflowd.pid")
            sent=$(sed -n 's/.*Flows exported: [0-9]* (\([0-9]*\) records).*/\1/p' "$OUT/timed.out")
        fi
        stored=$(nfcapd_stop "$NFPID" "$OUT/nf-$tool" "$p")
        printf '  round %d %-9s %6s s wall %6s s CPU   nfcapd stored %6s records\n' "$r" "$tool" ${res} "$stored"
        wall=${res% *}
        if [ "$tool" = wiretop ]; then
            if [ -z "$best_w" ] || [ "$(echo "$wall < ${best_w%% *}" | bc -l)" = 1 ]; then best_w="$res $stored $sent"; fi
        else
            if [ -z "$best_s" ] || [ "$(echo "$wall < ${best_s%% *}" | bc -l)" = 1 ]; then best_s="$res $stored $sent"; fi
        fi
    done
done
read -r ww wc wst wsent <<< "$best_w"
read -r sw sc sst ssent <<< "$best_s"
printf 'best: wiretop %s s (%s s CPU, %s records sent, %s stored by nfcapd); softflowd %s s (%s s CPU, %s sent, %s stored)\n' \
    "$ww" "$wc" "$wsent" "$wst" "$sw" "$sc" "$ssent" "$sst"
printf 'ratio softflowd / wiretop wall: %.2fx (target >= 2); CPU: %.2fx\n' "$(echo "$sw / $ww" | bc -l)" "$(echo "$sc / $wc" | bc -l)"

echo "== 2. export cost (IpfixExportBench, 100,000 conversations)"
java -XX:+UseParallelGC -cp "$benchjar" org.wiretop.bench.IpfixExportBench 100000 2>/dev/null | tail -3
fi  # LIVE_ONLY=1 skips parts 1 and 2
[ -z "${OFFLINE_ONLY:-}" ] || exit 0

if [ "$(id -u)" != 0 ]; then
    echo "== 3. live export: skipped (capture needs root: run with sudo)"
    exit 0
fi
echo "== 3. live on lo: $LIVE_N x 64-byte UDP over $FLOWS flows at flowgen's full rate, $ROUNDS rounds (order alternates)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wait_for() { for _ in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; echo "timed out waiting for '$2' in $1" >&2; return 1; }
round_tcpdump() {
    tcpdump -i lo -B 32768 -w /dev/null "udp dst port $PORT" 2> "$OUT/tcpdump.err" &
    local pid=$!
    wait_for "$OUT/tcpdump.err" "listening on"
    local gen; gen=$("$OUT/flowgen" "$LIVE_N" "$FLOWS" 64 20 "$PORT")
    sleep 1
    kill -TERM "$pid"; wait "$pid" || true
    local got; got=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$OUT/tcpdump.err")
    printf '  tcpdump -w /dev/null          gen %8s pps  loss %7s %%\n' "$(echo "$gen" | sed -n 's/.*pps=\([0-9]*\).*/\1/p')" \
        "$(awk -v g="$got" -v n="$LIVE_N" 'BEGIN{printf "%.3f", 100*(n-g)/n}')"
}
round_wiretop() {
    local c=$((PORT + 2))
    nfcapd_start "$OUT/nf-live" "$c"
    local nf=$NFPID
    "$wiretop" capture -i lo -B 32768 --ipfix "127.0.0.1:$c" --idle-timeout 2 "udp dst port $PORT" > /dev/null 2> "$OUT/wiretop-live.err" &
    local pid=$!
    wait_for "$OUT/wiretop-live.err" "listening on"
    local jpid; jpid=$(pgrep -P "$pid" java || echo "$pid")
    local gen; gen=$("$OUT/flowgen" "$LIVE_N" "$FLOWS" 64 20 "$PORT")
    sleep 4  # the idle timeout (2 s) and a scan: the records leave while the capture runs
    local ticks; ticks=$(awk '{print $14 + $15}' "/proc/$jpid/stat")
    local stored; stored=$(nfcapd_stop "$nf" "$OUT/nf-live" "$c")
    kill -TERM "$pid"; wait "$pid" || true
    local got drop records cpu
    got=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$OUT/wiretop-live.err")
    drop=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$OUT/wiretop-live.err")
    records=$(sed -n 's/^\([0-9]*\) IPFIX records.*/\1/p' "$OUT/wiretop-live.err")
    cpu=$(echo "$ticks / $(getconf CLK_TCK)" | bc -l)
    printf '  wiretop capture --ipfix       gen %8s pps  loss %7s %%  kernel drops %s  records %s (nfcapd stored %s before the capture ended)  CPU %.2f s = %.1f ms per 1,000 flows\n' \
        "$(echo "$gen" | sed -n 's/.*pps=\([0-9]*\).*/\1/p')" "$(awk -v g="$got" -v n="$LIVE_N" 'BEGIN{printf "%.3f", 100*(n-g)/n}')" \
        "$drop" "$records" "$stored" "$cpu" "$(echo "$cpu * 1000000 / $FLOWS" | bc -l)"
}
for r in $(seq "$ROUNDS"); do
    echo " round $r"
    if [ $((r % 2)) = 1 ]; then round_tcpdump; round_wiretop; else round_wiretop; round_tcpdump; fi
done
