#!/usr/bin/env bash
# agent.sh measures the live agent (`crosstalk agent`) on a namespace lab:
# what its AF_PACKET ring captures, what it drops, and what it costs in CPU
# and memory, idle and under generated load.
#
# For each guest count in GUESTS (default "8 64") it
#
#   1. builds a lab (`crosstalk lab up --name NAME --guests N --no-workload`,
#      state in a temporary directory), so that the only traffic on the
#      bridge is what this script generates;
#   2. runs one step after the other; each step starts a fresh agent
#
#        taskset -c 0 crosstalk agent --bridge ct-NAME --guests STATE/guests.yaml --config CFG
#
#      with CFG = afpacket: {block_size: 1048576, num_blocks: 32,
#      block_timeout: 100ms, snaplen: 256}, waits for "agent started" and
#      one second more, then measures a window:
#        - idle:      nothing for DUR seconds (the baseline);
#        - udp RATE:  CLIENTS iperf3 UDP clients (-u -l LEN), each in its own
#                     guest, each to its own iperf3 server in SERVER (db-1),
#                     at RATE/CLIENTS packets/s each, for DUR seconds;
#        - udp max:   the same with -b 0 (as fast as iperf3 can send);
#        - udp max, no agent: the same without any agent running (what the
#                     machine offers when nothing captures);
#        - udp max, 2 cores: the same with iperf3 not pinned, so the load
#                     also takes the agent's core (the agent stays on core 0);
#        - tcp max:   CLIENTS iperf3 TCP clients, as fast as they go;
#      iperf3 clients and servers run on core 1 (taskset) except in the
#      "2 cores" step. The window ends 0.5 s after the clients (the ring
#      hands over a partly filled block after block_timeout, 100 ms);
#   3. stops the agent with SIGINT and reads its last line, `agent stopped
#      packets=N drops=N frames=N flows=N alerts=N`;
#   4. takes the lab down.
#
# Each step has its own agent so that the agent's own counters (which it
# prints only when it stops) belong to that step alone. Per step:
#
#   iperf3      datagrams the iperf3 clients sent (UDP; their JSON, -J);
#               "-" for TCP (see below)
#   entered     frames that entered the switch from the guests: the sum over
#               the lab's host-side ports of rx_packets
#               (/sys/class/net/PORT/statistics), delta over the window. The
#               agent sees exactly these (it keeps frames entering on the
#               ports, never the copies leaving on other ports)
#   ring        the agent's `packets`: frames the kernel handed its ring, on
#               every interface of the host (other labs and the host's own
#               interfaces included), dropped ones included
#   drops       the agent's `drops`: frames lost because the ring was full
#   captured    the agent's `frames`: frames of the lab's ports that reached
#               the pipeline (decoder, flow table, detectors)
#   capture     captured / the frames that entered the switch while the
#               agent ran (rx_packets read when it logged "agent started" and
#               again just before SIGINT), so both count the same frames
#   pps         entered / DUR (the rate offered to the switch)
#   cpu%        the agent's utime+stime (/proc/PID/stat) over the window, as
#               % of one core
#               (utime+stime are the scheduler's run time, in 10 ms units;
#               sched_cpu_s in the TSV is the same from schedstat, in ns)
#   cpu/100k    the agent's CPU % of one core per 100,000 packets/s captured:
#               CPU seconds / captured × 10^7 (CPU% / pps × 100,000, both over
#               the window)
#   core0/core1 how busy each core was over the window (/proc/stat, all
#               processes and softirqs): core 1 carries iperf3 and the
#               kernel's forwarding of the frames, core 0 the agent. Kernels
#               with tick-based accounting sample this every tick, which
#               paced senders can alias: trust it near 100%, not below
#   rss/hwm     VmRSS and VmHWM of the agent at the end of the window (MiB);
#               they include the ring (32 MiB, resident from the start: the
#               kernel maps its pages, counted as RssFile) and the binary's
#               text; anon is RssAnon (the Go heap and stacks)
#   alerts      alerts the agent raised in the step, by kind (distinct ids)
#   other       ring - captured: frames of other interfaces of the host (other
#               bridges, the host's own links) that the ring took and the
#               agent read and skipped; the agent's CPU includes them
#
# TCP over veth carries GSO super-frames (up to 64 KiB): the ports, the ring
# and the agent count those, not wire-sized segments.
#
# Safety: all traffic stays inside the lab: iperf3 runs in the lab's
# namespaces (which have no default route) and targets the server guest's
# address in the lab's subnet, read from `crosstalk lab status`.
#
# On exit (normal, error or Ctrl-C) it stops the agent and every iperf3 it
# started (by pid) and takes its lab down.
#
# usage: bench/agent.sh   (root; env: GUESTS="8 64" RATES="20000 50000 100000
#        200000 max" DUR=10 CLIENTS=4 LEN=64 SERVER=db-1 NAME=bench TCP=1
#        SHARED=1 NOAGENT=1 SETTLE=5 (seconds after lab up before the first
#        step), RESULTS=FILE to keep the raw numbers as TSV,
#        CROSSTALK=BINARY to measure that binary instead of building one)
set -euo pipefail

GUESTS=${GUESTS:-8 64}
RATES=${RATES:-20000 50000 100000 200000 max}
DUR=${DUR:-10}
CLIENTS=${CLIENTS:-4}
LEN=${LEN:-64}
SERVER=${SERVER:-db-1}
NAME=${NAME:-bench}
TCP=${TCP:-1}
SHARED=${SHARED:-1}
NOAGENT=${NOAGENT:-1}
SETTLE=${SETTLE:-5}
RESULTS=${RESULTS:-}

die() { echo "agent.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (namespaces, AF_PACKET)"
for c in ip taskset jq; do command -v "$c" >/dev/null || die "$c not found"; done
[ -n "${CROSSTALK:-}" ] || command -v go >/dev/null || die "go not found (or set CROSSTALK=BINARY)"
if ! command -v iperf3 >/dev/null; then
	command -v apt-get >/dev/null || die "iperf3 not found"
	echo "agent.sh: installing iperf3" >&2
	apt-get install -y -qq iperf3 >/dev/null || die "apt-get install iperf3 failed"
fi
[ "$(nproc)" -ge 2 ] || die "needs 2 cores (agent on core 0, load on core 1)"

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosstalk-agent.XXXXXX")
bin=$tmp/crosstalk
state=""     # state directory of the running lab
agent_pid="" # the running agent
iperf_pids=()

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$agent_pid" ]; then
		kill -INT "$agent_pid" 2>/dev/null || true
		sleep 0.5
		kill -KILL "$agent_pid" 2>/dev/null || true
	fi
	for p in "${iperf_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	if [ -n "$state" ]; then
		"$bin" lab down --name "$NAME" --state-dir "$state" >/dev/null 2>&1 ||
			echo "agent.sh: lab down failed: run crosstalk lab down --name $NAME" >&2
	fi
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${CROSSTALK:-}" ]; then
	cp "$CROSSTALK" "$bin" || die "cannot copy $CROSSTALK"
else
	(cd "$repo" && go build -o "$bin" ./cmd/crosstalk) || die "build failed"
fi
cfg=$tmp/agent.yaml
cat >"$cfg" <<'EOF'
afpacket: {block_size: 1048576, num_blocks: 32, block_timeout: 100ms, snaplen: 256}
EOF
"$bin" agent --check --config "$cfg" >/dev/null || die "agent rejects $cfg"

hz=$(getconf CLK_TCK)
raw=$tmp/results.tsv
printf 'guests\tstep\ttarget_pps\tiperf3_sent\tentered\tentered_life\tring_packets\tdrops\tcaptured\tcapture_pct\tpps\tcpu_s\twindow_s\tcpu_pct\tcpu_per_100k\tcore0_pct\tcore1_pct\trss_mib\thwm_mib\tanon_mib\tflows\talerts\tother_ifaces\tsched_cpu_s\n' >"$raw"

now() { date +%s.%N; }

# cpu_ticks PID: utime + stime in clock ticks (fields 14 and 15 of stat,
# counted after the command name, which may contain spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# cpu_ns PID: the scheduler's run time of all the process's threads, in
# nanoseconds (/proc/PID/task/*/schedstat): the same clock as utime+stime,
# without their 10 ms resolution; a cross-check.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%d", s }'; }

# status_mib PID FIELD: a kB field of /proc/PID/status in MiB.
status_mib() { awk -v f="$2:" '$1 == f { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# core_stat: "busy total" jiffies of cpu0 and cpu1.
core_stat() {
	awk '$1 == "cpu0" || $1 == "cpu1" { t = 0; for (i = 2; i <= 9; i++) t += $i; printf "%d %d ", t - $5 - $6, t }' /proc/stat
}
busy_pct() { # busy_pct "B0 T0 B1 T1" "B0' T0' B1' T1'" CORE
	awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN { split(a, x); split(b, y); i = c * 2 + 1
		d = y[i + 1] - x[i + 1]; v = 0; if (d > 0) v = 100 * (y[i] - x[i]) / d; printf "%.0f", v }'
}

# port_rx: frames that entered the switch from the guests so far (sum of
# the host-side ports' rx_packets).
port_rx() {
	local s=0 p
	for p in /sys/class/net/"$bridge"/brif/*; do
		s=$((s + $(cat "/sys/class/net/${p##*/}/statistics/rx_packets")))
	done
	echo "$s"
}

# start_agent VAR: starts the agent, waits until it has started, sets VAR
# to port_rx at that moment, and gives it one more second.
start_agent() {
	aout=$tmp/agent.out aerr=$tmp/agent.err
	taskset -c 0 "$bin" agent --bridge "$bridge" --guests "$state/guests.yaml" --config "$cfg" >"$aout" 2>"$aerr" &
	agent_pid=$!
	local i
	for i in $(seq 500); do
		if grep -q 'msg="agent started"' "$aerr"; then
			printf -v "$1" %s "$(port_rx)"
			sleep 1
			return
		fi
		kill -0 "$agent_pid" 2>/dev/null || { cat "$aerr" >&2; die "agent exited"; }
		sleep 0.02
	done
	cat "$aerr" >&2
	die "agent did not start within 10 s"
}

# stop_agent: SIGINT, wait, and set packets drops frames flows from its
# last line, and alerts (kinds of the alerts it raised).
stop_agent() {
	kill -INT "$agent_pid"
	wait "$agent_pid" || die "agent exited with $?"
	agent_pid=""
	local line
	line=$(grep 'msg="agent stopped"' "$aerr") || { cat "$aerr" >&2; die "no 'agent stopped' line"; }
	kv() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$line"; }
	packets=$(kv packets) drops=$(kv drops) frames=$(kv frames) flows=$(kv flows)
	alerts=$(jq -r 'select(.kind != null) | "\(.id) \(.kind)"' "$aout" | sort -u |
		awk '{ n[$2]++ } END { for (k in n) printf "%s%s:%d", (s++ ? "," : ""), k, n[k] }')
	alerts=${alerts:-none}
}

# step LABEL TARGET: one measured window. TARGET is idle, a rate in
# packets/s (UDP), max (UDP -b 0), shared (UDP -b 0, iperf3 unpinned),
# noagent (UDP -b 0 with no agent running: what the machine offers without
# the capture) or tcp.
step() {
	local label=$1 target=$2 pin=(taskset -c 1) udp=() i p port
	local ra=0 rz=0 packets=- drops=- frames=- flows=- alerts=- c0=0 c1=0 n0=0 n1=0 rss=- hwm=- anon=-
	if [ "$target" != noagent ]; then start_agent ra; fi
	if [ "$target" = shared ]; then pin=(); fi
	if [ "$target" != idle ]; then
		iperf_pids=()
		for i in $(seq "$CLIENTS"); do
			port=$((5200 + i))
			"${pin[@]}" ip netns exec "$server_ns" iperf3 -s -1 -p "$port" >/dev/null 2>&1 &
			iperf_pids+=($!)
		done
		for i in $(seq 50); do # until every server listens
			[ "$(ip netns exec "$server_ns" ss -ltnH 'sport >= :5201 and sport <= :5299' | wc -l)" -ge "$CLIENTS" ] && break
			sleep 0.1
		done
		case $target in
		tcp) udp=() ;;
		max | shared | noagent) udp=(-u -l "$LEN" -b 0) ;;
		*) udp=(-u -l "$LEN" -b "$((target * LEN * 8 / CLIENTS))") ;;
		esac
	fi
	local t0 r0 s0 t1 r1 s1
	t0=$(now) r0=$(port_rx) s0=$(core_stat)
	if [ -n "$agent_pid" ]; then c0=$(cpu_ticks "$agent_pid") n0=$(cpu_ns "$agent_pid"); fi
	if [ "$target" = idle ]; then
		sleep "$DUR"
	else
		local cl=()
		for i in $(seq "$CLIENTS"); do
			"${pin[@]}" ip netns exec "${client_ns[i - 1]}" iperf3 -c "$server_ip" -p $((5200 + i)) \
				-t "$DUR" -J "${udp[@]}" >"$tmp/client-$i.json" 2>"$tmp/client-$i.err" &
			cl+=($!) iperf_pids+=($!)
		done
		for p in "${cl[@]}"; do wait "$p" || echo "agent.sh: an iperf3 client failed ($label)" >&2; done
		sleep 0.5
	fi
	t1=$(now) r1=$(port_rx) s1=$(core_stat)
	if [ -n "$agent_pid" ]; then
		c1=$(cpu_ticks "$agent_pid") n1=$(cpu_ns "$agent_pid")
		rss=$(status_mib "$agent_pid" VmRSS) hwm=$(status_mib "$agent_pid" VmHWM) anon=$(status_mib "$agent_pid" RssAnon)
	fi
	if [ "$target" != idle ]; then
		sleep 0.5
		for p in "${iperf_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
		iperf_pids=()
	fi
	if [ -n "$agent_pid" ]; then
		rz=$(port_rx)
		stop_agent
	fi
	local sent=- tp=$target
	case $target in
	idle | tcp) tp=- ;;
	max | shared | noagent) tp=max ;;
	esac
	if [ "$target" != idle ] && [ "$target" != tcp ]; then
		sent=$(cat "$tmp"/client-*.json | jq -s '[.[].end.sum.packets // 0] | add')
	fi
	rm -f "$tmp"/client-*.json "$tmp"/client-*.err
	awk -v OFS='\t' -v g="$n" -v l="$label" -v tp="$tp" -v sent="$sent" -v ent=$((r1 - r0)) -v life=$((rz - ra)) \
		-v pk="$packets" -v dr="$drops" -v fr="$frames" -v c="$((c1 - c0))" -v ns="$((n1 - n0))" -v hz="$hz" \
		-v t0="$t0" -v t1="$t1" -v dur="$DUR" -v b0="$(busy_pct "$s0" "$s1" 0)" -v b1="$(busy_pct "$s0" "$s1" 1)" \
		-v rss="$rss" -v hwm="$hwm" -v anon="$anon" -v fl="$flows" -v al="$alerts" 'BEGIN {
		w = t1 - t0; cs = c / hz
		cap = "-"; per = "-"; cpu = "-"; cstr = "-"; other = "-"; sched = "-"
		if (fr != "-") {
			if (life > 0) cap = sprintf("%.2f", 100 * fr / life)
			if (fr > 0) per = sprintf("%.1f", cs / fr * 1e7)
			cpu = sprintf("%.1f", 100 * cs / w); cstr = sprintf("%.2f", cs)
			other = pk - fr
			sched = sprintf("%.3f", ns / 1e9)
		}
		print g, l, tp, sent, ent, life, pk, dr, fr, cap, sprintf("%.0f", ent / dur), cstr, sprintf("%.2f", w),
			cpu, per, b0, b1, rss, hwm, anon, fl, al, other, sched
	}' >>"$raw"
	tail -n 1 "$raw" | awk -F'\t' '{ printf "  %-18s entered %9s  captured %9s  drops %7s  cpu %5s%%  rss %s MiB  alerts %s  other-interfaces %s\n", $2, $5, $9, $8, $14, $18, $22, $23 }'
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "machine:   $(nproc) CPUs, ${cpu:-unknown CPU}, Linux $(uname -r)"
echo "toolchain: $(go version 2>/dev/null | cut -d' ' -f3-), $(iperf3 --version | head -1)"
echo "agent:     taskset -c 0 crosstalk agent --bridge ct-$NAME --guests STATE/guests.yaml --config $(tr -s ' \n' ' ' <"$cfg")"
echo "load:      $CLIENTS iperf3 clients -> $CLIENTS servers in $SERVER, UDP payload $LEN bytes, $DUR s per step; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"

for n in $GUESTS; do
	state=$tmp/state-$n
	t=$(now)
	"$bin" lab up --name "$NAME" --guests "$n" --no-workload --state-dir "$state" >/dev/null ||
		die "lab up --guests $n failed"
	status=$("$bin" lab status --name "$NAME" --state-dir "$state" --format json)
	echo
	echo "== $n guests (lab up in $(awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s)"
	bridge=$(jq -r .bridge <<<"$status")
	server_ns=$(jq -r --arg s "$SERVER" '.guests[] | select(.name == $s) | .namespace' <<<"$status")
	server_ip=$(jq -r --arg s "$SERVER" '.guests[] | select(.name == $s) | .ips[] | select(test("^[0-9.]+$"))' <<<"$status")
	[ -n "$server_ns" ] && [ -n "$server_ip" ] || die "no guest $SERVER in the lab"
	# Clients: CLIENTS guests spread evenly over the others.
	mapfile -t others < <(jq -r --arg s "$SERVER" '.guests[] | select(.name != $s) | .namespace' <<<"$status")
	[ "${#others[@]}" -ge "$CLIENTS" ] || die "$n guests: not enough guests for $CLIENTS clients"
	client_ns=()
	for i in $(seq 0 $((CLIENTS - 1))); do client_ns+=("${others[i * ${#others[@]} / CLIENTS]}"); done
	echo "   server $server_ns ($server_ip), clients ${client_ns[*]}"

	# Let the new guests' start-up chatter (IPv6 DAD, router solicitations)
	# pass, so that idle is idle.
	sleep "$SETTLE"
	step idle idle
	for r in $RATES; do
		if [ "$r" = max ]; then step "udp max" max; else step "udp $r" "$r"; fi
	done
	if [ "$NOAGENT" = 1 ]; then step "udp max, no agent" noagent; fi
	if [ "$SHARED" = 1 ]; then step "udp max, 2 cores" shared; fi
	if [ "$TCP" = 1 ]; then step "tcp max" tcp; fi

	"$bin" lab down --name "$NAME" --state-dir "$state" >/dev/null || die "lab down failed"
	state=""
done

echo
echo "loadavg after: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $(tr ' ' '\n' <<<"$GUESTS" | awk 'NF && !seen[$0]++'); do
	echo
	echo "$n guests"
	awk -F'\t' -v n="$n" 'NR == 1 || $1 == n {
		printf "%-18s %7s %10s %10s %10s %8s %10s %8s %8s %6s %8s %5s %5s %6s %6s %6s %10s %s\n",
			$2, $3, $4, $5, $7, $8, $9, $10, $11, $14, $15, $16, $17, $18, $19, $20, $23, $22 }' "$raw"
done
if [ -n "$RESULTS" ]; then cp "$raw" "$RESULTS"; fi
