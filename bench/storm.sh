#!/usr/bin/env bash
# storm.sh measures the eBPF datapath under many new flows, in the lab:
#
#   starts   flow starts a second from web-1 to db-1 (raw SYNs, each a new
#            4-tuple, answered by db-1's RSTs) at RATES (20,000 and
#            50,000 a second by default) for DUR seconds: how many were
#            sent, how many the kernel saw, how many flows the agent's
#            flow table created, how many events were lost and how many
#            starts the per-port rate suppressed (sent vs seen).
#            SCANS=0 leaves the scans out; START_RATE overrides the agent's ebpf start_rate (burst a
#            tenth of it).
#   storm    raw SYNs from rogue to db-1 as fast as two senders go, each a
#            new 4-tuple (a new flow each), for DUR seconds: the packets a
#            second that reach db-1 with no agent (the baseline), with the
#            agent observing and with it enforcing a 1,000-rule policy
#            that allows the flood. Then, under the flood, rogue also runs
#            the lab's SYN port scan of db-1, UDP port scan of app-1 and
#            ping sweep of the subnet (nmap), and the script lists the
#            alerts that come out: portscan (both) and sweep are expected.
#
# Prints a table of each, with ratios to the same run's baseline. Needs
# root, nmap, jq and curl; traffic stays inside the lab's namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${DUR:-5}
REPS=${REPS:-3}
RATES=${RATES:-"20000 50000"}
[ "$(id -u)" = 0 ] || { echo "storm.sh: needs root" >&2; exit 2; }
for t in nmap jq curl; do command -v "$t" >/dev/null || { echo "storm.sh: needs $t" >&2; exit 2; }; done

work=$(mktemp -d)
BIN=$work/crosstalk
go build -o "$BIN" ./cmd/crosstalk
LAB=stb
STATE=$work/lab
METRICS=127.0.0.1:9799
agent=
cleanup() {
	[ -n "$agent" ] && kill -INT "$agent" 2>/dev/null && wait "$agent" 2>/dev/null || true
	"$BIN" agent --cleanup --config "$work/agent.yaml" >/dev/null 2>&1 || true
	"$BIN" lab down --name "$LAB" --state-dir "$STATE" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
"$BIN" lab up --name "$LAB" --state-dir "$STATE" --guests 8 --no-workload >/dev/null
status=$("$BIN" lab status --name "$LAB" --state-dir "$STATE" --format json)
bridge=$(jq -r .bridge <<<"$status")
ns() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .namespace' <<<"$status"; }
ip4() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .ips[] | select(test(":") | not)' <<<"$status"; }
WEB=$(ns web-1) DB=$(ns db-1) ROGUE=$(ns rogue) DBIP=$(ip4 db-1) WEBIP=$(ip4 web-1)
printf 'ebpf: {pin_path: /sys/fs/bpf/crosstalk-storm%s}\nsocket: %s\n' "${START_RATE:+, start_rate: $START_RATE, start_burst: $((START_RATE / 10))}" "$work/agent.sock" >"$work/agent.yaml"
{
	echo "version: 1"
	echo "policies:"
	echo "  - {name: bench, mode: enforce, scope: name=db-1, rules: ["
	for i in $(seq 1 998); do
		echo "      {name: r$i, from: tier=t$((i % 50)), to: name=db-1, ports: [tcp/$((10000 + i))], action: allow},"
	done
	echo "      {name: web, from: name=web-1, to: name=db-1, action: allow},"
	echo "      {name: rogue, from: name=rogue, to: name=db-1, action: allow}]}"
} >"$work/policy.yaml"

start_agent() {
	: >"$work/alerts.jsonl"
	"$BIN" agent --config "$work/agent.yaml" --datapath ebpf --bridge "$bridge" --guests "$STATE/guests.yaml" \
		--metrics "$METRICS" --alerts-file "$work/alerts.jsonl" --format jsonl >/dev/null 2>"$work/agent.log" &
	agent=$!
	for _ in $(seq 100); do [ -S "$work/agent.sock" ] && break; sleep 0.1; done
	sleep 1
}
stop_agent() {
	[ -n "$agent" ] && kill -INT "$agent" && wait "$agent" 2>/dev/null || true
	agent=
	"$BIN" agent --cleanup --config "$work/agent.yaml" >/dev/null 2>&1 || true
}
setup() { # MODE
	case $1 in
	none) ;;
	observe) start_agent ;;
	enforce) start_agent; "$BIN" policy apply "$work/policy.yaml" --socket "$work/agent.sock" >/dev/null ;;
	esac
}
teardown() { [ "$1" = none ] || stop_agent; }
metric() { # NAME -> the sum of its samples
	curl -sf "http://$METRICS/metrics" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 {s += $2} END {printf "%.0f\n", s}'
}
rx() { # NAMESPACE -> packets its eth0 received
	ip netns exec "$1" cat /sys/class/net/eth0/statistics/rx_packets
}

# --- starts: sent vs seen ---------------------------------------------------
allow=$(jq -c '[.guests[].ips[]] | map(if test(":") then . + "/128" else . + "/32" end)' <<<"$status")
declare -A st
for rate in $RATES; do
	start_agent
	c0=$(metric crosstalk_flowtable_flows_created_total) l0=$(metric crosstalk_ebpf_events_lost_total)
	s0=$(metric crosstalk_ebpf_starts_suppressed_total)
	# 8 ports x 64,000 source ports: no 4-tuple repeats within the run.
	spec=$(jq -cn --arg dst "$DBIP" --arg src "$WEBIP" --argjson allow "$allow" --argjson rate "$rate" --argjson dur "$((DUR * 1000000000))" \
		'{gen: "raw", flags: "syn", src: $src, targets: [$dst], port_lo: 30001, port_hi: 30008, rate: $rate, duration: $dur, allow: $allow}')
	out=$(ip netns exec "$WEB" "$BIN" lab attack-run --ns "$WEB" --spec "$spec" 2>&1) || true
	sent=$(sed -n 's/^raw TCP: \([0-9]*\) SYN segments.*/\1/p' <<<"$out")
	[ -n "$sent" ] || { echo "storm.sh: the generator said: $out" >&2; exit 1; }
	sleep 2 # a drain or two
	st[$rate]="$sent $(($(metric crosstalk_flowtable_flows_created_total) - c0)) $(($(metric crosstalk_ebpf_events_lost_total) - l0)) $(($(metric crosstalk_ebpf_starts_suppressed_total) - s0))"
	stop_agent
	echo "storm.sh: starts at $rate/s done" >&2
done
echo
printf '%-12s %10s %10s %8s %10s %10s\n' "starts/s" sent seen "seen %" lost suppressed
for rate in $RATES; do
	read -r sent seen lost supp <<<"${st[$rate]}"
	printf '%-12s %10s %10s %8s %10s %10s\n' "$rate" "$sent" "$seen" "$(awk -v a="$seen" -v b="$sent" 'BEGIN {printf "%.2f", 100 * a / b}')" "$lost" "$supp"
done

# --- storm: forwarding, and the scan detectors --------------------------------
# The storm: raw SYNs from rogue to 64 closed ports of db-1 from two
# senders, as fast as they go; each walks the source ports, so no 4-tuple
# repeats within 64 x 64,000 segments (hping3 --flood repeats its source
# ports after 64 K, and then its SYNs are packets of known flows).
storm_spec() { # SECONDS
	jq -cn --arg dst "$DBIP" --arg src "$(ip4 rogue)" --argjson allow "$allow" --argjson dur "$(($1 * 1000000000))" \
		'{gen: "raw", flags: "syn", src: $src, targets: [$dst], port_lo: 40001, port_hi: 40064, rate: 200000, workers: 2, duration: $dur, allow: $allow}'
}
storm() { # SECONDS
	ip netns exec "$ROGUE" "$BIN" lab attack-run --ns "$ROGUE" --spec "$(storm_spec "$1")"
}
flood() { # -> packets a second db-1 received during DUR seconds of the storm
	local r0 r1
	r0=$(rx "$DB")
	storm "$DUR" >/dev/null 2>&1 || true
	r1=$(rx "$DB")
	echo $(((r1 - r0) / DUR))
}
attack() { "$BIN" lab attack "$@" --name "$LAB" --state-dir "$STATE" >/dev/null 2>&1; }
declare -A fw
for rep in $(seq "$REPS"); do
	for m in none observe enforce; do
		setup "$m"
		fw[$m]+="$(flood) "
		teardown "$m"
		echo "storm.sh: storm rep $rep $m done" >&2
	done
done
# The scans, from the storm's own guest and port while the storm runs: the
# port's start budget goes mostly to the flood.
fired=
for m in $([ "${SCANS:-1}" = 0 ] || echo observe enforce); do
	setup "$m"
	s0=$(metric crosstalk_ebpf_starts_suppressed_total)
	storm 120 >/dev/null 2>&1 &
	fl=$!
	sleep 1
	attack portscan --to db-1
	attack portscan --type udp --to app-1
	attack sweep
	kill -INT "$fl" 2>/dev/null; wait "$fl" 2>/dev/null || true
	supp=$(($(metric crosstalk_ebpf_starts_suppressed_total) - s0))
	sleep 8 # unanswered ARP requests fail after their timeout
	kinds=$(jq -r 'select(.src.guest == "rogue") | .kind + (if .kind == "portscan" then "/" + .dst.guest + "/" + (.evidence.probe_types | keys | join("+")) else "" end)' "$work/alerts.jsonl" | sort -u | tr '\n' ' ')
	fired+="$m ($supp starts suppressed): $kinds"$'\n'
	teardown "$m"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median <<<"${fw[none]}")
echo
printf '%-10s %16s %7s\n' mode "forwarded (kpps)" ratio
for m in none observe enforce; do
	v=$(median <<<"${fw[$m]}")
	printf '%-10s %16s %7s\n' "$m" "$(awk -v v="$v" 'BEGIN {printf "%.1f", v / 1000}')" "$(awk -v v="$v" -v b="$base" 'BEGIN {printf "%.2f", v / b}')"
done
echo
echo "alerts from rogue during the storm (portscan/target/probe types):"
printf '%s' "$fired"
echo "(starts: ${DUR}s at each rate; storm: medians of $REPS interleaved runs of ${DUR}s, ratio to no agent in the same run; $(uname -r), $(nproc) CPUs)"
