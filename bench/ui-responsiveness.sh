#!/usr/bin/env bash
# UI responsiveness under load: runs the wiretop UI in tmux on lo while the generator sends UDP
# at full rate, with tcpdump -w /dev/null capturing the same traffic in the same run, and prints
#   - redraws per second (from the UI's own trace, WIRETOP_UI_TRACE),
#   - key-to-paint latency (key sent by tmux -> end of the paint that shows it),
#   - packets lost by wiretop's capture vs tcpdump's (kernel drops, same filter, same buffer).
# A bare key reader in a second tmux session gives the floor: tmux's own key delivery under the same load.
# Usage: sudo bench/ui-responsiveness.sh [PACKETS=3000000] [SECONDS=8] [PORT=9777] [RATE_PPS=0 (full rate)]
# WIRETOP_BENCH_VIEW=2 (3, 4, 6) measures the Connections (Sockets, Servers, Statistics) view instead of Packets.
# It also prints the CPU time of wiretop's capture thread and of the flow thread (which decodes
# behind it and counts the statistics) over the load; WIRETOP_BENCH_JVM_OPTS=-Dwiretop.stats=false
# turns the statistics' counting off, for the figure without them.
# TCPDUMP_BUFFER_KIB=65536 gives tcpdump the UI's kernel buffer (default: tcpdump's own).
# Needs root, tmux, tcpdump, gcc and ../shared/tools/bench/gen.c. Traffic stays on 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packets="${1:-3000000}"
seconds="${2:-8}"
port="${3:-9777}"
rate="${4:-0}"
shared="${WIRETOP_SHARED:-$here/../shared}"
jar="$here/tui/target/wiretop.jar"

for tool in tmux tcpdump gcc java; do
  command -v "$tool" >/dev/null || { echo "ui-responsiveness: $tool is missing (scripts/setup installs it)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "ui-responsiveness: run as root (capture rights)" >&2; exit 2; }
[ -f "$shared/tools/bench/gen.c" ] || { echo "ui-responsiveness: $shared/tools/bench/gen.c not found (set WIRETOP_SHARED)" >&2; exit 2; }
[ -f "$jar" ] || (cd "$here" && mvn -B -q -o -Dmaven.test.skip=true -pl tui -am package) >/dev/null

work="$(mktemp -d)"
session="wiretop-bench-$$"
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux kill-session -t "$session-ref" 2>/dev/null || true
  [ -n "${tcpdump_pid:-}" ] && kill "$tcpdump_pid" 2>/dev/null || true
  cp "$work/trace" "$here/bench/out/ui-trace.txt" 2>/dev/null || true  # kept for a closer look
  cp "$work/sent" "$here/bench/out/ui-keys-sent.txt" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
gcc -O2 -o "$work/gen" "$shared/tools/bench/gen.c"

# The UI: same capture filter as tcpdump below (which keeps its default kernel buffer, as the issue asks).
# The floor: a 10-line reader in its own tmux session stamps each key as it arrives, so the
# figures show how much of a key's latency is tmux's own delivery on the loaded machine.
cat >"$work/keystamp.py" <<'PY'
import os, sys, termios, time, tty
tty.setraw(0)
with open(sys.argv[1], "a") as out:
    while True:
        data = os.read(0, 64)
        if not data or b"q" in data:
            break
        out.write(f"{time.time() * 1000:.0f}\n")
        out.flush()
PY
tmux new-session -d -s "$session-ref" -x 80 -y 5 "python3 $work/keystamp.py $work/ref-arrived"
tmux new-session -d -s "$session" -x 160 -y 45 \
  "WIRETOP_NO_BUILD=1 WIRETOP_UI_TRACE=$work/trace WIRETOP_JAVA_OPTS='${WIRETOP_BENCH_JVM_OPTS:-}' $here/wiretop -i lo udp port $port; sleep 600"
for _ in $(seq 100); do grep -q '^paint' "$work/trace" 2>/dev/null && break; sleep 0.1; done
grep -q '^paint' "$work/trace" || { echo "ui-responsiveness: the UI did not start"; tmux capture-pane -p -t "$session"; exit 1; }
# The load starts once the UI's start-up warm-ups (drawing, analysis) have ended, as when a user opens
# wiretop and then starts the traffic: their JIT work would otherwise compete with the load (WARM=0: do not wait).
if [ "${WARM:-1}" = 1 ]; then
  for _ in $(seq 300); do [ "$(grep -c '^warmed' "$work/trace")" -ge 2 ] && break; sleep 0.1; done
  awk '$1 == "paint" && !p { p = $2 } $1 == "warmed" { w = $2 } END { if (w) printf "start-up warm-ups ended %.1f s after the first paint\n", (w - p) / 1000 }' \
    "$work/trace" >"$work/warm"
fi
# WIRETOP_BENCH_VIEW=2 measures the Connections view (3 Sockets, 4 Servers, 6 Statistics) instead of Packets.
[ -n "${WIRETOP_BENCH_VIEW:-}" ] && tmux send-keys -t "$session" "$WIRETOP_BENCH_VIEW"

tcpdump -i lo ${TCPDUMP_BUFFER_KIB:+-B $TCPDUMP_BUFFER_KIB} -w /dev/null -n "udp port $port" 2>"$work/tcpdump.err" &
tcpdump_pid=$!
for _ in $(seq 50); do grep -q 'listening on' "$work/tcpdump.err" && break; sleep 0.1; done

# CPU seconds (user + system) of the UI's threads by name: the JVM under the pane's shell.
java_pid() {
  local p="$(tmux display-message -p -t "$session" '#{pane_pid}')" c
  for _ in 1 2 3 4; do
    for c in $(ps -o pid= --ppid "$p"); do
      [ "$(cat /proc/$c/comm 2>/dev/null)" = java ] && { echo "$c"; return; }
    done
    p="$(ps -o pid= --ppid "$p" | head -1 | tr -d ' ')"
    [ -n "$p" ] || break
  done
}
thread_cpu() { # name -> clock ticks
  local t sum=0
  for t in /proc/"$jpid"/task/*; do
    [ "$(cat "$t/comm" 2>/dev/null)" = "$1" ] || continue
    sum=$((sum + $(awk '{print $14 + $15}' "$t/stat")))
  done
  echo "$sum"
}
jpid="$(java_pid)"
cap0=$(thread_cpu wiretop-capture); flow0=$(thread_cpu wiretop-flows)
all_threads() { for t in /proc/"$jpid"/task/*; do echo "$(tr ' ' _ <"$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done; }
all_threads >"$work/threads0"

start_ms=$(date +%s%3N)
"$work/gen" udp "$packets" 64 "$rate" "$seconds" "$port" >"$work/gen.out" 2>&1 &
gen_pid=$!
# Keys while the generator runs: Up/Down alternately every KEY_GAP seconds (0.15: 30 or more keys, so the p95
# is not just the slowest key), each send time recorded.
: >"$work/sent"
: >"$work/ref-sent"
i=0
while kill -0 "$gen_pid" 2>/dev/null; do
  key=Up; [ $((i % 2)) = 1 ] && key=Down
  date +%s%3N >>"$work/sent"
  tmux send-keys -t "$session" "$key"
  date +%s%3N >>"$work/ref-sent"
  tmux send-keys -t "$session-ref" "$key"
  i=$((i + 1))
  sleep "${KEY_GAP:-0.15}"
done
wait "$gen_pid" || true
end_ms=$(date +%s%3N)
cap1=$(thread_cpu wiretop-capture); flow1=$(thread_cpu wiretop-flows)
all_threads >"$work/threads1"
hz=$(getconf CLK_TCK)
awk -v c=$((cap1 - cap0)) -v f=$((flow1 - flow0)) -v hz="$hz" -v ms=$((end_ms - start_ms)) -v opts="${WIRETOP_BENCH_JVM_OPTS:-}" 'BEGIN {
  printf "thread CPU over the load (%s): capture %.2f s (%.0f %% of a core), flows (decode, flow table, statistics) %.2f s (%.0f %%)\n",
    opts == "" ? "statistics on" : opts, c / hz, 100 * c / hz / (ms / 1000), f / hz, 100 * f / hz / (ms / 1000) }' >"$work/cpu"
sleep 1 # let both captures drain the kernel buffers

kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" 2>/dev/null || true
tcpdump_pid=
tmux send-keys -t "$session" q
for _ in $(seq 100); do grep -q '^end' "$work/trace" && break; sleep 0.1; done

screen_after="$(tmux capture-pane -p -t "$session" | head -3)"
python3 - "$work" "$start_ms" "$end_ms" <<'PY'
import re, statistics, sys
work, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
paints, draws, endline, inside = [], [], "", []
for line in open(f"{work}/trace"):
    f = line.split()
    if f[0] == "paint":
        paints.append(int(f[1]))
        if start <= int(f[1]) <= end:
            draws.append([int(x) / 1000 for x in f[2:6]] + [int(f[6]) if len(f) > 6 else 0])
    elif f[0] == "key":
        inside.append(int(f[2]) / 1000)
    elif f[0] == "end":
        endline = " ".join(f[1:])
secs = (end - start) // 1000
per_sec = [sum(1 for p in paints if start + s * 1000 <= p < start + (s + 1) * 1000) for s in range(secs)]
print("generator:", open(f"{work}/gen.out").read().strip())
print(f"redraws/s during load: min {min(per_sec) if per_sec else 0}, mean {statistics.mean(per_sec) if per_sec else 0:.1f} over {secs} full seconds (target >= 4)")
if draws:
    for i, what in enumerate(["redraw in all", "  snapshot", "  drawing", "  terminal output"]):
        col = [d[i] for d in draws]
        print(f"{what}: median {statistics.median(col):.1f} ms, max {max(col):.1f} ms")
    sent = [d[4] for d in draws]
    print(f"bytes to the terminal a redraw: median {statistics.median(sent):.0f}, max {max(sent)}")
lats = []
for t in (int(x) for x in open(f"{work}/sent") if x.strip()):
    after = [p for p in paints if p >= t]
    if after:
        lats.append(after[0] - t)
lats.sort()
if lats:
    p95 = lats[min(len(lats) - 1, int(len(lats) * 0.95))]
    print(f"key-to-paint: {len(lats)} keys, median {statistics.median(lats):.0f} ms, p95 {p95} ms, max {lats[-1]} ms (target <= 100)")
ref_sent = [int(x) for x in open(f"{work}/ref-sent") if x.strip()]
try:
    ref_arrived = [int(x) for x in open(f"{work}/ref-arrived") if x.strip()]
except FileNotFoundError:
    ref_arrived = []
if ref_sent and len(ref_arrived) == len(ref_sent):
    ref = sorted(a - s for s, a in zip(ref_sent, ref_arrived))
    print(f"  floor: tmux delivering the same keys to a bare reader: median {statistics.median(ref):.0f} ms, "
          f"p95 {ref[min(len(ref) - 1, int(len(ref) * 0.95))]} ms, max {ref[-1]} ms")
if inside:
    inside.sort()
    print(f"  of which inside wiretop (key decoded -> painted): median {statistics.median(inside):.0f} ms, "
          f"max {inside[-1]:.0f} ms")
print("wiretop:", endline)
m = dict((k, int(v)) for v, k in re.findall(r"(\d+) packets? (captured|received by filter|dropped by kernel)", open(f"{work}/tcpdump.err").read()))
print(f"tcpdump: captured {m.get('captured')} received {m.get('received by filter')} kernel-drops {m.get('dropped by kernel')}")
PY
cat "$work/cpu"
cat "$work/warm" 2>/dev/null || true
# Every JVM thread's share over the load (JIT compilers, GC and the terminal's reader included), busiest first.
awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { a[$1] += $2; next } { b[$1] += $2 } END {
  for (n in b) if (b[n] - a[n] > 0) printf "%.2f %s\n", (b[n] - a[n]) / hz, n }' "$work/threads0" "$work/threads1" \
  | sort -rn | head -8 | awk '{ printf "%s%s %s s", NR == 1 ? "busiest JVM threads over the load: " : ", ", $2, $1 } END { print "" }'
echo "screen after q (should be empty or the shell): $(echo "$screen_after" | tr -s ' \n' ' ')"
