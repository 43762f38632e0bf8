#!/usr/bin/env bash
# --stats against tshark on the same 1 M-packet file made by ../shared/tools/bench/mkpcap.c, in ONE run:
#   equality: `wiretop read FILE --stats -q` vs `tshark -q -z io,phs -z endpoints,ip -z conv,ip`,
#             each of the three tables compared line for line (diff printed when they differ);
#   cost:     `wiretop read FILE -q` with and without --stats (best of ROUNDS, wall and CPU), and
#             tshark's own time for the three tables.
# Usage: bench/stats.sh [PACKETS=1000000] [ROUNDS=3]     (no root needed; tshark and gcc)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
ROUNDS=${2:-3}
SHARED=${WIRETOP_SHARED:-../shared}
OUT=bench/out
mkdir -p "$OUT"
[ -f "$SHARED/tools/bench/mkpcap.c" ] || { echo "stats: $SHARED/tools/bench/mkpcap.c not found (set WIRETOP_SHARED)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "stats: tshark not found: apt-get install tshark" >&2; exit 1; }
gcc -O2 -o "$OUT/mkpcap" "$SHARED/tools/bench/mkpcap.c"
FILE=$OUT/read-speed-$N.pcap
[ -f "$FILE" ] || "$OUT/mkpcap" "$FILE" "$N" >/dev/null
jar=tui/target/wiretop.jar
[ -f "$jar" ] || { echo "stats: $jar missing: build with 'mvn -B -q -o -pl tui -am package -DskipTests'" >&2; exit 1; }
export WIRETOP_NO_BUILD=1
wiretop=./wiretop
"$wiretop" --version > /dev/null

"$wiretop" read "$FILE" --stats -q > "$OUT/stats-wiretop.txt" 2>/dev/null
tshark -n -q -r "$FILE" -z io,phs -z endpoints,ip -z conv,ip > "$OUT/stats-tshark.txt" 2>/dev/null
table() { # FILE TITLE: the table from its title to its closing rule
    awk -v t="$2" '$0 == t {on = 1} on {print} on && /^=====/ && $0 != t {exit}' "$1"
}
echo "file: $FILE ($N packets, $(du -h "$FILE" | cut -f1)); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for title in "Protocol Hierarchy Statistics" "IPv4 Endpoints" "IPv4 Conversations"; do
    ours=$(table "$OUT/stats-wiretop.txt" "$title")
    theirs=$(table "$OUT/stats-tshark.txt" "$title")
    if [ "$ours" = "$theirs" ]; then
        echo "$title: equal to tshark's ($(echo "$theirs" | wc -l) lines)"
    else
        echo "$title: DIFFERS from tshark's:"; diff <(echo "$theirs") <(echo "$ours") | head -20 || true
    fi
done

CPU_FILE=$OUT/stats.cpu
best_seconds() { # COMMAND... : best wall time of ROUNDS runs; its CPU time to $CPU_FILE
    local best="" best_cpu=""
    for _ in $(seq "$ROUNDS"); do
        local TIMEFORMAT="%R %U %S" times wall cpu
        times=$( { time "$@" > /dev/null 2>/dev/null; } 2>&1 | tail -1)
        wall=$(echo "$times" | awk '{print $1}')
        cpu=$(echo "$times" | awk '{print $2 + $3}')
        if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc -l)" = 1 ]; then best=$wall; best_cpu=$cpu; fi
    done
    echo "$best_cpu" > "$CPU_FILE"
    echo "$best"
}
t_plain=$(best_seconds "$wiretop" read "$FILE" -q); c_plain=$(cat "$CPU_FILE")
t_decode=$(best_seconds "$wiretop" read "$FILE" -q --filter 'frame.len > 0'); c_decode=$(cat "$CPU_FILE")
t_stats=$(best_seconds "$wiretop" read "$FILE" -q --stats); c_stats=$(cat "$CPU_FILE")
t_tshark=$(best_seconds tshark -n -q -r "$FILE" -z io,phs -z endpoints,ip -z conv,ip); c_tshark=$(cat "$CPU_FILE")
row() { printf '%-52s %7.2f s wall %7.2f s CPU\n' "$1" "$2" "$3"; }
row "wiretop read -q (no decode)" "$t_plain" "$c_plain"
row "wiretop read -q --filter 'frame.len > 0' (decode)" "$t_decode" "$c_decode"
row "wiretop read -q --stats (decode + tables)" "$t_stats" "$c_stats"
row "tshark -q -z io,phs -z endpoints,ip -z conv,ip" "$t_tshark" "$c_tshark"
printf 'tables over decode alone: %+.1f %% CPU; tshark / wiretop --stats: %.1fx wall\n' \
    "$(echo "($c_stats - $c_decode) * 100 / $c_decode" | bc -l)" "$(echo "$t_tshark / $t_stats" | bc -l)"
