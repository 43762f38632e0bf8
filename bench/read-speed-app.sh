#!/usr/bin/env bash
# `wiretop read` on application traffic against tcpdump and tshark (with the application fields),
# in ONE run each (issue 11):
#   1. the AppMix file: 20 % DNS, 10 % HTTP, 10 % TLS handshakes, 60 % plain transport
#      (bench/src/main/java/org/wiretop/bench/AppMix.java); targets text >= 5x tcpdump -nn -r,
#      json >= 2x tcpdump's text rate, >= 30x tshark -T fields with the app fields;
#   2. a replay of real application traffic (as root: dig/dnsmasq, curl/http.server,
#      openssl s_client/s_server, redis-cli/redis-server, recorded on lo by wiretop and repeated to
#      PACKETS): target text >= 10x tcpdump, whose printers are slow on such traffic.
# Each prints the time table and the text comparison with tcpdump (bench/read-speed.sh).
# Usage: bench/read-speed-app.sh [PACKETS=1000000] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
ROUNDS=${2:-3}
OUT=bench/out
mkdir -p "$OUT"
[ -f bench/target/benchmarks.jar ] || mvn -B -q -pl bench -am package -DskipTests > "$OUT/app-build.log" 2>&1
MIX="$OUT/app-mix-$N.pcap"
[ -f "$MIX" ] || java -cp bench/target/benchmarks.jar org.wiretop.bench.AppMixPcap "$MIX" "$N"
echo "== application mix (AppMix)"
READ_SPEED_FILE="$MIX" READ_SPEED_TSHARK=app bench/read-speed.sh "$N" "$ROUNDS"

REPLAY="$OUT/app-replay-$N.pcap"
if [ ! -f "$REPLAY" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "read-speed-app: the replay needs root to record real traffic on lo: skipped" >&2
        exit 0
    fi
    bench/app-traffic.sh "$OUT/app-traffic.pcap"
    java -cp bench/target/benchmarks.jar org.wiretop.bench.PcapRepeat "$OUT/app-traffic.pcap" "$REPLAY" "$N"
fi
echo "== replay of real application traffic ($(basename "$REPLAY"))"
READ_SPEED_FILE="$REPLAY" READ_SPEED_TSHARK=app bench/read-speed.sh "$N" "$ROUNDS"
