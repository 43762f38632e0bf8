#!/usr/bin/env bash
# Text screenshots of every view of the wiretop UI, taken from tmux into docs/screenshots/*.txt.
# Starts the echo and upper servers from the Servers view and talks to them with the quick
# client, so every view has something to show; with dig and dnsmasq installed, also asks a
# dnsmasq on 127.0.0.1:35353 for the DNS shots. Needs root (capture), tmux and the built jar.
# Traffic stays on 127.0.0.1. Usage: sudo bench/ui-screenshots.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/tui/target/wiretop.jar"
out="$here/docs/screenshots"
session="wiretop-shots-$$"
[ "$(id -u)" = 0 ] || { echo "ui-screenshots: run as root (capture rights)" >&2; exit 2; }
command -v tmux >/dev/null || { echo "ui-screenshots: tmux is missing" >&2; exit 2; }
[ -f "$jar" ] || (cd "$here" && mvn -B -q -o -Dmaven.test.skip=true -pl tui -am package) >/dev/null
mkdir -p "$out"
dns_port=35353
dnsmasq_pid=""
trap 'tmux kill-session -t "$session" 2>/dev/null || true; [ -z "$dnsmasq_pid" ] || kill "$dnsmasq_pid" 2>/dev/null || true' EXIT
if command -v dig >/dev/null && command -v dnsmasq >/dev/null; then
  dnsmasq --no-daemon --port "$dns_port" --listen-address 127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
    --conf-file=/dev/null --pid-file --address=/example.test/192.0.2.1 2>/dev/null &
  dnsmasq_pid=$!
fi

tmux new-session -d -s "$session" -x 150 -y 32 "java -jar $jar -i lo 'port 12345 or port 11111 or port $dns_port'; sleep 60"
wait_for() { for _ in $(seq 400); do tmux capture-pane -p -t "$session" | grep -q -- "$1" && return 0; sleep 0.1; done; echo "ui-screenshots: '$1' never showed" >&2; tmux capture-pane -p -t "$session" >&2; exit 1; }
keys() { tmux send-keys -t "$session" "$@"; sleep 0.4; }
shot() { sleep 0.6; tmux capture-pane -p -t "$session" >"$out/$1.txt"; echo "wrote $out/$1.txt"; }

wait_for "1 Packets"
keys 4; wait_for "Listening on"
keys Space; wait_for "running"                 # echo
keys Down Down Down; keys Space                 # upper (UDP)
keys Up Up Up; keys Enter; keys -l "hello wiretop"; keys Enter; wait_for "Quick client reply: hello"
keys Down Down Down; keys Enter; keys -l "make me loud"; keys Enter; wait_for "MAKE ME LOUD"
shot servers
keys 1; shot packets
keys Up Up Up Enter Down Down Down; shot detail
keys Escape; sleep 0.5; keys 2; shot connections
keys 3 t s; shot sockets
keys 1 /; keys -l "tcp.port == 12345 && tcp.len > 0"; keys Enter; shot packets-filtered
keys '?'; shot help
keys Escape
if [ -n "$dnsmasq_pid" ]; then
  keys /; for _ in $(seq 40); do tmux send-keys -t "$session" BSpace; done; keys -l "dns"; keys Enter
  dig @127.0.0.1 -p "$dns_port" example.test A +tries=2 +time=1 >/dev/null
  dig @127.0.0.1 -p "$dns_port" www.example.test AAAA +tries=2 +time=1 >/dev/null
  wait_for "Standard query response"; shot packets-dns
  keys Up Up Enter Down Down Down Down; shot detail-dns
  keys Escape
fi
keys q
