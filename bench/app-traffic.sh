#!/usr/bin/env bash
# Records real application traffic on lo into a pcap (as root), for bench/read-speed-app.sh:
# dig against dnsmasq (53), curl against python3 -m http.server (80), openssl s_client against
# s_server (443), redis-cli against redis-server (6379), ssh against sshd (22) — all on 127.0.0.2,
# each server started here and stopped at the end; every loop is bounded in count.
# Usage: bench/app-traffic.sh OUT.pcap [ROUNDS=40]
set -euo pipefail
cd "$(dirname "$0")/.."
OUTPCAP=$1
ROUNDS=${2:-40}
ADDR=127.0.0.2
TMP=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
export WIRETOP_NO_BUILD=${WIRETOP_NO_BUILD:-}
for tool in dig dnsmasq curl python3 openssl redis-server redis-cli ssh ssh-keygen; do
    command -v "$tool" >/dev/null || { echo "app-traffic: $tool is not installed (scripts/setup)" >&2; exit 1; }
done
./wiretop capture -i lo -w "$OUTPCAP" "host $ADDR" 2>"$TMP/capture.err" & pids+=($!)
dnsmasq --no-daemon --conf-file=/dev/null --port=53 --listen-address=$ADDR --bind-interfaces --no-resolv --no-hosts \
    --pid-file= --host-record=www.example.test,192.0.2.10,2001:db8::10 --cname=alias.example.test,www.example.test \
    2>/dev/null & pids+=($!)
mkdir -p "$TMP/www" && head -c 20000 /dev/urandom | base64 > "$TMP/www/index.html"
(cd "$TMP/www" && exec python3 -m http.server 80 --bind $ADDR) >/dev/null 2>&1 & pids+=($!)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -keyout "$TMP/k.pem" -out "$TMP/c.pem" -days 1 \
    -nodes -subj /CN=www.example.test 2>/dev/null
openssl s_server -accept $ADDR:443 -cert "$TMP/c.pem" -key "$TMP/k.pem" -alpn h2,http/1.1 -quiet \
    >/dev/null 2>&1 < /dev/null & pids+=($!)
redis-server --port 6379 --bind $ADDR --save '' --appendonly no --daemonize no >/dev/null 2>&1 & pids+=($!)
ssh-keygen -q -t ed25519 -N '' -f "$TMP/host" && ssh-keygen -q -t ed25519 -N '' -f "$TMP/user"
cp "$TMP/user.pub" "$TMP/authorized_keys"
/usr/sbin/sshd -D -f /dev/null -p 22 -o ListenAddress=$ADDR -h "$TMP/host" -o PidFile=none \
    -o AuthorizedKeysFile="$TMP/authorized_keys" -o StrictModes=no >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 50); do grep -q "listening on" "$TMP/capture.err" 2>/dev/null && break; sleep 0.1; done
sleep 1
for i in $(seq "$ROUNDS"); do
    dig @$ADDR +time=1 +tries=1 www.example.test A >/dev/null || true
    dig @$ADDR +time=1 +tries=1 alias.example.test AAAA >/dev/null || true
    curl -s -o /dev/null "http://$ADDR/index.html?$i" || true
    echo | timeout 3 openssl s_client -connect $ADDR:443 -servername www.example.test -alpn h2 >/dev/null 2>&1 || true
    redis-cli -h $ADDR -p 6379 SET "key$i" "value$i" >/dev/null || true
    redis-cli -h $ADDR -p 6379 GET "key$i" >/dev/null || true
    if [ $((i % 10)) = 1 ]; then
        timeout 5 ssh -i "$TMP/user" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
            -p 22 root@$ADDR true >/dev/null 2>&1 || true
    fi
done
sleep 1
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
echo "app-traffic: $(./wiretop read "$OUTPCAP" 2>/dev/null | wc -l) packets in $OUTPCAP" >&2
