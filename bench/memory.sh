#!/usr/bin/env bash
# memory.sh checks that replay stays within its flow-table bound on a
# capture of PACKETS distinct flows (bench/genpcap -mix distinct-flows, 1 µs
# apart, so no flow expires before the table fills): it replays the capture
# with flowtable.max_flows set to MAX_FLOWS and prints the packets read, the
# flows evicted (from replay's summary on stderr) and the peak resident set
# size from /usr/bin/time -v. The capture is zstd-compressed when zstd is
# installed (replay reads it as is), else written plain.
#
# usage: bench/memory.sh   (env: PACKETS=10000000 MAX_FLOWS=1048576 SEED=1)
set -euo pipefail

PACKETS=${PACKETS:-10000000}
MAX_FLOWS=${MAX_FLOWS:-1048576}
SEED=${SEED:-1}

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosstalk-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

die() { echo "memory.sh: $*" >&2; exit 1; }

if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "memory.sh: installing time" >&2
		apt-get install -y -qq time >/dev/null || die "apt-get install time failed"
	else
		die "/usr/bin/time not found (apt-get install time)"
	fi
fi

(cd "$repo" && go build -o "$tmp/crosstalk" ./cmd/crosstalk && go build -o "$tmp/genpcap" ./bench/genpcap) ||
	die "build failed"

if command -v zstd >/dev/null; then
	pcap=$tmp/flows.pcap.zst
	"$tmp/genpcap" -o - -packets "$PACKETS" -seed "$SEED" -mix distinct-flows | zstd -q -o "$pcap" ||
		die "genpcap | zstd failed"
else
	pcap=$tmp/flows.pcap
	"$tmp/genpcap" -o "$pcap" -packets "$PACKETS" -seed "$SEED" -mix distinct-flows || die "genpcap failed"
fi
printf 'flowtable: {max_flows: %d}\n' "$MAX_FLOWS" >"$tmp/config.yaml"

echo "machine:   $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r)"
echo "toolchain: $(go version | cut -d' ' -f3-)"
echo "capture:   $PACKETS distinct flows (seed $SEED), $(($(stat -c %s "$pcap") / 1000000)) MB ($(basename "$pcap"))"
echo "config:    $(cat "$tmp/config.yaml")"

/usr/bin/time -v "$tmp/crosstalk" replay "$pcap" --format jsonl --config "$tmp/config.yaml" \
	>"$tmp/alerts.jsonl" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; die "replay failed"; }

summary=$(grep '^replay: 1 file' "$tmp/stderr" || true)
[ -n "$summary" ] || { cat "$tmp/stderr" >&2; die "no summary line from replay"; }
packets=$(sed -E 's/.* ([0-9]+) packets .*/\1/' <<<"$summary")
evicted=$(sed -nE 's/.*: ([0-9]+) flows evicted.*/\1/p' "$tmp/stderr")
rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/stderr")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$tmp/stderr")

echo
echo "replay:    $summary"
echo "packets:   $packets"
echo "evicted:   ${evicted:-0}"
echo "alerts:    $(wc -l <"$tmp/alerts.jsonl")"
echo "wall time: $wall"
echo "peak RSS:  $((rss / 1024)) MiB ($rss kB)"
