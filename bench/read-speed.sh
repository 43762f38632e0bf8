#!/usr/bin/env bash
# `wiretop read` throughput against tcpdump and tshark, in ONE run, on the same 1 M-packet file
# made by ../shared/tools/bench/mkpcap.c (60 % IPv4/TCP, 25 % UDP, 5 % ICMP, 10 % IPv6):
#   wiretop read FILE              > /dev/null   (tcpdump-style text)
#   wiretop read FILE --format json > /dev/null
#   tcpdump -nn -r FILE            > /dev/null
#   tshark -T fields (../shared/tools/tshark-fields.sh) > /dev/null
# Prints packets/s for each (best of ROUNDS) and the ratios. Targets: text >= 4x tcpdump,
# json >= tcpdump's text rate. Then checks the text equals tcpdump's line for line (with and
# without -S). Times include JVM start (a few hundred ms), as a user sees it.
# Usage: bench/read-speed.sh [PACKETS=1000000] [ROUNDS=3]     (no root needed)
# READ_SPEED_FILE=F measures another capture instead of the mkpcap file (PACKETS must be its
# count); READ_SPEED_TSHARK=app times tshark with the application fields (tshark-app-fields.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
ROUNDS=${2:-3}
SHARED=${WIRETOP_SHARED:-../shared}
OUT=bench/out
mkdir -p "$OUT"
[ -f "$SHARED/tools/bench/mkpcap.c" ] || { echo "read-speed: $SHARED/tools/bench/mkpcap.c not found (set WIRETOP_SHARED)" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "read-speed: tcpdump not found: apt-get install tcpdump" >&2; exit 1; }
gcc -O2 -o "$OUT/mkpcap" "$SHARED/tools/bench/mkpcap.c"
FILE=${READ_SPEED_FILE:-$OUT/read-speed-$N.pcap}
[ -f "$FILE" ] || "$OUT/mkpcap" "$FILE" "$N" >/dev/null
jar=tui/target/wiretop.jar
if [ ! -f "$jar" ] || [ -n "$(find native/src/main capture/src/main monitor/src/main tui/src/main -newer "$jar" -type f | head -1)" ]; then
    mvn -B -q install -Dmaven.test.skip=true -pl native,capture,monitor,tui > "$OUT/read-speed-build.log" 2>&1 \
        || echo "read-speed: build failed (see $OUT/read-speed-build.log); measuring the existing $jar" >&2
fi
[ -f "$jar" ] || { echo "read-speed: $jar missing: build with 'mvn -B install -DskipTests'" >&2; exit 1; }
# Run what users run: the launcher, with its JVM flags and class-data-sharing archive (made here,
# before timing); it must not rebuild mid-measurement when other sources change meanwhile.
export WIRETOP_NO_BUILD=1
wiretop=./wiretop
"$wiretop" --version > /dev/null

CPU_FILE=$OUT/read-speed.cpu
best_seconds() { # COMMAND... : best wall time of ROUNDS runs (stdout to /dev/null); its CPU time to $CPU_FILE
    local best="" best_cpu=""
    for _ in $(seq "$ROUNDS"); do
        local wall cpu
        local TIMEFORMAT="%R %U %S" times
        times=$( { time "$@" > /dev/null 2>/dev/null; } 2>&1 | tail -1)
        wall=$(echo "$times" | awk '{print $1}')
        cpu=$(echo "$times" | awk '{print $2 + $3}')
        if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc -l)" = 1 ]; then best=$wall; best_cpu=$cpu; fi
    done
    echo "$best_cpu" > "$CPU_FILE"
    echo "$best"
}
pps() { echo "$N / $1" | bc -l | xargs printf '%.0f'; }

echo "file: $FILE ($N packets, $(du -h "$FILE" | cut -f1)); best of $ROUNDS rounds; $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (compare only within one run)"
t_text=$(best_seconds "$wiretop" read "$FILE"); c_text=$(cat "$CPU_FILE")
t_json=$(best_seconds "$wiretop" read "$FILE" --format json); c_json=$(cat "$CPU_FILE")
t_tcpdump=$(best_seconds tcpdump -nn -r "$FILE"); c_tcpdump=$(cat "$CPU_FILE")
t_start=$(best_seconds "$wiretop" read -c 1 "$FILE")  # JVM + command-line start-up alone
if command -v tshark >/dev/null; then
    if [ "${READ_SPEED_TSHARK:-}" = app ]; then # the script passes its arguments before its own: -r FILE
        t_tshark=$(best_seconds sh "$SHARED/tools/tshark-app-fields.sh" -r "$FILE"); c_tshark=$(cat "$CPU_FILE")
    else
        t_tshark=$(best_seconds sh "$SHARED/tools/tshark-fields.sh" "$FILE"); c_tshark=$(cat "$CPU_FILE")
    fi
fi
row() { printf '%-38s %7.2f s wall %12s pkt/s   %7.2f s CPU\n' "$1" "$2" "$(pps "$2")" "$3"; }
row "wiretop read (text)" "$t_text" "$c_text"
row "wiretop read --format json" "$t_json" "$c_json"
row "tcpdump -nn -r" "$t_tcpdump" "$c_tcpdump"
if [ -n "${t_tshark:-}" ]; then
    row "tshark -T fields (tshark-fields.sh)" "$t_tshark" "$c_tshark"
fi
printf 'ratio text / tcpdump:  %.2fx (target >= 4)\n' "$(echo "$t_tcpdump / $t_text" | bc -l)"
printf 'ratio json / tcpdump:  %.2fx (target >= 1)\n' "$(echo "$t_tcpdump / $t_json" | bc -l)"
printf 'wiretop start-up (read -c 1):  %.2f s; excluding it: text %.2fx, json %.2fx tcpdump\n' "$t_start" \
    "$(echo "$t_tcpdump / ($t_text - $t_start)" | bc -l)" "$(echo "$t_tcpdump / ($t_json - $t_start)" | bc -l)"
if [ -n "${t_tshark:-}" ]; then
    printf 'ratio json / tshark:   %.2fx\n' "$(echo "$t_tshark / $t_json" | bc -l)"
fi
# Speed means nothing if the words differ: the text must be tcpdump's, line for line, with
# relative sequence numbers (both tools' default, as timed above) and with absolute ones (-S);
# where wiretop prints a protocol tcpdump does not (TLS), tcpdump's line must start ours.
for seq in "" -S; do
    "$wiretop" read "$FILE" $seq 2>/dev/null > "$OUT/read-speed.wiretop.txt"
    tcpdump -nn $seq -r "$FILE" 2>/dev/null > "$OUT/read-speed.tcpdump.txt"
    python3 - "$OUT/read-speed.wiretop.txt" "$OUT/read-speed.tcpdump.txt" "${seq:-(relative seq)}" <<'PY'
import sys
ours, theirs = (open(f, encoding='latin-1').read().split('\n') for f in sys.argv[1:3])
equal = extended = other = 0
for o, t in zip(ours, theirs):
    if o == t: equal += 1
    elif o.startswith(t + ': '): extended += 1
    else: other += 1
other += abs(len(ours) - len(theirs))
print(f"text vs tcpdump -nn {sys.argv[3]}: {equal} lines equal, {extended} tcpdump's line + ours after it, {other} differing")
PY
done
rm -f "$OUT/read-speed.wiretop.txt" "$OUT/read-speed.tcpdump.txt"
