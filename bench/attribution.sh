#!/usr/bin/env bash
# Process attribution (issue 13), measured live on lo in ONE run:
#  1. latency, first packet -> process known, for the 30-client scenario (python3 clients that
#     hold their connection 25 ms, then 0 ms, to a long-lived python3 server): median and p99
#     for the server end (the listener, named on the first packet) and the client end (the
#     lookup thread), through org.wiretop.bench.AttributionLatency, with the SYN watch (lookups
#     start from an immediate capture of SYNs) and without it (from the main capture's packets);
#  2. no new loss: N UDP datagrams at the generator's full rate, captured by
#     `tcpdump -B 32768 -w /dev/null` and by `wiretop capture -w out.pcapng` (decode, attribution
#     and a comment on every packet; its defaults when naming processes: 2 ms read timeout, 64 MiB
#     buffer), alternating;
#  3. CPU at RATE new TCP connections/s (org.wiretop.bench.ConnectLoad against `wiretop serve
#     echo`): `wiretop capture --format json > /dev/null` with and without --no-processes, CPU
#     seconds of the capture process from /proc/PID/stat, and the share of flows whose client
#     was named.
# Usage: sudo bench/attribution.sh [N=1000000] [RATE=10000] [SECONDS=10]
# PARTS=23 runs only parts 2 and 3; WIRETOP_JAR=other/wiretop.jar measures another build there.
# Traffic goes only to 127.0.0.1, bounded by count and time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RATE=${2:-10000}
SECS=${3:-10}
PORT=${PORT:-19997}
ECHO_PORT=${ECHO_PORT:-19996}
SHARED=${WIRETOP_SHARED:-../shared}
OUT=bench/out
[ "$(id -u)" = 0 ] || { echo "attribution: live capture needs root: run it with sudo" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "attribution: /usr/bin/python3 is needed for the client processes" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "attribution: tcpdump not found: apt-get install tcpdump" >&2; exit 1; }
[ -f "$SHARED/tools/bench/gen.c" ] || { echo "attribution: $SHARED/tools/bench/gen.c not found (set WIRETOP_SHARED)" >&2; exit 1; }
mkdir -p "$OUT"
gcc -O2 -o "$OUT/gen" "$SHARED/tools/bench/gen.c"
if [ ! -f bench/target/benchmarks.jar ] || [ ! -f tui/target/wiretop.jar ] \
   || [ -n "$(find native/src capture/src monitor/src tui/src bench/src -name '*.java' -newer bench/target/benchmarks.jar -print -quit)" ]; then
    mvn -B -q -o package -DskipTests -pl tui,bench -am >&2
fi
bench="java -cp bench/target/benchmarks.jar"
wiretop="java -XX:+UseParallelGC -jar ${WIRETOP_JAR:-tui/target/wiretop.jar}"
scripts=tui/src/test/resources/attribution
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # FILE PATTERN: up to 20 s
    for _ in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "attribution: timed out waiting for '$2' in $1" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"

PARTS=${PARTS:-123}
[[ $PARTS == *1* ]] && echo "== 1. attribution latency, 30 python3 clients to a python3 server on lo"
[[ $PARTS == *1* ]] && for hold in 25 0; do
    for syns in syns nosyns; do
        $bench org.wiretop.bench.AttributionLatency $scripts/server.py $scripts/client.py 30 "$hold" $syns 2>/dev/null | sed 's/^/  /'
    done
done

if [[ $PARTS == *2* ]]; then
echo "== 2. live capture loss on lo: $N x 64-byte UDP at full rate (load average $(cut -d' ' -f1 /proc/loadavg))"
round_tcpdump() {
    : > "$OUT/tcpdump.err"
    tcpdump -i lo -B 32768 -w /dev/null "udp port $PORT" 2> "$OUT/tcpdump.err" &
    local pid=$!
    wait_for "$OUT/tcpdump.err" "listening on"
    local rate; rate=$("$OUT/gen" udp "$N" 64 0 20 "$PORT" | sed -n 's/.*pps=\([0-9]*\).*/\1/p')
    sleep 1
    kill -TERM "$pid"; wait "$pid" || true
    report "tcpdump -B 32768 -w /dev/null  " "$rate" "$OUT/tcpdump.err"
}
round_wiretop() {
    : > "$OUT/wiretop.err"
    rm -f "$OUT/live.pcapng"
    $wiretop capture -i lo -w "$OUT/live.pcapng" "udp port $PORT" 2> "$OUT/wiretop.err" &
    local pid=$!
    wait_for "$OUT/wiretop.err" "listening on"
    local rate; rate=$("$OUT/gen" udp "$N" 64 0 20 "$PORT" | sed -n 's/.*pps=\([0-9]*\).*/\1/p')
    sleep 1
    kill -TERM "$pid"; wait "$pid" || true
    report "wiretop capture -w out.pcapng  " "$rate" "$OUT/wiretop.err"
}
report() { # LABEL RATE ERRFILE
    local got drop
    got=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$3")
    drop=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$3")
    printf '  %s gen %7s pps  captured %8s of %s  loss %7s %%  kernel drops %s\n' "$1" "$2" "$got" "$N" \
        "$(awk -v g="$got" -v n="$N" 'BEGIN{printf "%.3f", 100*(n-g)/n}')" "$drop"
}
for r in 1 2 3; do
    if [ $((r % 2)) = 1 ]; then round_tcpdump; round_wiretop; else round_wiretop; round_tcpdump; fi
done
echo "  comments in the last pcapng (tshark): $(tshark -r "$OUT/live.pcapng" -T fields -e frame.comment 2>/dev/null | sort | uniq -c | sort -rn | head -2 | tr -s ' ' | paste -sd ';')"

fi

if [[ $PARTS == *3* ]]; then
echo "== 3. CPU of 'wiretop capture --format json' at $RATE new TCP connections/s for ${SECS}s"
$wiretop serve echo --port "$ECHO_PORT" --quiet > /dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$ECHO_PORT") 2>/dev/null && break; sleep 0.1; done
for mode in --no-processes ""; do
    : > "$OUT/json.err"
    $wiretop capture -i lo --format json $mode "tcp port $ECHO_PORT" 2> "$OUT/json.err" > "$OUT/json.out" &
    cap=$!
    wait_for "$OUT/json.err" "listening on"
    # CPU is measured over SECS seconds after 8 s of traffic (steady state: the JIT is done)
    $bench org.wiretop.bench.ConnectLoad "$ECHO_PORT" "$RATE" $((SECS + 9)) 4 > "$OUT/gen.out" 2>/dev/null &
    gen=$!
    sleep 8
    before=$(cpu_ticks "$cap")
    sleep "$SECS"
    after=$(cpu_ticks "$cap")
    wait "$gen"
    gen_out=$(cat "$OUT/gen.out")
    sleep 1
    kill -TERM "$cap"; wait "$cap" || true
    gen_pid=$(echo "$gen_out" | sed -n 's/^pid \([0-9]*\)/\1/p')
    syns=$(grep -c '"tcp.flags":2,' "$OUT/json.out" || true)
    named=$(grep '"tcp.flags":2,' "$OUT/json.out" | grep -c "\"wiretop.process\":{\"pid\":$gen_pid," || true)
    drops=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$OUT/json.err")
    awk -v m="${mode:-with attribution}" -v b="$before" -v a="$after" -v s="$SECS" -v g="$(echo "$gen_out" | tail -1)" \
        -v syns="$syns" -v named="$named" -v d="$drops" 'BEGIN{
        printf "  %-18s CPU %6.2f s in %d s = %5.1f %% of a core; %s; SYNs %d, client named on %d (%.1f %%); kernel drops %s\n",
        m, (a-b)/100, s, (a-b)/s, g, syns, named, syns ? 100*named/syns : 0, d}'
done
rm -f "$OUT/json.out"
fi
