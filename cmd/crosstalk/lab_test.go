package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/lab"
)

// TestMain lets this test binary stand in for crosstalk when `lab up`
// runs it as `lab guest ...` inside the lab's namespaces, and `lab attack`
// as `lab attack-run ...`.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "lab" && (os.Args[2] == "guest" || os.Args[2] == "attack-run") {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestLabArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string // on stderr
	}{
		{[]string{"lab"}, exitUsage, "usage:"},
		{[]string{"lab", "--help"}, exitOK, "crosstalk lab up"},
		{[]string{"lab", "sideways"}, exitUsage, `unknown subcommand "sideways"`},
		{[]string{"lab", "up", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"lab", "up", "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
		{[]string{"lab", "up", "--guests", "0"}, exitUsage, "--guests: want 1 to 240, got 0"},
		{[]string{"lab", "up", "--guests", "241"}, exitUsage, "--guests: want 1 to 240"},
		{[]string{"lab", "up", "--guests", "many"}, exitUsage, "invalid value"},
		{[]string{"lab", "up", "--name", "Web_1"}, exitUsage, "--name: want 1 to 8 lower-case letters or digits"},
		{[]string{"lab", "up", "--name", "waytoolong"}, exitUsage, "--name: want 1 to 8"},
		{[]string{"lab", "up", "--subnet", "8.8.8.0/24"}, exitUsage, "--subnet: want a private IPv4 subnet"},
		{[]string{"lab", "up", "--subnet", "10.77.0.0"}, exitUsage, "--subnet: "},
		{[]string{"lab", "up", "--subnet6", "2001:db8::/64"}, exitUsage, "--subnet6: want a unique local IPv6 /64"},
		{[]string{"lab", "up", "--help"}, exitOK, "--no-workload"},
		{[]string{"lab", "down", "x"}, exitUsage, `unexpected argument "x"`},
		{[]string{"lab", "down", "--name", ""}, exitUsage, "--name: want 1 to 8"},
		{[]string{"lab", "status", "--format", "yaml"}, exitUsage, `--format: want table or json, got "yaml"`},
		{[]string{"lab", "status", "--name", "a-b"}, exitUsage, "--name: want"},
		{[]string{"lab", "guest"}, exitUsage, "want --guest and --guests"},
	} {
		code, out, errOut := runCmd(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
		if out != "" {
			t.Errorf("%v: stdout %q", tc.args, out)
		}
	}
}

func TestLabCommands(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs root, and CI runs as root")
		}
		t.Skip("needs root (network namespaces); CI runs it")
	}
	name := fmt.Sprintf("c%06x", rand.N(1<<24))
	dir := filepath.Join(t.TempDir(), "state")
	t.Cleanup(func() { runCmd("lab", "down", "--name", name, "--state-dir", dir) })

	code, out, errOut := runCmd("lab", "up", "--name", name, "--guests", "2", "--no-workload", "--state-dir", dir)
	if code != exitOK || !strings.Contains(out, "lab "+name+": built") || !strings.Contains(out, "web-1") {
		t.Fatalf("up: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCmd("lab", "up", "--name", name, "--state-dir", dir)
	if code != exitOK || !strings.Contains(out, "already up") {
		t.Errorf("up again: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = runCmd("lab", "up", "--name", name, "--guests", "3", "--state-dir", dir)
	if code != exitUsage || !strings.Contains(errOut, "is up with 2 guests, not 3") {
		t.Errorf("up with another size: exit %d, %s", code, errOut)
	}

	code, out, errOut = runCmd("lab", "status", "--name", name, "--state-dir", dir, "--format", "json")
	if code != exitOK {
		t.Fatalf("status: exit %d: %s", code, errOut)
	}
	var st lab.StatusReport
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status json: %v\n%s", err, out)
	}
	if st.Lab != name || st.Bridge != "ct-"+name || len(st.Guests) != 2 || !st.Guests[0].Up || !st.Guests[1].Up ||
		st.Guests[1].Name != "app-1" || st.Guests[1].Port != "ct"+name+"-2" || st.Guests[1].Namespace != "ct-"+name+"-app-1" {
		t.Errorf("status: %s", out)
	}
	code, out, _ = runCmd("lab", "status", "--name", name, "--state-dir", dir, "--format", "table")
	if code != exitOK || !strings.Contains(out, "GUEST") || !strings.Contains(out, "app=lab,role=app") {
		t.Errorf("status table: exit %d\n%s", code, out)
	}

	// replay --guests reads the guests file.
	if _, err := inventory.LoadFile(filepath.Join(dir, "guests.yaml")); err != nil {
		t.Errorf("guests file: %v", err)
	}
	code, _, errOut = runCmd("replay", "--guests", filepath.Join(dir, "guests.yaml"), "--format", "jsonl", synScan)
	if code != exitOK {
		t.Errorf("replay with the lab's guests file: exit %d: %s", code, errOut)
	}

	code, out, errOut = runCmd("lab", "down", "--name", name, "--state-dir", dir)
	if code != exitOK || !strings.Contains(out, "removed 2 processes, 2 ports, 2 namespaces, 1 bridge, ") || !strings.Contains(out, "1 state directory") {
		t.Errorf("down: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCmd("lab", "down", "--name", name, "--state-dir", dir)
	if code != exitOK || !strings.Contains(out, "nothing to remove") {
		t.Errorf("down again: exit %d\n%s", code, out)
	}
	code, _, errOut = runCmd("lab", "status", "--name", name, "--state-dir", dir)
	if code != exitFail || !strings.Contains(errOut, "lab is not up") {
		t.Errorf("status of no lab: exit %d, %s", code, errOut)
	}
}

func TestLabAttackArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string // on stderr
	}{
		{[]string{"lab", "attack"}, exitUsage, "want a KIND: portscan, sweep, worm, synflood, udpflood, spoof, beacon"},
		{[]string{"lab", "attack", "--help"}, exitOK, "crosstalk lab attack KIND"},
		{[]string{"lab", "attack", "portscan", "--help"}, exitOK, "--spoofed"},
		{[]string{"lab", "--help"}, exitOK, "crosstalk lab attack KIND"},
		{[]string{"lab", "attack", "nuke"}, exitUsage, `unknown kind "nuke": want portscan, sweep`},
		{[]string{"lab", "attack", "portscan", "sweep"}, exitUsage, `unexpected argument "sweep"`},
		{[]string{"lab", "attack", "portscan", "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
		{[]string{"lab", "attack", "portscan", "--type", "maimon"}, exitUsage, "--type: want one of syn, connect, fin, null, xmas, ack, udp"},
		{[]string{"lab", "attack", "portscan", "--tool", "scapy"}, exitUsage, "--tool: want auto or go"},
		{[]string{"lab", "attack", "synflood", "--duration", "2m"}, exitUsage, "--duration: a flood lasts at most 1m0s"},
		{[]string{"lab", "attack", "udpflood", "--duration", "soon"}, exitUsage, "invalid value"},
		{[]string{"lab", "attack", "beacon", "--duration", "2h"}, exitUsage, "--duration: a beacon lasts at most 1h0m0s"},
		{[]string{"lab", "attack", "beacon", "--interval", "1ms"}, exitUsage, "--interval: want 100ms to 10m"},
		{[]string{"lab", "attack", "synflood", "--rate", "1000000"}, exitUsage, "--rate: want 1 to 200000"},
		{[]string{"lab", "attack", "worm", "--hops", "9"}, exitUsage, "--hops: want 1 to 3"},
		{[]string{"lab", "attack", "worm", "--port", "0x"}, exitUsage, "invalid value"},
		{[]string{"lab", "attack", "sweep", "--type", "udp"}, exitUsage, "crosstalk lab attack sweep: --type applies to portscan only"},
		{[]string{"lab", "attack", "portscan", "--duration", "1s"}, exitUsage, "--duration applies to synflood, udpflood, beacon, cpu-hog, io-hog, net-hog only"},
		{[]string{"lab", "attack", "beacon", "--spoofed"}, exitUsage, "--spoofed applies to synflood only"},
		{[]string{"lab", "attack", "synflood", "--as", "db-1"}, exitUsage, "--as applies to spoof only"},
		{[]string{"lab", "attack", "spoof", "--hops", "2"}, exitUsage, "--hops applies to worm only"},
		{[]string{"lab", "attack", "sweep", "--rate", "10"}, exitUsage, "--rate applies to synflood, udpflood, spoof only"},
		{[]string{"lab", "attack", "sweep", "--name", "Bad_Name"}, exitUsage, "--name: want 1 to 8 lower-case letters or digits"},
		{[]string{"lab", "attack-run"}, exitUsage, "want --ns and --spec"},
	} {
		code, out, errOut := runCmd(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
		if out != "" {
			t.Errorf("%v: stdout %q", tc.args, out)
		}
	}
	// Flags stand anywhere, as for the other commands; without root the
	// command stops after checking them.
	if os.Geteuid() != 0 {
		code, _, errOut := runCmd("lab", "attack", "--tool", "go", "synflood", "--spoofed", "--duration", "1s")
		if code != exitFail || !strings.Contains(errOut, "needs root") {
			t.Errorf("attack without root: exit %d, %s", code, errOut)
		}
	}
}

// TestLabAttackCommand runs lab attack on a small live lab: the Go
// generator, the exit statuses, and what stderr says.
func TestLabAttackCommand(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs root, and CI runs as root")
		}
		t.Skip("needs root (network namespaces); CI runs it")
	}
	name := fmt.Sprintf("a%06x", rand.N(1<<24))
	dir := filepath.Join(t.TempDir(), "state")
	t.Cleanup(func() { runCmd("lab", "down", "--name", name, "--state-dir", dir) })
	lab := func(args ...string) (int, string, string) {
		return runCmd(append(append([]string{"lab"}, args...), "--name", name, "--state-dir", dir)...)
	}
	if code, out, errOut := lab("attack", "portscan"); code != exitFail || !strings.Contains(errOut, "lab is not up") {
		t.Errorf("attack on no lab: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := lab("up", "--guests", "8", "--no-workload"); code != exitOK {
		t.Fatalf("up: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, tc := range []struct {
		args []string
		code int
		want []string // on stderr
	}{
		{[]string{"portscan", "--tool", "go", "--type", "connect"}, exitOK, []string{
			"portscan: built-in Go generator (--tool go): connect() scan of ", " ports 1-1000 from rogue", "portscan: done in "}},
		{[]string{"beacon", "--tool", "go", "--from", "monitor", "--to", "app-1", "--port", "8080", "--duration", "1s", "--interval", "500ms"}, exitOK, []string{
			"beacon: built-in Go generator (no tool needed): 3 connections to ", ":8080 every 500ms ±5% for 1s from monitor"}},
		{[]string{"synflood", "--to", "8.8.8.8"}, exitUsage, []string{"--to: 8.8.8.8 is not an address of lab " + name}},
		{[]string{"sweep", "--to", "10.0.0.0/8"}, exitUsage, []string{"--to: 10.0.0.0/8 is not inside lab " + name + "'s subnets"}},
		{[]string{"portscan", "--from", "mallory"}, exitUsage, []string{`--from: lab ` + name + ` has no guest "mallory"`}},
		{[]string{"spoof", "--as", "rogue"}, exitUsage, []string{"--as: rogue is the attacker itself"}},
	} {
		code, _, errOut := lab(append([]string{"attack"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("attack %v: exit %d, want %d\n%s", tc.args, code, tc.code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("attack %v: stderr\n%s\nwant %q", tc.args, errOut, w)
			}
		}
	}
}
