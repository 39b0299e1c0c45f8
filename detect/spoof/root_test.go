package spoof

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/detect/detecttest"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

const (
	web   = "10.0.0.10"
	db    = "10.0.0.12"
	other = "10.0.0.13"
)

var (
	rogueMAC = flow.MAC{0x52, 0x54, 0, 0, 0, 1}
	newMAC   = flow.MAC{0x52, 0x54, 0, 0, 0, 2}
	router   = flow.MAC{0x52, 0x54, 0, 0, 0, 0xfe}
)

func mac(ip string) flow.MAC { return detecttest.MACOf(detecttest.Addr(ip)) }

// identity is a fake detect.Identity: guests by MAC, IP and switch port.
type identity struct {
	macs  map[flow.MAC]string
	ips   map[flow.Addr]string
	ports map[uint32]string
}

func (i *identity) GuestByMAC(m flow.MAC) string { return i.macs[m] }
func (i *identity) GuestByIP(a flow.Addr) string { return i.ips[a] }
func (i *identity) GuestByPort(p uint32) string  { return i.ports[p] }
func (i *identity) declare(name, ip string, m flow.MAC, port uint32) {
	i.macs[m], i.ips[detecttest.Addr(ip)], i.ports[port] = name, name, name
}

// guests declares web-1, db-1 and rogue (which declares 10.0.0.99) on
// switch ports 3, 4 and 5.
func guests() *identity {
	id := &identity{macs: map[flow.MAC]string{}, ips: map[flow.Addr]string{}, ports: map[uint32]string{}}
	id.declare("web-1", web, mac(web), 3)
	id.declare("db-1", db, mac(db), 4)
	id.declare("rogue", "10.0.0.99", rogueMAC, 5)
	return id
}

// ports gives each event the switch port of its real sender, known by the
// Ethernet source MAC as in guests(); ports a case set itself are kept.
var ports = map[flow.MAC]uint32{mac(web): 3, mac(db): 4, rogueMAC: 5}

func withPorts(events []flow.Event) []flow.Event {
	for i := range events {
		if events[i].Port == 0 {
			events[i].Port = ports[events[i].SrcMAC]
		}
	}
	return events
}

// as runs fn and makes the frames it appends from address ip come from
// MAC m instead (ARP sender included).
func as(g *detecttest.Gen, ip string, m flow.MAC, fn func()) {
	n := len(g.Events)
	fn()
	for i := n; i < len(g.Events); i++ {
		ev := &g.Events[i]
		if ev.Key.Src == detecttest.Addr(ip) {
			ev.SrcMAC = m
			if ev.Kind == flow.EventARP {
				ev.ARPSender = m
			}
		}
	}
}

// arp appends an ARP frame: frame is the Ethernet source, sender the MAC
// in the ARP body.
func arp(g *detecttest.Gen, op uint16, senderIP string, frame, sender flow.MAC, target string) {
	g.Events = append(g.Events, flow.Event{Time: g.Now, Kind: flow.EventARP,
		Key: flow.Key{Src: detecttest.Addr(senderIP), Dst: detecttest.Addr(target)}, SrcMAC: frame,
		DstMAC: flow.MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, ARPOp: op, ARPSender: sender})
	g.Advance(10 * time.Microsecond)
}

func run(t *testing.T, id detect.Identity, events []flow.Event) []alert.Alert {
	t.Helper()
	return runConfig(t, DefaultConfig(), id, events)
}

func runConfig(t *testing.T, cfg Config, id detect.Identity, events []flow.Event) []alert.Alert {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return detecttest.RunWith(t, events, id, func(deps detect.Dependencies) []detect.Detector {
		return []detect.Detector{New(cfg, deps)}
	})
}

// summary is what the tests compare: kind, parties, severity, summary.
type summary struct {
	Kind, Src, SrcMAC, Dst, DstMAC, Severity, Mitre, Summary string
	Count                                                    int
}

func summarize(as []alert.Alert) []summary {
	var out []summary
	for _, a := range as {
		s := summary{Kind: a.Kind, Severity: string(a.Severity), Mitre: a.Mitre, Summary: a.Summary, Count: a.Count}
		if a.Src != nil {
			s.Src, s.SrcMAC = a.Src.IP, a.Src.MAC
		}
		if a.Dst != nil {
			s.Dst, s.DstMAC = a.Dst.IP, a.Dst.MAC
		}
		out = append(out, s)
	}
	return out
}

func TestLearned(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *detecttest.Gen)
		want  []summary
	}{{
		name: "ARP reply poisons a fresh ARP binding",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open) // db-1 answers: 10.0.0.12 is at its MAC
			g.Advance(time.Minute)
			arp(g, flow.ARPReply, db, rogueMAC, rogueMAC, web)
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db, DstMAC: "02:00:0a:00:00:0c",
			Severity: "high", Mitre: "T1557.002", Count: 1,
			Summary: "52:54:00:00:00:01 claims 10.0.0.12 in an ARP reply, but it is bound to 02:00:0a:00:00:0c (learned from ARP, confirmed 1m0s ago)"}},
	}, {
		name: "poisoning every 2 s for 5 minutes is one alert",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open)
			for range 150 {
				g.Advance(2 * time.Second)
				arp(g, flow.ARPReply, db, rogueMAC, rogueMAC, web)
				if g.Now%flow.Time(30*time.Second) < flow.Time(2*time.Second) {
					g.ARP(db, web, detecttest.Open) // the owner keeps its binding fresh
				}
			}
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db, DstMAC: "02:00:0a:00:00:0c",
			Severity: "high", Mitre: "T1557.002", Count: 5,
			Summary: "52:54:00:00:00:01 claims 10.0.0.12 in an ARP reply, but it is bound to 02:00:0a:00:00:0c (learned from ARP, confirmed 2s ago)"}},
	}, {
		name: "binding learned from an answer",
		build: func(g *detecttest.Gen) {
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
			g.Advance(time.Minute)
			arp(g, flow.ARPRequest, db, rogueMAC, rogueMAC, web)
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db, DstMAC: "02:00:0a:00:00:0c",
			Severity: "medium", Mitre: "T1557.002", Count: 1,
			Summary: "52:54:00:00:00:01 claims 10.0.0.12 in an ARP request, but it is bound to 02:00:0a:00:00:0c (learned from answers, confirmed 1m0s ago)"}},
	}, {
		name: "address taken by a new MAC while the binding is fresh",
		build: func(g *detecttest.Gen) {
			g.ARP(db, web, detecttest.Open)
			g.Advance(10 * time.Minute)
			arp(g, flow.ARPRequest, db, newMAC, newMAC, db)
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:02", Dst: db, DstMAC: "02:00:0a:00:00:0c",
			Severity: "high", Mitre: "T1557.002", Count: 1,
			Summary: "52:54:00:00:00:02 claims 10.0.0.12 in a gratuitous ARP request, but it is bound to 02:00:0a:00:00:0c (learned from ARP, confirmed 10m0s ago)"}},
	}, {
		name: "Ethernet source and ARP sender differ",
		build: func(g *detecttest.Gen) {
			arp(g, flow.ARPReply, db, rogueMAC, mac(db), web)
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db, DstMAC: "02:00:0a:00:00:0c",
			Severity: "medium", Mitre: "T1557.002", Count: 1,
			Summary: "52:54:00:00:00:01 sends an ARP reply claiming 10.0.0.12 is at 02:00:0a:00:00:0c: the Ethernet source and the ARP sender differ"}},
	}, {
		name: "gratuitous ARP from the owner",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open)
			for range 5 {
				g.Advance(time.Minute)
				arp(g, flow.ARPRequest, db, mac(db), mac(db), db)
				arp(g, flow.ARPReply, db, mac(db), mac(db), db)
			}
		},
	}, {
		name: "address moves to a new MAC after the binding expired",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
			g.Advance(61 * time.Minute)
			arp(g, flow.ARPRequest, db, newMAC, newMAC, db)
			g.Advance(time.Minute)
			arp(g, flow.ARPReply, db, newMAC, newMAC, web)
		},
	}, {
		name: "ARP probe claims nothing",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open)
			arp(g, flow.ARPRequest, "0.0.0.0", rogueMAC, rogueMAC, db)
		},
	}, {
		name: "a router carries many addresses",
		build: func(g *detecttest.Gen) {
			arp(g, flow.ARPRequest, "10.0.0.1", router, router, web)
			for i := range 50 {
				remote := fmt.Sprintf("192.0.2.%d", i+1)
				as(g, remote, router, func() { g.TCP(web, remote, 443, detecttest.Open, 300, 3000) })
				as(g, remote, router, func() { g.TCP(remote, web, 80, detecttest.Open, 300, 3000) })
			}
			g.Advance(time.Minute)
			arp(g, flow.ARPReply, "10.0.0.1", router, router, web)
		},
	}, {
		name: "spoofed sources bind nothing, so the owners are not blamed",
		build: func(g *detecttest.Gen) {
			as(g, db, rogueMAC, func() {
				for range 100 {
					g.TCP(db, web, 80, detecttest.Open, 0, 0)
				}
			})
			g.Advance(time.Second)
			g.ARP(db, web, detecttest.Open)
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := detecttest.NewGen()
			c.build(g)
			got := summarize(run(t, nil, g.Events))
			if diff := cmp.Diff(got, c.want); diff != "" {
				t.Errorf("alerts (-got +want):\n%s", diff)
			}
		})
	}
}

func TestDeclared(t *testing.T) {
	cases := []struct {
		name  string
		build func(g *detecttest.Gen)
		want  []summary
	}{{
		name: "traffic from another guest's address",
		build: func(g *detecttest.Gen) {
			as(g, db, rogueMAC, func() { g.TCP(db, web, 22, detecttest.Open, 100, 100) })
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db,
			Severity: "high", Mitre: "T1557", Count: 1,
			Summary: "52:54:00:00:00:01 (rogue) claims 10.0.0.12, which belongs to db-1, in tcp traffic to 10.0.0.10"}},
	}, {
		name: "ARP reply for another guest's address",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open)
			arp(g, flow.ARPReply, db, rogueMAC, rogueMAC, web)
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db, DstMAC: "02:00:0a:00:00:0c",
			Severity: "high", Mitre: "T1557.002", Count: 1,
			Summary: "52:54:00:00:00:01 (rogue) claims 10.0.0.12, which belongs to db-1, in an ARP reply"}},
	}, {
		name: "ARP claim from an undeclared MAC",
		build: func(g *detecttest.Gen) {
			arp(g, flow.ARPReply, db, newMAC, newMAC, web)
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:02", Dst: db,
			Severity: "high", Mitre: "T1557.002", Count: 1,
			Summary: "52:54:00:00:00:02 (undeclared) claims 10.0.0.12, which belongs to db-1, in an ARP reply"}},
	}, {
		name: "a guest answers for another guest",
		build: func(g *detecttest.Gen) {
			as(g, db, rogueMAC, func() { g.TCP(web, db, 5432, detecttest.Open, 200, 1000) })
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db,
			Severity: "high", Mitre: "T1557", Count: 1,
			Summary: "52:54:00:00:00:01 (rogue) claims 10.0.0.12, which belongs to db-1, in tcp replies to 10.0.0.10"}},
	}, {
		name: "one MAC sends from many declared addresses",
		build: func(g *detecttest.Gen) {
			as(g, web, rogueMAC, func() { g.UDP(web, other, 53, detecttest.Filtered, 60) })
			as(g, db, rogueMAC, func() { g.UDP(db, other, 53, detecttest.Filtered, 60) })
		},
		want: []summary{
			{Kind: "spoof", Src: web, SrcMAC: "52:54:00:00:00:01", Dst: web, Severity: "high", Mitre: "T1557", Count: 1,
				Summary: "52:54:00:00:00:01 (rogue) claims 10.0.0.10, which belongs to web-1, in udp traffic to 10.0.0.13"},
			{Kind: "spoof", Src: db, SrcMAC: "52:54:00:00:00:01", Dst: db, Severity: "high", Mitre: "T1557", Count: 1,
				Summary: "52:54:00:00:00:01 (rogue) claims 10.0.0.12, which belongs to db-1, in udp traffic to 10.0.0.13"},
		},
	}, {
		name: "a port sends with another guest's MAC and address",
		build: func(g *detecttest.Gen) {
			n := len(g.Events)
			g.TCP(db, web, 22, detecttest.Open, 100, 100)
			for i := n; i < len(g.Events); i++ {
				if g.Events[i].SrcMAC == mac(db) {
					g.Events[i].Port = 5 // rogue's port
				}
			}
		},
		want: []summary{{Kind: "spoof", Src: db, SrcMAC: "02:00:0a:00:00:0c", DstMAC: "02:00:0a:00:00:0c",
			Severity: "high", Mitre: "T1557", Count: 1,
			Summary: "the port of rogue sends as 02:00:0a:00:00:0c, which belongs to db-1, from 10.0.0.12 in tcp traffic to 10.0.0.10"}},
	}, {
		name: "undeclared router forwards declared addresses",
		build: func(g *detecttest.Gen) {
			as(g, db, router, func() { g.TCP(db, web, 22, detecttest.Open, 100, 100) })
		},
	}, {
		name: "undeclared addresses from a declared MAC are one offence",
		build: func(g *detecttest.Gen) {
			for _, src := range []string{"10.0.9.1", "10.0.9.2", "10.0.9.3"} {
				as(g, src, rogueMAC, func() { g.TCP(src, web, 80, detecttest.Open, 100, 100) })
			}
		},
		want: []summary{{Kind: "spoof", Src: "10.0.9.1", SrcMAC: "52:54:00:00:00:01", Dst: web, Severity: "medium", Mitre: "T1498", Count: 1,
			Summary: "52:54:00:00:00:01 (rogue) sends from 10.0.9.1, an address no guest declares, in tcp traffic to 10.0.0.10"}},
	}, {
		name: "declared guests talking and announcing themselves",
		build: func(g *detecttest.Gen) {
			g.ARP(web, db, detecttest.Open)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
			arp(g, flow.ARPRequest, db, mac(db), mac(db), db)
			g.Ping(db, web, detecttest.Open)
			as(g, "10.0.0.99", rogueMAC, func() { g.TCP("10.0.0.99", web, 443, detecttest.Open, 100, 100) })
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := detecttest.NewGen()
			c.build(g)
			got := summarize(run(t, guests(), withPorts(g.Events)))
			if diff := cmp.Diff(got, c.want); diff != "" {
				t.Errorf("alerts (-got +want):\n%s", diff)
			}
		})
	}
}

func TestUndeclaredSourcesOff(t *testing.T) {
	g := detecttest.NewGen()
	as(g, "10.0.9.1", rogueMAC, func() { g.TCP("10.0.9.1", web, 80, detecttest.Open, 100, 100) })
	cfg := DefaultConfig()
	cfg.UndeclaredSources = false
	if got := summarize(runConfig(t, cfg, guests(), withPorts(g.Events))); len(got) != 0 {
		t.Errorf("undeclared_sources: false still alerts: %v", got)
	}
}

func TestBenign(t *testing.T) {
	fleet := &identity{macs: map[flow.MAC]string{}, ips: map[flow.Addr]string{}, ports: map[uint32]string{}}
	for i := 0; i < 256; i++ {
		ip := fmt.Sprintf("10.0.0.%d", i)
		fleet.declare(fmt.Sprintf("vm-%d", i), ip, mac(ip), uint32(100+i))
	}
	for _, s := range detecttest.Benign() {
		for _, mode := range []struct {
			name string
			id   detect.Identity
		}{{"learned", nil}, {"declared", fleet}} {
			t.Run(s.Name+"/"+mode.name, func(t *testing.T) {
				if got := run(t, mode.id, s.Events); len(got) != 0 {
					t.Errorf("benign traffic raised %v", detecttest.Kinds(got))
				}
			})
		}
	}
}

func TestBounded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxBindings = 16
	d := New(cfg, detect.Dependencies{})
	g := detecttest.NewGen()
	for i := range 40 {
		g.ARP(fmt.Sprintf("10.0.1.%d", i), "10.0.0.1", detecttest.Filtered)
	}
	for i := range g.Events {
		d.ARP(&g.Events[i])
	}
	if s := d.Stats(); s.Bindings != 16 || s.Evicted != 24 || s.Learned != 40 {
		t.Errorf("stats %+v, want 16 bindings, 24 evicted, 40 learned", s)
	}
	d.Tick(g.Now.Add(cfg.BindingTTL))
	if s := d.Stats(); s.Bindings != 0 || s.Expired != 16 {
		t.Errorf("after the TTL: stats %+v, want 0 bindings, 16 expired", s)
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *Config)
		want string
	}{
		{"default", func(*Config) {}, ""},
		{"binding_ttl", func(c *Config) { c.BindingTTL = 0 }, "binding_ttl: must be positive, got 0s"},
		{"max_bindings", func(c *Config) { c.MaxBindings = 0 }, "max_bindings: 0 out of range [1, 2^24]"},
		{"report_every", func(c *Config) { c.ReportEvery = -time.Second }, "report_every: must not be negative, got -1s"},
		{"max_reported", func(c *Config) { c.MaxReported = 0 }, "max_reported: 0 out of range [1, 2^20]"},
	}
	for _, c := range cases {
		cfg := DefaultConfig()
		c.edit(&cfg)
		got := ""
		if err := cfg.Validate(); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: Validate() = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestNoAllocsSteadyState(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{Identity: guests()})
	f := &flowtable.Flow{
		Key:     flow.Key{Src: detecttest.Addr(web), Dst: detecttest.Addr(db), SrcPort: 40000, DstPort: 5432, Proto: flow.ProtoTCP},
		MAC:     [2]flow.MAC{mac(web), mac(db)},
		Port:    [2]uint32{3, 4},
		Packets: [2]uint64{1, 1},
	}
	ev := &flow.Event{Time: detecttest.Start, Kind: flow.EventPacket, Key: f.Key.Reverse(), Packets: 1}
	d.Packet(f, ev, flowtable.Resp)
	if n := testing.AllocsPerRun(1000, func() { d.Packet(f, ev, flowtable.Resp) }); n != 0 {
		t.Errorf("first packet of a known guest allocates %v times", n)
	}
	f.Packets[flowtable.Resp] = 5
	if n := testing.AllocsPerRun(1000, func() { d.Packet(f, ev, flowtable.Resp) }); n != 0 {
		t.Errorf("later packets allocate %v times", n)
	}
	a := &flow.Event{Time: detecttest.Start, Kind: flow.EventARP, Key: flow.Key{Src: detecttest.Addr(db), Dst: detecttest.Addr(web)},
		SrcMAC: mac(db), ARPOp: flow.ARPReply, ARPSender: mac(db)}
	d.ARP(a)
	if n := testing.AllocsPerRun(1000, func() { d.ARP(a) }); n != 0 {
		t.Errorf("ARP from a known owner allocates %v times", n)
	}
}
