package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
)

const synScan = "../../testdata/pcaps/nmap_syn.pcap"

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestReplayJSONL(t *testing.T) {
	flows := filepath.Join(t.TempDir(), "flows.jsonl")
	code, out, errOut := runCmd("replay", synScan, "--format", "jsonl", "--flows", flows)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a alert.Alert
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatalf("first line is not an alert: %v\n%s", err, out)
	}
	if a.Kind != "portscan" || a.Src == nil || a.Src.IP != "10.99.0.10" || a.Dst == nil || a.Dst.IP != "10.99.0.11" || a.Count < 1 {
		t.Errorf("alert %+v", a)
	}
	if !strings.Contains(errOut, "replay: 1 file(s), ") {
		t.Errorf("no summary line on stderr: %q", errOut)
	}
	data, err := os.ReadFile(flows)
	if err != nil {
		t.Fatal(err)
	}
	var rec flow.Record
	first := strings.SplitN(string(data), "\n", 2)[0]
	if err := json.Unmarshal([]byte(first), &rec); err != nil || !strings.HasPrefix(rec.CommunityID, "1:") || rec.State == "" {
		t.Errorf("flow record %q: %v", first, err)
	}
}

func TestReplayIsDeterministic(t *testing.T) {
	_, a, _ := runCmd("replay", synScan, "--format", "jsonl")
	_, b, _ := runCmd("replay", synScan, "--format", "jsonl")
	if a != b || a == "" {
		t.Errorf("two replays differ or are empty:\n%s\n---\n%s", a, b)
	}
}

func TestReplayGuestsAndTable(t *testing.T) {
	guests := filepath.Join(t.TempDir(), "guests.yaml")
	os.WriteFile(guests, []byte("guests:\n  - name: rogue\n    ips: [10.99.0.10]\n  - name: db-1\n    ips: [10.99.0.11]\n"), 0o644)
	code, out, errOut := runCmd("replay", "--guests", guests, "--format", "table", synScan)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "TIME ") || !strings.Contains(out, "rogue (10.99.0.10)") || !strings.Contains(out, "db-1 (10.99.0.11)") {
		t.Errorf("table:\n%s", out)
	}
}

func TestReplayBadInput(t *testing.T) {
	dir := t.TempDir()
	scan, err := os.ReadFile(synScan)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := append([]byte(nil), scan[:5000]...)
	copy(corrupt[24+8:], []byte{0xff, 0xff, 0xff, 0x7f}) // first record's captured length
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"empty", []string{write("empty.pcap", nil)}, []string{"empty.pcap", "empty"}},
		{"not a capture", []string{write("notes.txt", []byte("hello, this is not a capture\n"))}, []string{"notes.txt", "not a pcap"}},
		{"truncated", []string{write("cut.pcap", scan[:len(scan)-7])}, []string{"cut.pcap", "offset", "truncated"}},
		{"truncated header", []string{write("cuthdr.pcap", scan[:10])}, []string{"cuthdr.pcap"}},
		{"corrupted", []string{write("bad.pcap", corrupt)}, []string{"bad.pcap", "offset 24"}},
		{"missing", []string{filepath.Join(dir, "nope.pcap")}, []string{"nope.pcap", "no such file"}},
		{"no file", nil, []string{"no capture file"}},
		{"bad format", []string{synScan, "--format", "xml"}, []string{"--format"}},
		{"bad guests", []string{synScan, "--guests", write("g.yaml", []byte("guests:\n  - nam: x\n"))}, []string{"g.yaml", "line 2"}},
		{"bad config", []string{synScan, "--config", write("c.yaml", []byte("detect:\n  portscan: {port_ceiling: 1}\n"))}, []string{"c.yaml", "port_ceiling"}},
		{"unknown flag", []string{synScan, "--colour"}, []string{"colour"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCmd(append([]string{"replay"}, c.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

func TestTruncatedStillReports(t *testing.T) {
	scan, _ := os.ReadFile(synScan)
	p := filepath.Join(t.TempDir(), "cut.pcap")
	os.WriteFile(p, scan[:len(scan)-7], 0o644)
	code, out, _ := runCmd("replay", p, "--format", "jsonl")
	if code != exitUsage || !strings.Contains(out, `"kind":"portscan"`) {
		t.Errorf("exit %d, alerts %q: a damaged file must still report what it holds", code, out)
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, e := runCmd("frobnicate"); code != exitUsage || !strings.Contains(e, "unknown command") {
		t.Errorf("exit %d: %s", code, e)
	}
	if code, out, _ := runCmd("version"); code != exitOK || !strings.HasPrefix(out, "crosstalk ") {
		t.Errorf("version: %d %q", code, out)
	}
}
