#!/usr/bin/env bash
# A/B of `wiretop read` between two builds in ONE run (the machine may be shared: runs are
# interleaved A, B, A, B ... and the best of ROUNDS is kept for each), on the 1 M-packet file of
# bench/read-speed.sh. Prints the best wall and CPU (user + system) time of each build for plain
# text (on a loaded machine CPU time is the steadier of the two), then the cost of tcpdump's text
# flags (-v, -e, -X, --payload) on build B.
# Usage: bench/read-ab.sh OLD.jar NEW.jar [ROUNDS=5] [FILE=bench/out/read-speed-1000000.pcap]
# (build B with `mvn -B -q package -DskipTests -pl tui -am`; keep a copy of the old jar first)
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:?old jar}
B=${2:?new jar}
ROUNDS=${3:-5}
FILE=${4:-bench/out/read-speed-1000000.pcap}
[ -f "$FILE" ] || { echo "read-ab: $FILE missing: run bench/read-speed.sh once (it makes it)" >&2; exit 1; }
JAVA=(java -XX:+UseParallelGC -Xss1m -XX:InlineSmallCode=500)  # the launcher's flags

run() { # JAR ARGS... : "wall cpu" seconds of one run, output discarded
    local TIMEFORMAT="%R %U %S" t
    t=$( { time "${JAVA[@]}" -jar "$@" > /dev/null 2>&1; } 2>&1 | tail -1)
    echo "$t" | awk '{printf "%s %.2f\n", $1, $2 + $3}'
}
best() { sort -g | head -1; }
col() { awk -v c="$1" '{print $c}'; }

echo "file: $FILE; best of $ROUNDS interleaved rounds; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
ra=(); rb=()
for _ in $(seq "$ROUNDS"); do
    ra+=("$(run "$A" read "$FILE")")
    rb+=("$(run "$B" read "$FILE")")
done
for side in A B; do
    if [ "$side" = A ]; then runs=("${ra[@]}"); else runs=("${rb[@]}"); fi
    w=$(printf '%s\n' "${runs[@]}" | col 1 | best); c=$(printf '%s\n' "${runs[@]}" | col 2 | best)
    printf '%s read (text)   best wall %6.2f s   best CPU %6.2f s   (wall CPU: %s)\n' "$side" "$w" "$c" \
        "$(printf '%s, ' "${runs[@]}")"
    eval "w_$side=$w c_$side=$c"
done
printf 'B / A: wall %.3f, CPU %.3f\n' "$(echo "$w_B / $w_A" | bc -l)" "$(echo "$c_B / $c_A" | bc -l)"
# Steady state, thread CPU clock (the least disturbed by a loaded machine): decode + text only.
classes=bench/target/classes
if [ -f "$classes/org/wiretop/bench/ReadCpu.class" ]; then
    for _ in 1 2 3; do
        "${JAVA[@]}" -Xmx1g -cp "$A:$classes" org.wiretop.bench.ReadCpu "$FILE" 300000 A 2>/dev/null
        "${JAVA[@]}" -Xmx1g -cp "$B:$classes" org.wiretop.bench.ReadCpu "$FILE" 300000 B 2>/dev/null
    done
else
    echo "(bench/target/classes missing: build the bench module for the steady-state A/B)"
fi
for flags in "-v" "-vv" "-e" "-X" "-e -vv -X" "--payload"; do
    t=()
    for _ in $(seq "$ROUNDS"); do
        # shellcheck disable=SC2086  # the flags are words on purpose
        t+=("$(run "$B" read "$FILE" $flags)")
    done
    printf 'B read %-12s best wall %6.2f s   best CPU %6.2f s\n' "$flags" \
        "$(printf '%s\n' "${t[@]}" | col 1 | best)" "$(printf '%s\n' "${t[@]}" | col 2 | best)"
done
