#!/usr/bin/env bash
# datapath.sh measures what watching and enforcing costs the guests:
# intra-host throughput between two lab guests (web-1 -> db-1) with
#
#   none         no agent, no filter (the baseline)
#   afpacket     the agent on the AF_PACKET datapath
#   ebpf         the agent on the eBPF datapath, observing
#   ebpf-N       the same enforcing a policy of N rules, 10, 1,000 and
#                10,000 (the traffic measured is allowed by the last one)
#   nft-1000     no agent; an nftables bridge-family forward chain of the
#                same 1,000 rules as linear rules (what libvirt nwfilter
#                and ebtables-style tools do)
#
# For each, REPS (3) interleaved repetitions of: iperf3 TCP, 1 stream and
# 4 streams (bits/s), and iperf3 UDP with 64-byte datagrams as fast as it
# sends (datagrams received per second). Prints the medians and each as a
# ratio of the same run's baseline. Needs root, iperf3 and nft; traffic
# stays inside the lab's namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
DUR=${DUR:-5}
[ "$(id -u)" = 0 ] || { echo "datapath.sh: needs root" >&2; exit 2; }
for t in iperf3 nft jq; do command -v "$t" >/dev/null || { echo "datapath.sh: needs $t" >&2; exit 2; }; done

work=$(mktemp -d)
BIN=$work/crosstalk
go build -o "$BIN" ./cmd/crosstalk
LAB=dpb
STATE=$work/lab
agent=
cleanup() {
	[ -n "$agent" ] && kill -INT "$agent" 2>/dev/null && wait "$agent" 2>/dev/null || true
	nft delete table bridge ctbench 2>/dev/null || true
	"$BIN" agent --cleanup --config "$work/ebpf.yaml" >/dev/null 2>&1 || true
	"$BIN" lab down --name "$LAB" --state-dir "$STATE" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
"$BIN" lab up --name "$LAB" --state-dir "$STATE" --guests 4 --no-workload >/dev/null
status=$("$BIN" lab status --name "$LAB" --state-dir "$STATE" --format json)
bridge=$(jq -r .bridge <<<"$status")
ns() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .namespace' <<<"$status"; }
ip4() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .ips[] | select(test(":") | not)' <<<"$status"; }
WEB=$(ns web-1) DB=$(ns db-1) DBIP=$(ip4 db-1) WEBIP=$(ip4 web-1)
ip netns exec "$DB" iperf3 -s -D -p 5201 >/dev/null

# Policies of N rules: N-1 that do not match this traffic, then the one
# that allows it. The 1,000 also as nftables rules.
for n in 10 1000 10000; do
	{
		echo "version: 1"
		echo "policies:"
		echo "  - {name: bench, mode: enforce, scope: name=db-1, rules: ["
		for i in $(seq 1 $((n - 1))); do
			echo "      {name: r$i, from: tier=t$((i % 50)), to: name=db-1, ports: [tcp/$((10000 + i))], action: allow},"
		done
		echo "      {name: web, from: name=web-1, to: name=db-1, action: allow}]}"
	} >"$work/policy-$n.yaml"
done
{
	echo "table bridge ctbench {"
	echo "  chain forward { type filter hook forward priority 0; policy accept;"
	for i in $(seq 1 999); do
		echo "    ip saddr 10.99.$((i / 250)).$((i % 250 + 1)) tcp dport $((10000 + i)) drop"
	done
	echo "    ip saddr $WEBIP ip daddr $DBIP accept"
	echo "  }"
	echo "}"
} >"$work/nft.conf"
printf 'ebpf: {pin_path: /sys/fs/bpf/crosstalk-bench}\nsocket: %s\n' "$work/agent.sock" >"$work/ebpf.yaml"

start_agent() { # DATAPATH
	"$BIN" agent --config "$work/ebpf.yaml" --datapath "$1" --bridge "$bridge" --guests "$STATE/guests.yaml" \
		--format jsonl >/dev/null 2>"$work/agent.log" &
	agent=$!
	for _ in $(seq 100); do [ -S "$work/agent.sock" ] && break; sleep 0.1; done
	sleep 1
}
stop_agent() {
	[ -n "$agent" ] && kill -INT "$agent" && wait "$agent" 2>/dev/null || true
	agent=
	"$BIN" agent --cleanup --config "$work/ebpf.yaml" >/dev/null 2>&1 || true
}
setup() { # MODE
	case $1 in
	none) ;;
	afpacket) start_agent afpacket ;;
	ebpf) start_agent ebpf ;;
	ebpf-*) start_agent ebpf; "$BIN" policy apply "$work/policy-${1#ebpf-}.yaml" --socket "$work/agent.sock" >/dev/null ;;
	nft-1000) nft -f "$work/nft.conf" ;;
	esac
}
teardown() { # MODE
	case $1 in
	nft-1000) nft delete table bridge ctbench ;;
	none) ;;
	*) stop_agent ;;
	esac
}
tcp() { # STREAMS -> bits/s received
	ip netns exec "$WEB" iperf3 -c "$DBIP" -p 5201 -t "$DUR" -P "$1" -J | jq '.end.sum_received.bits_per_second'
}
udp() { # -> datagrams received per second
	ip netns exec "$WEB" iperf3 -c "$DBIP" -p 5201 -u -b 0 -l 64 -t "$DUR" -J |
		jq '(.end.sum.packets - .end.sum.lost_packets) / .end.sum.seconds'
}

MODES="none afpacket ebpf ebpf-10 ebpf-1000 ebpf-10000 nft-1000"
declare -A res base
for rep in $(seq "$REPS"); do
	for m in $MODES; do
		setup "$m"
		res[$m,tcp1]+="$(tcp 1) "
		res[$m,tcp4]+="$(tcp 4) "
		res[$m,udp]+="$(udp) "
		teardown "$m"
		echo "datapath.sh: rep $rep $m done" >&2
	done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-10s %14s %7s %14s %7s %14s %7s\n' mode "tcp 1 (Gb/s)" ratio "tcp 4 (Gb/s)" ratio "udp 64B (kpps)" ratio
for k in tcp1 tcp4 udp; do base[$k]=$(median <<<"${res[none,$k]}"); done
for m in $MODES; do
	line=$(printf '%-10s' "$m")
	for k in tcp1 tcp4 udp; do
		v=$(median <<<"${res[$m,$k]}")
		if [ "$k" = udp ]; then shown=$(awk -v v="$v" 'BEGIN {printf "%.1f", v / 1000}'); else shown=$(awk -v v="$v" 'BEGIN {printf "%.2f", v / 1e9}'); fi
		line+=$(printf ' %14s %7s' "$shown" "$(awk -v v="$v" -v b="${base[$k]}" 'BEGIN {printf "%.2f", v / b}')")
	done
	echo "$line"
done
echo "(medians of $REPS interleaved runs of ${DUR}s; ratio: to 'none' in the same run; $(uname -r), $(nproc) CPUs)"
