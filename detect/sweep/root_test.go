package sweep

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/detect"
	. "github.com/crosstalk-dev/crosstalk/detect/detecttest"
	"github.com/crosstalk-dev/crosstalk/flow"
)

func newDet(deps detect.Dependencies) []detect.Detector {
	return []detect.Detector{New(DefaultConfig(), deps)}
}

const rogue = "10.0.0.66"

func host(i int) string { return fmt.Sprintf("10.0.%d.%d", 1+i/250, 1+i%250) }

func TestSweep(t *testing.T) {
	sweep := []string{"sweep 10.0.0.66->"}
	cases := []struct {
		name string
		gen  func(g *Gen)
		want []string
	}{
		{"TCP SYN sweep of port 445, mostly silent", func(g *Gen) {
			for i := 0; i < 100; i++ {
				r := Filtered
				if i%10 == 0 {
					r = Open
				}
				g.TCP(rogue, host(i), 445, r, 0, 0)
			}
		}, sweep},
		{"ICMP echo sweep", func(g *Gen) {
			for i := 0; i < 254; i++ {
				r := Filtered
				if i < 8 {
					r = Open
				}
				g.Ping(rogue, host(i), r)
			}
		}, sweep},
		{"UDP sweep", func(g *Gen) {
			for i := 0; i < 50; i++ {
				g.UDP(rogue, host(i), 161, Closed, 40)
			}
		}, sweep},
		{"ARP sweep of a /24", func(g *Gen) {
			for i := 1; i < 255; i++ {
				r := Filtered
				if i < 9 {
					r = Open
				}
				g.ARP(rogue, fmt.Sprintf("10.0.0.%d", i), r)
				g.Advance(5 * time.Millisecond)
			}
		}, sweep},
		{"slow telnet fan-out over ten minutes", func(g *Gen) {
			for i := 0; i < 120; i++ {
				g.TCP(rogue, host(i), 23, Filtered, 0, 0)
				g.Advance(5 * time.Second)
			}
		}, sweep},
		{"sweep hidden among successes hits the ceiling", func(g *Gen) {
			for i := 0; i < 80; i++ {
				r := Filtered
				if i%2 == 0 {
					r = Open
				}
				g.TCP(rogue, host(i), 22, r, 0, 0)
			}
		}, sweep},
		// Negatives.
		{"portscan of three hosts is not a sweep", func(g *Gen) {
			for p := uint16(1); p <= 100; p++ {
				for i := 0; i < 3; i++ {
					g.TCP(rogue, host(i), p, Closed, 0, 0)
				}
			}
		}, nil},
		{"four dead peers are not a sweep", func(g *Gen) {
			for i := 0; i < 4; i++ {
				g.TCP(rogue, host(i), 80, Filtered, 0, 0)
			}
		}, nil},
		{"ARP for live neighbours", func(g *Gen) {
			for i := 1; i < 60; i++ {
				g.ARP(rogue, fmt.Sprintf("10.0.0.%d", i), Open)
			}
		}, nil},
		{"gratuitous ARP announcements", func(g *Gen) {
			for i := 0; i < 50; i++ {
				g.ARP(rogue, rogue, Filtered)
				g.Advance(time.Second)
			}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewGen()
			c.gen(g)
			if diff := cmp.Diff(Kinds(Run(t, g.Events, newDet)), c.want); diff != "" {
				t.Errorf("(-got +want)\n%s", diff)
			}
		})
	}
}

func TestTargetsAndEvidence(t *testing.T) {
	g := NewGen()
	for i := 0; i < 40; i++ {
		g.TCP(rogue, host(i), 445, Filtered, 0, 0)
	}
	as := Run(t, g.Events, newDet)
	if len(as) != 1 {
		t.Fatalf("alerts %v", Kinds(as))
	}
	a := as[0]
	if len(a.Targets) != 32 || a.Evidence["targets_failed"] != 40 {
		t.Errorf("targets %d, evidence %v", len(a.Targets), a.Evidence)
	}
	if svcs, _ := a.Evidence["services"].([]string); len(svcs) != 1 || svcs[0] != "tcp/445" {
		t.Errorf("services %v", a.Evidence["services"])
	}
}

func TestBenignIsQuiet(t *testing.T) {
	for _, s := range Benign() {
		t.Run(s.Name, func(t *testing.T) {
			if got := Kinds(Run(t, s.Events, newDet)); len(got) != 0 {
				t.Errorf("alerts on benign traffic: %v", got)
			}
		})
	}
}

func TestBounded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxSources, cfg.MaxContacts, cfg.MaxPendingARP = 50, 500, 50
	g := NewGen()
	for i := 0; i < 3000; i++ {
		g.ARP(host(i), host(i+1), Filtered)
		g.TCP(host(i), host(i+7), 80, Filtered, 0, 0)
	}
	var d *Detector
	Run(t, g.Events, func(deps detect.Dependencies) []detect.Detector { d = New(cfg, deps); return []detect.Detector{d} })
	if d.sources.Len() > 50 || d.contacts.Len() > 500 || d.arps.Len() > 50 {
		t.Errorf("sources %d contacts %d arps %d", d.sources.Len(), d.contacts.Len(), d.arps.Len())
	}
	_ = flow.ARPRequest
}
