#!/usr/bin/env bash
# plan.sh measures the fleet planner on a synthetic fleet of HOSTS hosts
# and GUESTS guests (bench/genfleet), and on the public Azure-trace
# fleets when ../shared/data/fleets is there. The baseline, in the same
# run, is `crosstalk plan compliance`: it reads and validates the same
# inventory and does O(hosts) work, so the ratio shows what capacity and
# maintenance planning cost on top of loading the file.
#
# Each of ROUNDS rounds runs compliance, capacity and maintenance in turn;
# the script prints every wall time and peak RSS, then the medians. It
# exits non-zero only when something fails to run, never because a number
# is slow.
#
# usage: bench/plan.sh   (env: HOSTS=1000 GUESTS=20000 ROUNDS=5 SEED=1)
set -euo pipefail

HOSTS=${HOSTS:-1000}
GUESTS=${GUESTS:-20000}
ROUNDS=${ROUNDS:-5}
SEED=${SEED:-1}

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosstalk-plan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
die() { echo "plan.sh: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"

(cd "$repo" && go build -o "$tmp/crosstalk" ./cmd/crosstalk && go run ./bench/genfleet -o "$tmp/fleet.yaml" \
	-hosts "$HOSTS" -guests "$GUESTS" -seed "$SEED") || die "build failed"

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "machine:   $(nproc) CPUs, ${cpu:-unknown CPU}, Linux $(uname -r)"
echo "toolchain: $(go version | cut -d' ' -f3-)"

# measure NAME FILE: one run, appends "seconds kib" to $tmp/NAME.
measure() {
	local what=$1 file=$2 out
	out=$( { /usr/bin/time -f '%e %M' "$tmp/crosstalk" plan "$what" --inventory "$file" --format json >/dev/null; } 2>&1 | tail -1)
	echo "$out" >>"$tmp/$what.$(basename "$file")"
	echo "$out"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

fleets=("$tmp/fleet.yaml")
shared="$repo/../shared/data/fleets"
for f in azure-medium.yaml azure-large.yaml; do
	[ -f "$shared/$f" ] && fleets+=("$shared/$f")
done

for file in "${fleets[@]}"; do
	name=$(basename "$file")
	echo
	echo "== $name"
	for round in $(seq "$ROUNDS"); do
		for what in compliance capacity maintenance; do
			printf 'round %d %-12s %s\n' "$round" "$what" "$(measure "$what" "$file")"
		done
	done
	base=$(cut -d' ' -f1 <"$tmp/compliance.$name" | median)
	for what in compliance capacity maintenance; do
		t=$(cut -d' ' -f1 <"$tmp/$what.$name" | median)
		rss=$(cut -d' ' -f2 <"$tmp/$what.$name" | median)
		awk -v w="$what" -v t="$t" -v rss="$rss" -v base="$base" \
			'BEGIN { printf "%-12s median %6.2f s  %7.1f MiB RSS  %5.1fx the load-only baseline\n", w, t, rss / 1024, t / base }'
	done
done
