package udpflood

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/detect/detecttest"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

func build(deps detect.Dependencies) []detect.Detector {
	return []detect.Detector{New(DefaultConfig(), deps)}
}

// spoofed returns the i-th address of a large range nobody owns.
func spoofed(i int) flow.Addr {
	return flow.AddrFrom4([]byte{100, 64 + byte(i>>16&63), byte(i >> 8), byte(i)})
}

// client returns the i-th of a few real clients.
func client(i int) flow.Addr { return flow.AddrFrom4([]byte{10, 0, 3, byte(10 + i)}) }

func one(addr string) func(int) flow.Addr {
	a := detecttest.Addr(addr)
	return func(int) flow.Addr { return a }
}

// send appends n packets spread evenly over d from src(i) to dst, each
// built by mk.
func send(g *detecttest.Gen, n int, d time.Duration, mk func(i int)) {
	start := g.Now
	for i := range n {
		g.Now = max(g.Now, start+flow.Time(d)*flow.Time(i)/flow.Time(n))
		mk(i)
	}
	g.Now = max(g.Now, start+flow.Time(d))
}

// udp returns a packet maker for UDP from src(i) to dst:port.
func udp(g *detecttest.Gen, src func(int) flow.Addr, dst string, port uint16, size int) func(int) {
	v := detecttest.Addr(dst)
	return func(i int) { g.Packet(src(i), v, flow.ProtoUDP, uint16(1024+i%60000), port, 0, size) }
}

// batch appends one event carrying n packets of size bytes, as a datapath
// that counts in the kernel sends them.
func batch(g *detecttest.Gen, src, dst flow.Addr, proto uint8, sp, dp uint16, n, size int) {
	g.Events = append(g.Events, flow.Event{Time: g.Now, Kind: flow.EventPacket,
		Key:    flow.Key{Src: src, Dst: dst, SrcPort: sp, DstPort: dp, Proto: proto},
		SrcMAC: detecttest.MACOf(src), DstMAC: detecttest.MACOf(dst),
		Packets: uint32(n), Bytes: uint64(n * (28 + size)), Payload: uint64(n * size)})
}

type view struct {
	Kind, Src, Dst      string
	Port                uint16
	Spoofed, Reflection bool
}

func views(as []alert.Alert) []view {
	var out []view
	for _, a := range as {
		v := view{Kind: a.Kind, Spoofed: strings.Contains(a.Summary, "spoofed?"), Reflection: strings.Contains(a.Summary, "reflection?")}
		if a.Src != nil {
			v.Src = a.Src.IP
		}
		if a.Dst != nil {
			v.Dst, v.Port = a.Dst.IP, a.Dst.Port
		}
		out = append(out, v)
	}
	return out
}

func TestDetector(t *testing.T) {
	cases := []struct {
		name    string
		gen     func(g *detecttest.Gen)
		want    []view
		sources int // distinct sources the evidence should estimate (within 15 %)
	}{{
		name: "spoofed flood to udp/500, 10k packets in 0.4 s across a tick",
		gen: func(g *detecttest.Gen) {
			g.Advance(800 * time.Millisecond)
			send(g, 10000, 400*time.Millisecond, udp(g, func(i int) flow.Addr { return spoofed(i % 2800) }, "10.10.10.10", 500, 200))
		},
		want:    []view{{Kind: Kind, Dst: "10.10.10.10", Port: 500, Spoofed: true}},
		sources: 2800,
	}, {
		name: "one source floods a DNS server for 3 s",
		gen: func(g *detecttest.Gen) {
			send(g, 60000, 3*time.Second, func(i int) {
				// The server answers some of it: those answers are not
				// the attacker's to count as a flood against itself.
				udp(g, one("10.0.0.66"), "10.0.0.53", 53, 40)(i)
				if i%4 == 0 {
					g.Packet(detecttest.Addr("10.0.0.53"), detecttest.Addr("10.0.0.66"), flow.ProtoUDP, 53, uint16(1024+i%60000), 0, 100)
				}
			})
		},
		want: []view{{Kind: Kind, Src: "10.0.0.66", Dst: "10.0.0.53", Port: 53}},
	}, {
		name: "ping flood answered by the target",
		gen: func(g *detecttest.Gen) {
			// Only the target is flooded: the replies flowing back to the
			// flooder answer its own requests.
			s, v := detecttest.Addr("10.0.0.66"), detecttest.Addr("10.0.0.2")
			send(g, 20000, 2*time.Second, func(i int) {
				g.Packet(s, v, flow.ProtoICMP, 7, 8, 0, 56)
				g.Packet(v, s, flow.ProtoICMP, 8, 7, 0, 56)
			})
		},
		want: []view{{Kind: Kind, Src: "10.0.0.66", Dst: "10.0.0.2"}},
	}, {
		name: "reflection: unsolicited DNS answers from many resolvers",
		gen: func(g *detecttest.Gen) {
			v := detecttest.Addr("10.0.0.2")
			send(g, 15000, 2*time.Second, func(i int) {
				g.Packet(spoofed(i%500), v, flow.ProtoUDP, 53, 33333, 0, 1200)
			})
		},
		want: []view{{Kind: Kind, Dst: "10.0.0.2", Port: 33333, Spoofed: true}},
	}, {
		name: "reflection to random ports: IKE answers nobody asked for",
		gen: func(g *detecttest.Gen) {
			v := detecttest.Addr("10.10.10.10")
			send(g, 4000, 400*time.Millisecond, func(i int) {
				g.Packet(spoofed(i%2800), v, flow.ProtoUDP, 4500, uint16(1024+(i*7919)%60000), 0, 300)
			})
		},
		want: []view{{Kind: Kind, Dst: "10.10.10.10", Spoofed: true, Reflection: true}},
	}, {
		name: "kernel-batched flood",
		gen: func(g *detecttest.Gen) {
			for range 30 {
				batch(g, detecttest.Addr("10.0.0.66"), detecttest.Addr("10.0.0.2"), flow.ProtoUDP, 4444, 9999, 1000, 100)
				g.Advance(100 * time.Millisecond)
			}
		},
		want: []view{{Kind: Kind, Src: "10.0.0.66", Dst: "10.0.0.2", Port: 9999}},
	}, {
		name: "hping3 --udp at 1,500 pps, a new source port each, to a closed port",
		gen: func(g *detecttest.Gen) {
			send(g, 3000, 2*time.Second, udp(g, one("10.0.0.66"), "10.0.0.2", 5000, 0))
		},
		want: []view{{Kind: Kind, Src: "10.0.0.66", Dst: "10.0.0.2", Port: 5000}},
	}, {
		name: "below the floor: 3,000 pps from 30 syslog clients for a minute",
		gen: func(g *detecttest.Gen) {
			v := detecttest.Addr("10.0.0.2")
			send(g, 180000, time.Minute, func(i int) {
				g.Packet(client(i%30), v, flow.ProtoUDP, 5140, 514, 0, 200)
			})
		},
	}, {
		name: "a DNS resolver answering 3,000 queries a second from random ports",
		gen: func(g *detecttest.Gen) {
			v := detecttest.Addr("10.0.0.53")
			send(g, 30000, 10*time.Second, func(i int) {
				c, sp := client(i%30), uint16(1024+i%60000)
				g.Packet(c, v, flow.ProtoUDP, sp, 53, 0, 40)
				g.Packet(v, c, flow.ProtoUDP, 53, sp, 0, 120)
			})
		},
	}, {
		name: "a busy syslog server that stays as busy",
		gen: func(g *detecttest.Gen) {
			// 2,000 pps for half an hour, then 8,000 pps: above the
			// floor but not ten times the baseline.
			s, v := detecttest.Addr("10.0.0.3"), detecttest.Addr("10.0.0.4")
			for range 1800 * 10 {
				batch(g, s, v, flow.ProtoUDP, 5140, 514, 200, 300)
				g.Advance(100 * time.Millisecond)
			}
			for range 600 {
				batch(g, s, v, flow.ProtoUDP, 5140, 514, 800, 300)
				g.Advance(100 * time.Millisecond)
			}
		},
	}, {
		name: "a QUIC download: 30,000 pps of answers to the guest's own flow",
		gen: func(g *detecttest.Gen) {
			c, s := detecttest.Addr("10.0.0.20"), detecttest.Addr("10.0.0.80")
			g.Packet(c, s, flow.ProtoUDP, 50000, 443, 0, 1200)
			for range 100 {
				batch(g, s, c, flow.ProtoUDP, 443, 50000, 3000, 1350)
				batch(g, c, s, flow.ProtoUDP, 50000, 443, 300, 40)
				g.Advance(100 * time.Millisecond)
			}
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := detecttest.NewGen()
			tc.gen(g)
			got := detecttest.Run(t, g.Events, build)
			if diff := cmp.Diff(views(got), tc.want); diff != "" {
				t.Errorf("alerts (-got +want):\n%s", diff)
			}
			for _, a := range got {
				t.Logf("%s %s count=%d: %s %v", a.Kind, a.Severity, a.Count, a.Summary, a.Evidence)
				if tc.sources > 0 {
					n, _ := a.Evidence["sources"].(uint64)
					if d := float64(n)/float64(tc.sources) - 1; d < -0.15 || d > 0.15 {
						t.Errorf("sources = %d, want about %d", n, tc.sources)
					}
				}
			}
		})
	}
}

func TestBenign(t *testing.T) {
	for _, s := range detecttest.Benign() {
		t.Run(s.Name, func(t *testing.T) {
			if got := detecttest.Run(t, s.Events, build); len(got) > 0 {
				t.Errorf("alerts on benign traffic: %v\n%s", detecttest.Kinds(got), got[0].Summary)
			}
		})
	}
}

type discard struct{ n int }

func (r *discard) Report(*alert.Finding) { r.n++ }

// TestBounds fills the target table past its bound and lets it idle out.
func TestBounds(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxTargets = 16
	d := New(cfg, detect.Dependencies{Reporter: &discard{}})
	eng := detect.NewEngine(flowtable.DefaultConfig(), []detect.Detector{d}, nil)
	g := detecttest.NewGen()
	for i := range 100 {
		batch(g, detecttest.Addr("10.0.0.66"), spoofed(i), flow.ProtoUDP, 1000, 53, 1000, 40)
	}
	for i := range g.Events {
		eng.Process(&g.Events[i])
	}
	// Each evicted target's details go to the next one: 16 in all.
	if s := d.Stats(); s.Targets != 16 || s.TargetsEvicted != 84 || s.Busy != 16 || len(d.free) != 0 {
		t.Errorf("stats = %+v with %d details free, want 16 targets, 84 evicted, 16 busy, none free", s, len(d.free))
	}
	g.Advance(cfg.IdleTimeout + time.Second)
	eng.Tick(g.Now)
	if s := d.Stats(); s.Targets != 0 || s.Busy != 0 || len(d.free) != 16 {
		t.Errorf("after idling: stats = %+v with %d details free, want none and 16 free", s, len(d.free))
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	cases := []struct {
		change func(c *Config)
		want   string
	}{
		{func(c *Config) { c.MinPPS = 0 }, "min_pps:"},
		{func(c *Config) { c.BaselineFactor = 0 }, "baseline_factor:"},
		{func(c *Config) { c.BaselineHalfLife = 0 }, "baseline_half_life:"},
		{func(c *Config) { c.SourceShare = 1.5 }, "source_share:"},
		{func(c *Config) { c.MaxTargets = 0 }, "max_targets:"},
		{func(c *Config) { c.IdleTimeout = 0 }, "idle_timeout:"},
	}
	for _, tc := range cases {
		c := DefaultConfig()
		tc.change(&c)
		if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Validate() = %v, want an error starting with %q", err, tc.want)
		}
	}
}

// packet returns a UDP flow and one of its packets towards dst.
func packet(src, dst flow.Addr) (*flowtable.Flow, *flow.Event) {
	k := flow.Key{Src: src, Dst: dst, SrcPort: 40000, DstPort: 53, Proto: flow.ProtoUDP}
	f := &flowtable.Flow{Key: k, Outcome: flowtable.OutcomePending}
	f.Packets[flowtable.Orig] = 1
	ev := &flow.Event{Time: detecttest.Start, Kind: flow.EventPacket, Key: k, Packets: 1, Bytes: 68, Payload: 40}
	return f, ev
}

func TestNoAllocs(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
	f, ev := packet(detecttest.Addr("10.0.0.1"), detecttest.Addr("10.0.0.53"))
	f2, ev2 := packet(detecttest.Addr("10.0.0.1"), detecttest.Addr("10.0.0.54"))
	step := func() {
		ev.Time += 1000
		ev2.Time = ev.Time
		d.Packet(f, ev, flowtable.Orig)
		d.Packet(f2, ev2, flowtable.Orig)
	}
	for range 10000 { // both targets busy: details followed
		step()
	}
	if n := testing.AllocsPerRun(1000, step); n != 0 {
		t.Errorf("%v allocations per packet pair, want 0", n)
	}
}

func BenchmarkPacket(b *testing.B) {
	b.Run("alternating-targets", func(b *testing.B) {
		// Two targets in turn: a map lookup per packet, details not
		// followed (100 pps each).
		d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
		f, ev := packet(detecttest.Addr("10.0.0.1"), detecttest.Addr("10.0.0.53"))
		f2, ev2 := packet(detecttest.Addr("10.0.0.1"), detecttest.Addr("10.0.0.54"))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if i&1 == 0 {
				ev.Time += 10_000_000
				d.Packet(f, ev, flowtable.Orig)
			} else {
				ev2.Time = ev.Time
				d.Packet(f2, ev2, flowtable.Orig)
			}
			i++
		}
	})
	b.Run("flood", func(b *testing.B) {
		// One target under a spoofed flood: no lookup, details followed.
		d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
		f, ev := packet(detecttest.Addr("10.0.0.1"), detecttest.Addr("10.0.0.53"))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ev.Time += 10_000
			ev.Key.Src = spoofed(i & 0xffff)
			d.Packet(f, ev, flowtable.Orig)
			i++
		}
	})
}
