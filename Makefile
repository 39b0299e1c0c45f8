# crosstalk — make help lists the targets.
GO        ?= go
BIN       ?= bin/crosstalk
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
FUZZTIME  ?= 30s
export CGO_ENABLED ?= 0

.PHONY: help build test lint bench eval fuzz demo demo-replay clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build the static binary into bin/crosstalk
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/crosstalk

# One test package at a time (-p 1): the noisy-neighbour tests measure
# contention on CPU 0 and another package's QEMU guests or compiler
# running there meanwhile would be part of what they measure (in CI they
# were: db-1's normal already included the other load, so rogue did not
# double its wait). -timeout: go test's default of 10 minutes is per
# package, and cmd/crosstalk's lab tests (policy, enforcement, noisy
# neighbours, UI, three fleet hosts twice) take close to that on this
# machine: in CI they once went past it by a second.
test: ## run every test (as root in CI: privileged tests fail there instead of skipping)
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) test -count=1 -p 1 -timeout 25m ./...

bench: ## run the Go benchmarks, the replay comparison against tcpdump and the planner benchmark
	$(GO) test -run '^$$' -bench . -benchmem ./decode ./datapath/pcapfile ./flowtable ./plan ./bench
	bash bench/replay.sh
	bash bench/plan.sh

eval: ## measure the detectors on the public capture corpus (../shared/data/pcaps/public)
	$(GO) test -count=1 -run TestCorpus -v ./bench

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME) ./decode
	$(GO) test -run '^$$' -fuzz FuzzReader -fuzztime $(FUZZTIME) ./datapath/pcapfile
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./inventory
	$(GO) test -run '^$$' -fuzz FuzzParseSelector -fuzztime $(FUZZTIME) ./inventory
	$(GO) test -run '^$$' -fuzz FuzzLearner -fuzztime $(FUZZTIME) ./agent
	$(GO) test -run '^$$' -fuzz FuzzQuery -fuzztime $(FUZZTIME) ./api
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./policy
	$(GO) test -run '^$$' -fuzz FuzzParsers -fuzztime $(FUZZTIME) ./resource
	$(GO) test -run '^$$' -fuzz FuzzParseFilter -fuzztime $(FUZZTIME) ./datapath/ebpf
	$(GO) test -run '^$$' -fuzz FuzzStream -fuzztime $(FUZZTIME) ./api
	$(GO) test -run '^$$' -fuzz FuzzParseDomain -fuzztime $(FUZZTIME) ./inventory/libvirt
	$(GO) test -run '^$$' -fuzz FuzzDNS -fuzztime $(FUZZTIME) ./lab
	$(GO) test -run '^$$' -fuzz FuzzParseInventory -fuzztime $(FUZZTIME) ./plan
	$(GO) test -run '^$$' -fuzz FuzzCompareVersions -fuzztime $(FUZZTIME) ./plan
	$(GO) test -run '^$$' -fuzz FuzzParseRequirements -fuzztime $(FUZZTIME) ./plan
	$(GO) test -run '^$$' -fuzz FuzzCheckPlan -fuzztime $(FUZZTIME) ./plan
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME) ./fleet

demo: build ## live: a lab, the agent on its bridge, attacks, alerts as they arrive (root; Ctrl-C ends)
	bash scripts/demo.sh

demo-replay: build ## replay the recorded attack captures in testdata/ with guest names
	@for f in testdata/pcaps/*.pcap; do \
		echo "== $$f"; \
		$(BIN) replay --format table --guests testdata/pcaps/guests.yaml "$$f" || exit $$?; \
		echo; \
	done

clean: ## remove build output
	rm -rf bin
