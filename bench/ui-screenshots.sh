#!/usr/bin/env bash
# Text screenshots of every view of the wiretop UI, taken from tmux into docs/screenshots/*.txt.
# Starts the echo and upper servers from the Servers view and talks to them with the quick
# client, so every view has something to show. Needs root (capture), tmux and the built jar.
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
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT

tmux new-session -d -s "$session" -x 150 -y 32 "java -jar $jar -i lo 'port 12345 or port 11111'; sleep 60"
wait_for() { for _ in $(seq 400); do tmux capture-pane -p -t "$session" | grep -q -- "$1" && return 0; sleep 0.1; done; echo "ui-screenshots: '$1' never showed" >&2; exit 1; }
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
keys Escape; keys q
