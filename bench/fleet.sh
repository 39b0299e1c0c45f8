#!/usr/bin/env bash
# fleet.sh measures the fleet server with AGENTS simulated agents (each
# its own NATS connection and enrolled credentials) sending ALERTS alerts
# and EDGES traffic messages of 100 edge rows each to a `crosstalk
# server` process: alerts/s and edge rows/s until its store holds them
# all, and its peak memory. The baseline, in the same run, is the same
# records written straight into a store: the ratio is what NATS,
# JetStream and the consumer cost (bench/fleetload says how).
#
# usage: bench/fleet.sh   (env: AGENTS=50 ALERTS=1000 EDGES=40 ROUNDS=3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosstalk-fleet.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$repo"
go build -o "$tmp/crosstalk" ./cmd/crosstalk
echo "toolchain: $(go version | cut -d' ' -f3-)"
go run ./bench/fleetload -bin "$tmp/crosstalk" -agents "${AGENTS:-50}" -alerts "${ALERTS:-1000}" -edges "${EDGES:-40}" -rounds "${ROUNDS:-3}"
