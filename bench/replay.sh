#!/usr/bin/env bash
# replay.sh measures `crosstalk replay` against tcpdump on the same synthetic
# capture in the same run: tcpdump reading and printing every packet is the
# baseline, so that a slow or noisy machine shows up in both columns.
#
# It builds crosstalk and genpcap, writes PACKETS packets of the realistic
# mix (bench/genpcap) into a temporary directory, then runs ROUNDS
# alternating rounds of
#
#   taskset -c 0 tcpdump -nn -r FILE > /dev/null
#   taskset -c 0 crosstalk replay FILE --format jsonl > /dev/null
#
# (both pinned to one core when taskset works) and prints the wall time of
# each, the medians, packets/s and the ratio. It exits non-zero only when
# something fails to run, never because a number is slow.
#
# usage: bench/replay.sh   (env: PACKETS=5000000 ROUNDS=5 SEED=1)
set -euo pipefail

PACKETS=${PACKETS:-5000000}
ROUNDS=${ROUNDS:-5}
SEED=${SEED:-1}

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosstalk-replay.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

die() { echo "replay.sh: $*" >&2; exit 1; }

if ! command -v tcpdump >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "replay.sh: installing tcpdump" >&2
		apt-get install -y -qq tcpdump >/dev/null || die "apt-get install tcpdump failed"
	else
		die "tcpdump not found (apt-get install tcpdump)"
	fi
fi
tcpdump=$(command -v tcpdump)

pin=()
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
	pin=(taskset -c 0)
fi

(cd "$repo" && go build -o "$tmp/crosstalk" ./cmd/crosstalk && go build -o "$tmp/genpcap" ./bench/genpcap) ||
	die "build failed"

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "machine:   $(nproc) CPUs, ${cpu:-unknown CPU}, Linux $(uname -r)"
echo "toolchain: $(go version | cut -d' ' -f3-)"
echo "tcpdump:   $("$tcpdump" --version 2>&1 | head -2 | tr '\n' ' ')"
echo "pinning:   ${pin[*]:-none (taskset unavailable)}"

pcap=$tmp/realistic.pcap
"$tmp/genpcap" -o "$pcap" -packets "$PACKETS" -seed "$SEED" -mix realistic || die "genpcap failed"
size=$(stat -c %s "$pcap")
echo "capture:   $PACKETS packets of the realistic mix (seed $SEED), $((size / 1000000)) MB"
# Write the capture out and read it once, so that every round reads from
# the page cache rather than the first one paying for the disk.
sync
cat "$pcap" >/dev/null

# run NAME CMD...: runs CMD and prints its wall time and CPU time (user +
# system) in seconds. CPU time is less sensitive to other load on the
# machine than wall time; both are reported.
run() {
	local name=$1 t
	shift
	t=$({
		TIMEFORMAT='%3R %3U %3S'
		time "$@" >/dev/null 2>"$tmp/$name.err"
	} 2>&1) || { cat "$tmp/$name.err" >&2; die "$name failed"; }
	awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$t"
}

echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the rounds"
echo
printf '%-7s %11s %11s %13s %13s\n' round tcpdump_s crosstalk_s tcpdump_cpu crosstalk_cpu
tdw=() ctw=() tdc=() ctc=()
for r in $(seq 1 "$ROUNDS"); do
	out=$(run tcpdump "${pin[@]}" "$tcpdump" -nn -r "$pcap")
	read -r w c <<<"$out"
	tdw+=("$w") tdc+=("$c")
	out=$(run crosstalk "${pin[@]}" "$tmp/crosstalk" replay "$pcap" --format jsonl)
	read -r w2 c2 <<<"$out"
	ctw+=("$w2") ctc+=("$c2")
	printf '%-7s %11s %11s %13s %13s\n' "$r" "$w" "$w2" "$c" "$c2"
done
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) after"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
awk -v n="$PACKETS" -v tw="$(median "${tdw[@]}")" -v cw="$(median "${ctw[@]}")" \
	-v tc="$(median "${tdc[@]}")" -v cc="$(median "${ctc[@]}")" 'BEGIN {
	printf "%-7s %11.3f %11.3f %13.3f %13.3f\n", "median", tw, cw, tc, cc
	printf "%-7s %11.0f %11.0f %13.0f %13.0f\n", "pkts/s", n / tw, n / cw, n / tc, n / cc
	printf "\ncrosstalk/tcpdump packet rate: %.2fx by wall time, %.2fx by CPU time\n", tw / cw, tc / cc
}'
echo "crosstalk: $(grep '^replay:' "$tmp/crosstalk.err" | head -1)"
