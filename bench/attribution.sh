#!/usr/bin/env bash
# Process attribution (issue 13), measured live on lo in ONE run:
#  1. latency, first packet -> process known, for the 30-client scenario (python3 clients that
#     hold their connection 25 ms, then 0 ms, to a long-lived python3 server): median and p99
#     for the server end (the listener, named on the first packet) and the client end (the
#     lookup thread), through org.wiretop.bench.AttributionLatency, with the SYN watch (lookups
#     start from an immediate capture of SYNs) and without it (from the main capture's packets);
#  2. no new loss: N UDP datagrams at the generator's full rate, captured by
#     `tcpdump -B 32768 -w /dev/null` and by `wiretop capture -w out.pcapng` (decode, attribution
#     and a comment on every packet; its defaults when naming processes: 10 ms read timeout, 64 MiB
#     buffer), alternating;
#  3. CPU at RATE new TCP connections/s (bench/connload.c, CONN_THREADS (8) threads, each making up
#     the slots it missed in the last 20 ms, so it keeps 10,000/s beside a capture: connect, 2 bytes each way,
#     reset on close, against bench/echod.c, a one-thread epoll echo server; SERVER=wiretop uses
#     `wiretop serve echo`, which costs this 2-core machine more CPU than it can spare):
#     `wiretop capture --format json` to a file, without processes (--no-processes, the base) and
#     with them (the default), ROUNDS rounds each in alternating order; CPU of the capture process
#     over SECONDS after WARM (8) s of traffic, per thread from /proc/PID/task/*/stat (capture thread,
#     attribution's threads, JIT, GC), the share of flows whose client was named, and what naming
#     adds over the base, in points of one core and relative to the base.
# Usage: sudo bench/attribution.sh [N=1000000] [RATE=10000] [SECONDS=10]
# PARTS=23 runs only parts 2 and 3; WIRETOP_JAR=other/wiretop.jar measures another build there;
# ROUNDS (3) and WARM (8 s) set part 3's rounds and the traffic before its measurement; PAIRED=1
# runs each round's two captures at once, on the same connections (what the machine's other load
# does to one it does to the other: the difference is far less noisy than between separate runs).
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
gcc -O2 -pthread -o "$OUT/connload" bench/connload.c
gcc -O2 -o "$OUT/echod" bench/echod.c
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
ROUNDS=${ROUNDS:-3}
WARM=${WARM:-8}
echo "== 3. CPU of 'wiretop capture --format json' at $RATE new TCP connections/s, ${SECS} s after ${WARM} s, $ROUNDS rounds"
if [ "${SERVER:-echod}" = wiretop ]; then
    $wiretop serve echo --port "$ECHO_PORT" --quiet > /dev/null 2>&1 &
else
    "$OUT/echod" "$ECHO_PORT" $(( ROUNDS * 2 * (WARM + SECS + 20) )) > /dev/null &
fi
pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$ECHO_PORT") 2>/dev/null && break; sleep 0.1; done
threads() { # PID: "tid ticks name" for each of its threads
    local t s name rest
    for t in /proc/"$1"/task/*; do
        s=$(cat "$t/stat" 2>/dev/null) || continue
        name=${s#*(}; name=${name%)*}; rest=${s##*) }
        # shellcheck disable=SC2086
        set -- $rest
        echo "${t##*/} $(( ${12} + ${13} )) ${name// /_}"
    done
}
: > "$OUT/rounds"
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then modes="--no-processes names"; else modes="names --no-processes"; fi
  if [ -n "${PAIRED:-}" ]; then groups=("$modes"); else read -ra groups <<< "$modes"; fi
  for group in "${groups[@]}"; do
    caps=(); i=0
    for mode in $group; do
        : > "$OUT/json.$i.err"
        $wiretop capture -i lo --format json ${mode/names/} "tcp port $ECHO_PORT" 2> "$OUT/json.$i.err" > "$OUT/json.$i.out" &
        caps+=($!); i=$((i + 1))
    done
    for i in "${!caps[@]}"; do wait_for "$OUT/json.$i.err" "listening on"; done
    "$OUT/connload" "$ECHO_PORT" "$RATE" $((WARM + SECS + 1)) "${CONN_THREADS:-8}" > "$OUT/gen.out" &
    gen=$!
    sleep "$WARM"
    for i in "${!caps[@]}"; do threads "${caps[$i]}" | sort > "$OUT/t0.$i"; done
    load=$(cut -d' ' -f1 /proc/loadavg)
    sleep "$SECS"
    for i in "${!caps[@]}"; do threads "${caps[$i]}" | sort > "$OUT/t1.$i"; done
    wait "$gen"
    sleep 1
    for cap in "${caps[@]}"; do kill -TERM "$cap"; wait "$cap" || true; done
    gen_pid=$(sed -n 's/^pid \([0-9]*\)/\1/p' "$OUT/gen.out")
    i=0
    for mode in $group; do
        syns=$(grep -c '"tcp.flags":2,' "$OUT/json.$i.out" || true)
        named=$(grep '"tcp.flags":2,' "$OUT/json.$i.out" | grep -c "\"wiretop.process\":{\"pid\":$gen_pid," || true)
        drops=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$OUT/json.$i.err")
        join -j1 "$OUT/t0.$i" "$OUT/t1.$i" | awk -v m="$mode" -v s="$SECS" -v g="$(tail -1 "$OUT/gen.out")" -v syns="$syns" \
            -v named="$named" -v d="$drops" -v load="$load" -v r="$r" '
            { d = $4 - $2; all += d
              if ($3 == "java") cap += d
              else if ($3 ~ /^wiretop-(attribu|syns|listene|proc-ev|held-ou)/) { attr += d; part[$3] += d }
              else if ($3 ~ /Compiler/) jit += d
              else if ($3 ~ /^GC_/) gc += d
              else other += d }
            END {
              printf "  round %d %-14s CPU %5.1f %% of a core = capture thread %5.1f + attribution threads %4.1f + JIT %4.1f + GC %4.1f + other %4.1f (load %s)\n",
                  r, m, all / s, cap / s, attr / s, jit / s, gc / s, other / s, load
              if (attr > 0) { printf "      attribution:"; for (n in part) printf " %s %.1f", n, part[n] / s; printf "\n" }
              printf "      %s; SYNs %d, client named on %d (%.1f %%); kernel drops %s\n", g, syns, named, syns ? 100 * named / syns : 0, d
              print m, all / s > "/dev/stderr" }' 2>> "$OUT/rounds"
        i=$((i + 1))
    done
  done
done
awk '{ sum[$1] += $2; n[$1]++ } END {
    base = sum["--no-processes"] / n["--no-processes"]; with = sum["names"] / n["names"]
    printf "  mean of %d rounds: --no-processes %.1f %%, names %.1f %% of a core: attribution adds %.1f points of a core (%+.0f %% of the base)\n",
        n["names"], base, with, with - base, 100 * (with - base) / base }' "$OUT/rounds"
rm -f "$OUT"/json.*.out
fi
