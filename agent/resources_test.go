package agent

import (
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
)

func TestContentionAlert(t *testing.T) {
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	c := resource.Contention{Time: now, Resource: "cpu", Aggressor: "hog", Cores: 1.87, Share: 0.81, Since: now.Add(-3 * time.Second),
		Victims: []resource.Victim{{Guest: "db-1", Delay: 120 * time.Millisecond, Baseline: 4 * time.Millisecond, Critical: true}, {Guest: "web-1", Delay: 60 * time.Millisecond}}}
	sink := &collect{}
	mgr := alert.NewManager(alert.DefaultConfig(), alert.Dependencies{Sink: sink})
	f := contentionFinding(c)
	mgr.Report(&f)
	mgr.Flush()
	if len(sink.alerts) != 1 {
		t.Fatalf("%d alerts", len(sink.alerts))
	}
	a := sink.alerts[0]
	if a.Kind != NoisyNeighbor || a.Severity != alert.High || a.Src.Guest != "hog" || a.Dst.Guest != "db-1" || len(a.Targets) != 2 ||
		!strings.Contains(a.Summary, "hog is hurting db-1 and 1 more on cpu: it uses 1.9 cores (81% of the guests'), and db-1 waits 120ms per second per vCPU for a CPU (normally 4ms)") {
		t.Errorf("alert %+v", a)
	}
}

func TestNetworkContentionAlert(t *testing.T) {
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	c := resource.Contention{Time: now, Resource: "network", Aggressor: "rogue", Packets: 412000, Bytes: 5.9e8, Share: 0.93, Cores: 0.6,
		Receivers: []string{"web-1"}, Since: now.Add(-3 * time.Second),
		Victims: []resource.Victim{{Guest: "app-1", Delay: 90 * time.Millisecond, Baseline: 3 * time.Millisecond}}}
	f := contentionFinding(c)
	want := "rogue is hurting app-1 on the virtual network: it sends 412000 packets (590 MB) a second into the switch (to web-1, whose CPU pays for receiving it), 93% of what the guests send, and app-1 waits 90ms per second per vCPU for a CPU (normally 3ms)"
	if f.Summary != want || f.Src.Guest != "rogue" || f.Evidence["aggressor_packets_per_s"] != int64(412000) || f.Evidence["resource"] != "network" {
		t.Errorf("finding %q %+v", f.Summary, f.Evidence)
	}
}

func TestIOContentionAlert(t *testing.T) {
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	c := resource.Contention{Time: now, Resource: "io", Aggressor: "rogue", IOBytes: 81e6, Share: 0.99, Since: now.Add(-3 * time.Second),
		Victims: []resource.Victim{{Guest: "db-1", Pressure: 0.184, PressureBaseline: 0.012}}}
	f := contentionFinding(c)
	want := "rogue is hurting db-1 on storage: it moves 81 MB a second (99% of the guests' I/O), and db-1 stalls on I/O 18% of the time (normally 1%)"
	if f.Summary != want || f.Evidence["aggressor_io_bytes_per_s"] != int64(81e6) || f.Evidence["resource"] != "io" {
		t.Errorf("finding %q %+v", f.Summary, f.Evidence)
	}
}

type collect struct{ alerts []alert.Alert }

func (c *collect) Open(a *alert.Alert)  {}
func (c *collect) Close(a *alert.Alert) { c.alerts = append(c.alerts, *a) }

func TestTargetOf(t *testing.T) {
	vm := inventory.Guest{Name: "vm", State: "running", Process: &inventory.Process{PID: 42, VCPUThreads: []int{43, 44}, Cgroups: []string{"/machine.slice/vm"}},
		Ports: []inventory.Port{{Iface: "vnet0"}, {}}}
	tg, vcpus, ok := targetOf(&vm)
	if !ok || vcpus != 2 || tg.PID != 42 || len(tg.Threads) != 2 || len(tg.Ports) != 1 || tg.Ports[0] != "vnet0" {
		t.Errorf("vm: %+v %d %v", tg, vcpus, ok)
	}
	if _, _, ok := targetOf(&inventory.Guest{Name: "off", State: "shutoff", Process: &inventory.Process{PID: 1}}); ok {
		t.Error("a shut-off guest is sampled")
	}
	if _, _, ok := targetOf(&inventory.Guest{Name: "nothing"}); ok {
		t.Error("a guest with neither process nor port is sampled")
	}
}
