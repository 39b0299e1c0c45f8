#!/usr/bin/env bash
# The live demo: bring a lab up (guests as network namespaces on a bridge,
# with a benign background workload), start the agent on its bridge with
# its history store and web UI, run a few attacks from the rogue guest, and
# show the alerts as they arrive, in the terminal and in the UI's map.
# Ctrl-C (or the end of the attacks plus a minute) tears it all down.
# Needs root. Uses nmap and hping3 when installed, a built-in Go generator
# otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/crosstalk}
LAB=${LAB:-demo}

if [ "$(id -u)" != 0 ]; then
	echo "demo: needs root (network namespaces and AF_PACKET)" >&2
	exit 2
fi
[ -x "$BIN" ] || { echo "demo: build first (make build)" >&2; exit 2; }

agent=
cleanup() {
	trap - EXIT INT TERM
	[ -n "$agent" ] && kill -INT "$agent" 2>/dev/null && wait "$agent" 2>/dev/null || true
	"$BIN" lab down --name "$LAB" >/dev/null 2>&1 || true
	echo "demo: lab $LAB removed"
}
trap cleanup EXIT INT TERM

"$BIN" lab up --name "$LAB"
state=/run/crosstalk/lab/$LAB
bridge=$("$BIN" lab status --name "$LAB" --format json | sed -n 's/.*"bridge": *"\([^"]*\)".*/\1/p' | head -n 1)
UI=${UI:-127.0.0.1:9747}
cat >"$state/agent.yaml" <<EOF
api: {addr: "$UI", token_file: "$state/api.token"}
store: {path: "$state/agent.db"}
socket: "$state/agent.sock"
EOF
echo
echo "demo: agent on bridge $bridge; alerts below as they open (also in $state/alerts.jsonl)"
"$BIN" agent --config "$state/agent.yaml" --bridge "$bridge" --guests "$state/guests.yaml" \
	--alerts-file "$state/alerts.jsonl" --format table 2>"$state/agent.log" &
agent=$!
for _ in $(seq 50); do [ -s "$state/api.token" ] && break; sleep 0.2; done
url="http://$UI/#token=$(head -n 1 "$state/api.token")"
echo "demo: the web UI (map, alerts, guests): $url"
echo "demo: (from another machine: ssh -L ${UI##*:}:$UI this-host, then open the same URL)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
	xdg-open "$url" >/dev/null 2>&1 || true
fi
sleep 15 # a quiet start: the benign workload alone raises nothing

for attack in "portscan --to db-1" "sweep" "synflood --to web-1" "spoof --to web-1" "worm"; do
	echo "demo: crosstalk lab attack $attack" >&2
	# shellcheck disable=SC2086
	"$BIN" lab attack $attack --name "$LAB" >/dev/null || echo "demo: attack $attack failed" >&2
	sleep 5
done
echo "demo: attacks done; watching for a minute (Ctrl-C to stop)" >&2
sleep 60
