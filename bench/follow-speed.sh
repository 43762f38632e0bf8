#!/usr/bin/env bash
# `wiretop follow` of one TCP stream against `tshark -q -z follow,tcp,raw,N`, in ONE run, on the
# same file made by ../shared/tools/bench/mkpcap.c (PACKETS packets of mixed traffic): wall time
# and peak RSS of each (GNU time), their ratios, and that both give the same bytes.
# Usage: bench/follow-speed.sh [PACKETS=1000000] [STREAM=1]     (no root needed; the jar built)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
STREAM=${2:-1}
SHARED=${WIRETOP_SHARED:-../shared}
OUT=bench/out
mkdir -p "$OUT"
[ -f "$SHARED/tools/bench/mkpcap.c" ] || { echo "follow-speed: $SHARED/tools/bench/mkpcap.c not found (set WIRETOP_SHARED)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "follow-speed: tshark not found: apt-get install tshark" >&2; exit 1; }
[ -f tui/target/wiretop.jar ] || { echo "follow-speed: tui/target/wiretop.jar missing: run mvn -B verify first" >&2; exit 1; }
gcc -O2 -o "$OUT/mkpcap" "$SHARED/tools/bench/mkpcap.c"
FILE=$OUT/follow-speed-$N.pcap
[ -f "$FILE" ] || "$OUT/mkpcap" "$FILE" "$N" >/dev/null
cat "$FILE" > /dev/null # both read it from the page cache: the first reader would pay for the disk alone
export WIRETOP_NO_BUILD=1
./wiretop --version > /dev/null
run() { # NAME OUTFILE COMMAND... : prints "seconds maxrss_kib"
    local name=$1 out=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$OUT/follow-speed.$name.time" "$@" > "$out" 2>/dev/null
    cat "$OUT/follow-speed.$name.time"
}
echo "file: $FILE ($N packets, $(du -h "$FILE" | cut -f1)); stream $STREAM; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
read -r w_s w_kb < <(run wiretop "$OUT/follow-speed.wiretop.raw" ./wiretop follow "$FILE" --stream "$STREAM" --format raw --side client)
read -r t_s t_kb < <(run tshark "$OUT/follow-speed.tshark.txt" tshark -r "$FILE" -q -z "follow,tcp,raw,$STREAM")
# tshark's raw output is hex, one line a chunk (the server's indented): keep the client's bytes
grep -v -e '^=' -e '^Follow:' -e '^Filter:' -e '^Node ' -e '^	' -e '^$' "$OUT/follow-speed.tshark.txt" | xxd -r -p > "$OUT/follow-speed.tshark.raw"
same=$(cmp -s "$OUT/follow-speed.wiretop.raw" "$OUT/follow-speed.tshark.raw" && echo equal || echo DIFFERENT)
printf 'wiretop follow: %6.2f s  %8d KiB peak RSS (%s client bytes)\n' "$w_s" "$w_kb" "$(stat -c %s "$OUT/follow-speed.wiretop.raw")"
printf 'tshark follow:  %6.2f s  %8d KiB peak RSS\n' "$t_s" "$t_kb"
printf 'speed: %.1fx tshark; RSS: %.2f of tshark'"'"'s; bytes %s\n' "$(echo "$t_s / $w_s" | bc -l)" "$(echo "$w_kb / $t_kb" | bc -l)" "$same"
