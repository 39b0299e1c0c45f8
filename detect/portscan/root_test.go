package portscan

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/detect"
	. "github.com/crosstalk-dev/crosstalk/detect/detecttest"
	"github.com/crosstalk-dev/crosstalk/flow"
)

func run(t *testing.T, g *Gen) []string {
	t.Helper()
	return Kinds(Run(t, g.Events, func(deps detect.Dependencies) []detect.Detector {
		return []detect.Detector{New(DefaultConfig(), deps)}
	}))
}

const (
	rogue  = "10.0.0.66"
	victim = "10.0.0.20"
)

func TestPortscan(t *testing.T) {
	scan := []string{"portscan 10.0.0.66->10.0.0.20"}
	cases := []struct {
		name string
		gen  func(g *Gen)
		want []string
	}{
		{"SYN scan, closed ports", func(g *Gen) {
			for p := uint16(1); p <= 100; p++ {
				g.TCP(rogue, victim, p, Closed, 0, 0)
			}
		}, scan},
		{"connect scan, a few open", func(g *Gen) {
			for p := uint16(1); p <= 100; p++ {
				r := Closed
				if p == 22 || p == 80 {
					r = Open
				}
				g.TCP(rogue, victim, p, r, 0, 0)
			}
		}, scan},
		{"filtered ports, no answers", func(g *Gen) {
			for p := uint16(1); p <= 30; p++ {
				g.TCP(rogue, victim, p, Filtered, 0, 0)
			}
		}, scan},
		{"FIN scan of open ports gets no answer", func(g *Gen) {
			for p := uint16(1); p <= 10; p++ {
				g.Probe(rogue, victim, p, flow.FIN, Filtered)
			}
		}, scan},
		{"NULL scan", func(g *Gen) {
			for p := uint16(1); p <= 10; p++ {
				g.Probe(rogue, victim, p, 0, Closed)
			}
		}, scan},
		{"Xmas scan", func(g *Gen) {
			for p := uint16(1); p <= 10; p++ {
				g.Probe(rogue, victim, p, flow.FIN|flow.PSH|flow.URG, Closed)
			}
		}, scan},
		{"ACK scan answered by RST", func(g *Gen) {
			for p := uint16(1); p <= 10; p++ {
				g.Probe(rogue, victim, p, flow.ACK, Closed)
			}
		}, scan},
		{"UDP scan with ICMP unreachable", func(g *Gen) {
			for p := uint16(1); p <= 20; p++ {
				g.UDP(rogue, victim, p, Closed, 0)
			}
		}, scan},
		{"UDP scan without answers", func(g *Gen) {
			for p := uint16(1); p <= 20; p++ {
				g.UDP(rogue, victim, p, Filtered, 0)
			}
		}, scan},
		{"slow scan, one probe every 20 s", func(g *Gen) {
			for p := uint16(1); p <= 15; p++ {
				g.TCP(rogue, victim, p, Closed, 0, 0)
				g.Advance(20 * time.Second)
			}
		}, scan},
		{"very slow scan, one probe every 10 min", func(g *Gen) {
			for p := uint16(1); p <= 20; p++ {
				g.TCP(rogue, victim, p, Closed, 0, 0)
				g.Advance(10 * time.Minute)
			}
		}, scan},
		{"scan hidden among successes hits the port ceiling", func(g *Gen) {
			for p := uint16(1); p <= 40; p++ {
				g.TCP(rogue, victim, 80, Open, 100, 100) // a success between each probe, but not a new port
				g.TCP(rogue, victim, 1000+p, Closed, 0, 0)
				g.TCP(rogue, victim, 2000+p, Open, 0, 0)
			}
		}, scan},
		// Negatives.
		{"three closed ports are not a scan", func(g *Gen) {
			for p := uint16(1); p <= 3; p++ {
				g.TCP(rogue, victim, p, Closed, 0, 0)
			}
		}, nil},
		{"retries of one closed port are one probe", func(g *Gen) {
			for i := 0; i < 50; i++ {
				g.TCP(rogue, victim, 5432, Closed, 0, 0)
				g.Advance(time.Second)
			}
		}, nil},
		{"a client of many open services", func(g *Gen) {
			for i := 0; i < 20; i++ {
				for _, p := range []uint16{22, 80, 443, 5432, 6379, 8080, 9090, 9100} {
					g.TCP(rogue, victim, p, Open, 100, 1000)
				}
				g.Advance(time.Second)
			}
		}, nil},
		{"mid-stream traffic is not an ACK scan", func(g *Gen) {
			s, d := Addr(rogue), Addr(victim)
			for p := uint16(1); p <= 20; p++ {
				g.Packet(s, d, flow.ProtoTCP, 40000+p, 443, flow.ACK|flow.PSH, 500)
				g.Packet(d, s, flow.ProtoTCP, 443, 40000+p, flow.ACK, 0)
			}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewGen()
			c.gen(g)
			if diff := cmp.Diff(run(t, g), c.want); diff != "" {
				t.Errorf("(-got +want)\n%s", diff)
			}
		})
	}
}

func TestFastScanNamedWithinFiveProbes(t *testing.T) {
	g := NewGen()
	for p := uint16(1); p <= 5; p++ {
		g.TCP(rogue, victim, p, Closed, 0, 0)
	}
	if got := run(t, g); len(got) != 1 {
		t.Fatalf("after five failed probes: %v", got)
	}
}

func TestEvidence(t *testing.T) {
	g := NewGen()
	for p := uint16(1); p <= 200; p++ {
		g.TCP(rogue, victim, p, Closed, 0, 0)
	}
	as := Run(t, g.Events, func(deps detect.Dependencies) []detect.Detector {
		return []detect.Detector{New(DefaultConfig(), deps)}
	})
	if len(as) != 1 {
		t.Fatalf("alerts: %v", Kinds(as))
	}
	a := as[0]
	if a.Evidence["ports_failed"] != 200 || a.Evidence["port_max"] != uint16(200) || a.Severity != "high" || a.Mitre != "T1046" {
		t.Errorf("evidence %v severity %s", a.Evidence, a.Severity)
	}
	if a.Summary == "" || a.FirstSeen.After(a.Time) {
		t.Errorf("summary %q first %v time %v", a.Summary, a.FirstSeen, a.Time)
	}
}

func TestBenignIsQuiet(t *testing.T) {
	for _, s := range Benign() {
		t.Run(s.Name, func(t *testing.T) {
			got := Kinds(Run(t, s.Events, func(deps detect.Dependencies) []detect.Detector {
				return []detect.Detector{New(DefaultConfig(), deps)}
			}))
			if len(got) != 0 {
				t.Errorf("alerts on benign traffic: %v", got)
			}
		})
	}
}

func TestBounded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxPairs, cfg.MaxContacts = 100, 1000
	g := NewGen()
	for i := 0; i < 5000; i++ {
		g.TCP(flow.AddrFrom4([]byte{10, 1, byte(i >> 8), byte(i)}).String(), victim, uint16(i), Closed, 0, 0)
	}
	var d *Detector
	Run(t, g.Events, func(deps detect.Dependencies) []detect.Detector {
		d = New(cfg, deps)
		return []detect.Detector{d}
	})
	if d.pairs.Len() > 100 || d.contacts.Len() > 1000 || d.pairs.Evicted == 0 {
		t.Errorf("pairs %d (evicted %d), contacts %d", d.pairs.Len(), d.pairs.Evicted, d.contacts.Len())
	}
}
