package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/alert"
)

// TestRecordedCaptures replays each capture recorded with real tools
// between namespaces (testdata/pcaps/README.md) with its guests file, and
// compares the alerts, as "kind source->target" with guest names, to what
// the README says a detector should say.
func TestRecordedCaptures(t *testing.T) {
	want := map[string][]string{
		"benign_web.pcap":            nil,
		"hping_spoof.pcap":           {"spoof attacker->client"},
		"hping_synflood.pcap":        {"spoof attacker->web", "synflood ->web"},
		"hping_synflood_onesrc.pcap": {"synflood attacker->web"},
		"hping_udpflood.pcap":        {"udpflood attacker->web"},
		"masscan_tcp.pcap":           {"portscan attacker->web"},
		"nmap_ack.pcap":              {"portscan attacker->web"},
		"nmap_connect.pcap":          {"portscan attacker->web"},
		"nmap_fin.pcap":              {"portscan attacker->web"},
		"nmap_null.pcap":             {"portscan attacker->web"},
		"nmap_slow.pcap":             {"portscan attacker->web"},
		"nmap_sweep.pcap":            {"sweep attacker->"},
		"nmap_sweep_icmp.pcap":       {"sweep attacker->"},
		"nmap_syn.pcap":              {"portscan attacker->web"},
		"nmap_udp.pcap":              {"portscan attacker->web"},
		"nmap_xmas.pcap":             {"portscan attacker->web"},
	}
	files, _ := filepath.Glob("../../testdata/pcaps/*.pcap")
	if len(files) != len(want) {
		t.Errorf("%d captures in testdata/pcaps, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runCmd("replay", "--guests", "../../testdata/pcaps/guests.yaml", "--format", "jsonl", f)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if line == "" {
					continue
				}
				var a alert.Alert
				if err := json.Unmarshal([]byte(line), &a); err != nil {
					t.Fatalf("bad alert %q: %v", line, err)
				}
				s := a.Kind + " "
				if a.Src != nil {
					s += a.Src.Guest
				}
				s += "->"
				if a.Dst != nil {
					s += a.Dst.Guest
				}
				if !slices.Contains(got, s) {
					got = append(got, s)
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(got, want[name]); diff != "" {
				t.Errorf("(-got +want)\n%s", diff)
			}
		})
	}
}
