package libvirt

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/lab/hypervisor"
)

// The provider against a real libvirtd running its test driver
// (test:///default: domains without QEMU): listing, events, bad domain
// XML, and the daemon going away mid-run.

const oddDomain = `<domain type='test'>
  <name>odd-1</name>
  <memory unit='MiB'>64</memory>
  <os><type>hvm</type></os>
  <metadata>
    <ct:guest xmlns:ct="https://github.com/crosstalk-dev/crosstalk/xmlns/guest/1">
      <ct:label name="tier">web</ct:label><ct:label name="bad key">x</ct:label><ct:colour/>
    </ct:guest>
    <other:thing xmlns:other="https://example.org/other"><other:label name="tier">db</other:label></other:thing>
  </metadata>
  <devices>
    <interface type='bridge'><mac address='52:54:00:0d:00:01'/><source bridge='br-a'/><model type='virtio'/></interface>
    <interface type='bridge'><mac address='52:54:00:0d:00:02'/><source bridge='br-b'/><target dev='odd1b'/><model type='e1000'/></interface>
  </devices>
</domain>`

func waitReport(t *testing.T, reports <-chan inventory.Report, what string, ok func(inventory.Report) bool) inventory.Report {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case r := <-reports:
			if ok(r) {
				return r
			}
		case <-deadline:
			t.Fatalf("no report with %s within 10 s", what)
		}
	}
}

func find(r inventory.Report, name string) (inventory.Guest, bool) {
	for _, g := range r.Guests {
		if g.Name == name {
			return g, true
		}
	}
	return inventory.Guest{}, false
}

func TestProviderTestDriver(t *testing.T) {
	hypervisor.Need(t)
	dir := t.TempDir()
	d := hypervisor.Start(t, hypervisor.Options{Name: "ct-prov", Dir: filepath.Join(dir, "hv"), HostUUID: "6a1d1e2a-0000-4000-8000-0000000000e1"})
	uri := "test+unix:///default?socket=" + d.Socket()
	cfg := DefaultConfig()
	cfg.URI = uri
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}

	// One pass, as `crosstalk guests` does without an agent.
	snap, err := New(cfg, "hv-t", nil).Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := find(snap, "test"); !ok || g.State != "running" || g.UUID == "" || g.Host != "hv-t" || g.Sources[0] != Source {
		t.Fatalf("test driver's domain: %+v (report %+v)", g, snap)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := make(chan inventory.Report, 64)
	p := New(cfg, "hv-t", nil)
	done := make(chan struct{})
	go func() { p.Run(ctx, func(r inventory.Report) { reports <- r }); close(done) }()
	waitReport(t, reports, "the test domain", func(r inventory.Report) bool { _, ok := find(r, "test"); return ok && r.Err == nil })

	// A domain defined and started while we watch, with a NIC that has
	// no target dev, NICs on two bridges, and junk in our namespace.
	xml := filepath.Join(dir, "odd.xml")
	if err := os.WriteFile(xml, []byte(oddDomain), 0o644); err != nil {
		t.Fatal(err)
	}
	virsh(t, uri, "define", xml)
	r := waitReport(t, reports, "odd-1 defined", func(r inventory.Report) bool { _, ok := find(r, "odd-1"); return ok })
	if g, _ := find(r, "odd-1"); g.State != "shutoff" || len(g.Ports) != 2 {
		t.Errorf("defined: %+v", g)
	}
	virsh(t, uri, "start", "odd-1")
	r = waitReport(t, reports, "odd-1 running", func(r inventory.Report) bool { g, _ := find(r, "odd-1"); return g.State == "running" })
	g, _ := find(r, "odd-1")
	if g.Labels["tier"] != "web" || len(g.Labels) != 1 {
		t.Errorf("labels %v: want ours only, junk skipped, other namespaces ignored", g.Labels)
	}
	if len(g.Ports) != 2 || g.Ports[0].Bridge != "br-a" || g.Ports[1].Bridge != "br-b" || g.Ports[1].Model != "e1000" {
		t.Errorf("ports %+v", g.Ports)
	}
	problems := strings.Join(g.Problems, "\n")
	for _, want := range []string{`label name "bad key"`, "unknown element <colour>"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems do not mention %q:\n%s", want, problems)
		}
	}
	// The test driver names NICs itself when a domain starts; either way
	// the table must say whether traffic on each can be attributed.
	for _, port := range g.Ports {
		if port.Iface == "" && !strings.Contains(problems, "has no host device") {
			t.Errorf("a running NIC without a device is not reported: %+v\n%s", port, problems)
		}
	}
	virsh(t, uri, "destroy", "odd-1")
	waitReport(t, reports, "odd-1 stopped", func(r inventory.Report) bool { g, _ := find(r, "odd-1"); return g.State == "shutoff" })
	virsh(t, uri, "undefine", "odd-1")
	waitReport(t, reports, "odd-1 gone", func(r inventory.Report) bool { _, ok := find(r, "odd-1"); return !ok })

	// libvirtd goes away: the provider says so, keeps what it knew, and
	// reads everything again when the daemon is back.
	d.Kill()
	r = waitReport(t, reports, "an error", func(r inventory.Report) bool { return r.Err != nil })
	if _, ok := find(r, "test"); !ok {
		t.Errorf("the guests known before were dropped: %+v", r)
	}
	d.StartDaemon(t)
	waitReport(t, reports, "a fresh report", func(r inventory.Report) bool { _, ok := find(r, "test"); return ok && r.Err == nil })
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

func virsh(t *testing.T, uri string, args ...string) {
	t.Helper()
	if out, err := runVirsh(uri, args...); err != nil {
		t.Fatalf("virsh %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func runVirsh(uri string, args ...string) ([]byte, error) {
	return exec.Command("virsh", append([]string{"-q", "-c", uri}, args...)...).CombinedOutput()
}
