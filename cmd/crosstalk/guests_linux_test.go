package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/lab/hypervisor"
)

// TestGuestsAllProviders runs `crosstalk guests` with three providers at
// once: a guests file, a network namespace on a bridge, and a libvirtd
// (its test driver), plus a label rule that disagrees with the file.
func TestGuestsAllProviders(t *testing.T) {
	hypervisor.Need(t)
	dir := t.TempDir()
	d := hypervisor.Start(t, hypervisor.Options{Name: "ct-guests", Dir: filepath.Join(dir, "hv"), HostUUID: "6a1d1e2a-0000-4000-8000-0000000000f1"})
	br := hypervisor.Bridge(t)
	ns, port := fmt.Sprintf("ctg-%d", os.Getpid()%10000), fmt.Sprintf("ctgp%d", os.Getpid()%10000)
	t.Cleanup(func() {
		exec.Command("ip", "link", "del", port).Run()
		exec.Command("ip", "netns", "del", ns).Run()
	})
	for _, args := range [][]string{
		{"netns", "add", ns},
		{"link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns},
		{"link", "set", port, "master", br},
		{"-n", ns, "addr", "add", "10.98.0.5/24", "dev", "eth0"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v: %s", args, err, out)
		}
	}
	guests := filepath.Join(dir, "guests.yaml")
	config := filepath.Join(dir, "agent.yaml")
	os.WriteFile(guests, []byte("guests:\n  - {name: static-1, macs: [\"52:54:00:f1:00:01\"], ips: [10.98.0.9]}\n  - {name: test, labels: {tier: file}}\n"), 0o644)
	os.WriteFile(config, []byte(fmt.Sprintf(`inventory:
  providers: [file, netns, libvirt]
  libvirt: {uri: "test+unix:///default?socket=%s"}
  labels:
    - {names: ["static-*"], set: {env: lab}}
    - {names: ["test"], set: {tier: config}}
`, d.Socket())), 0o644)

	var out, errb bytes.Buffer
	code := run([]string{"guests", "--local", "--config", config, "--guests", guests, "--bridge", br, "--format", "json"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var v api.GuestsView
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	by := map[string][]string{}
	for _, g := range v.Guests {
		by[g.Name] = g.Sources
		if g.Name == "static-1" && g.Labels["env"] != "lab" {
			t.Errorf("static-1 labels %v", g.Labels)
		}
		if g.Name == "test" && (g.Labels["tier"] != "" || g.State != "running") {
			t.Errorf("test: %+v: the disputed label must not be set", g)
		}
	}
	for name, want := range map[string]string{"static-1": "file+config", ns: "netns", "test": "file+libvirt+config"} {
		if got := strings.Join(by[name], "+"); got != want {
			t.Errorf("%s from %q, want %q (all: %v)", name, got, want, by)
		}
	}
	if len(v.Conflicts) != 1 || !strings.Contains(v.Conflicts[0].String(), "label tier of test") {
		t.Errorf("conflicts %v", v.Conflicts)
	}
	// The table for people says the same, and lists the conflict.
	out.Reset()
	run([]string{"guests", "--local", "--config", config, "--guests", guests, "--bridge", br, "--format", "table", "--select", "source=libvirt"}, &out, &errb)
	if table := out.String(); !strings.Contains(table, "test") || strings.Contains(table, "static-1") || !strings.Contains(table, "Conflicts") {
		t.Errorf("table:\n%s", table)
	}
	// A provider that cannot answer is a warning, not a failure.
	out.Reset()
	errb.Reset()
	d.Kill()
	if code := run([]string{"guests", "--local", "--config", config, "--guests", guests, "--bridge", br, "--format", "json"}, &out, &errb); code != exitOK ||
		!strings.Contains(errb.String(), "libvirt") || !strings.Contains(out.String(), "static-1") {
		t.Errorf("libvirtd away: exit %d, stderr %s", code, errb.String())
	}
}
