package synflood

import (
	"fmt"
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

type answer int

const (
	silent   answer = iota // nothing comes back
	synAck                 // the target answers SYN-ACK, the sender never completes
	refuse                 // the target answers RST
	complete               // SYN-ACK, then the sender completes and closes
	reset                  // SYN-ACK, then the sender's kernel resets it (raw-socket flooders)
)

// flood appends n SYNs to dst:port spread evenly over d, each from
// src(i) and source port sport(i), with the given flags and answer.
func flood(g *detecttest.Gen, n int, d time.Duration, dst string, port uint16, flags flow.TCPFlags, a answer,
	src func(i int) flow.Addr, sport func(i int) uint16) {
	floodMixed(g, n, d, dst, port, flags, func(int) answer { return a }, src, sport)
}

// floodMixed is flood with an answer per SYN.
func floodMixed(g *detecttest.Gen, n int, d time.Duration, dst string, port uint16, flags flow.TCPFlags, ans func(i int) answer,
	src func(i int) flow.Addr, sport func(i int) uint16) {
	start, v := g.Now, detecttest.Addr(dst)
	for i := range n {
		g.Now = max(g.Now, start+flow.Time(d)*flow.Time(i)/flow.Time(n))
		s, sp, a := src(i), sport(i), ans(i)
		g.Packet(s, v, flow.ProtoTCP, sp, port, flags, 0)
		switch a {
		case synAck, complete, reset:
			g.Packet(v, s, flow.ProtoTCP, port, sp, flow.SYN|flow.ACK, 0)
		case refuse:
			g.Packet(v, s, flow.ProtoTCP, port, sp, flow.RST|flow.ACK, 0)
		}
		switch a {
		case complete:
			g.Packet(s, v, flow.ProtoTCP, sp, port, flow.ACK, 0)
			g.Packet(s, v, flow.ProtoTCP, sp, port, flow.PSH|flow.ACK, 200)
			g.Packet(v, s, flow.ProtoTCP, port, sp, flow.PSH|flow.ACK, 900)
			g.Packet(s, v, flow.ProtoTCP, sp, port, flow.FIN|flow.ACK, 0)
			g.Packet(v, s, flow.ProtoTCP, port, sp, flow.FIN|flow.ACK, 0)
			g.Packet(s, v, flow.ProtoTCP, sp, port, flow.ACK, 0)
		case reset:
			g.Packet(s, v, flow.ProtoTCP, sp, port, flow.RST, 0)
		}
	}
	g.Now = max(g.Now, start+flow.Time(d))
}

func one(addr string) func(int) flow.Addr {
	a := detecttest.Addr(addr)
	return func(int) flow.Addr { return a }
}

func ports(i int) uint16      { return uint16(1024 + i%60000) }
func samePort(int) uint16     { return 31337 }
func clients(i int) flow.Addr { return detecttest.Addr(fmt.Sprintf("10.0.2.%d", 10+i%50)) }

// view is what the tests check of an alert.
type view struct {
	Kind, Src, Dst string
	Port           uint16
	Spoofed        bool
}

func views(as []alert.Alert) []view {
	var out []view
	for _, a := range as {
		v := view{Kind: a.Kind, Spoofed: strings.Contains(a.Summary, "spoofed?")}
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
		name string
		gen  func(g *detecttest.Gen)
		want []view
		// sources, when set, is the distinct-source count the evidence
		// should estimate (within 15 %).
		sources int
	}{{
		name: "spoofed flood answered with SYN-ACKs",
		gen: func(g *detecttest.Gen) {
			g.Advance(3 * time.Second)
			flood(g, 10000, 5*time.Second, "10.10.10.10", 80, flow.SYN, synAck, spoofed, ports)
		},
		want:    []view{{Kind: Kind, Dst: "10.10.10.10", Port: 80, Spoofed: true}},
		sources: 10000,
	}, {
		name: "spoofed flood with ECN and CWR flags, unanswered",
		gen: func(g *detecttest.Gen) {
			flood(g, 4000, 4*time.Second, "10.10.10.10", 80, flow.SYN|flow.ECE|flow.CWR, silent, spoofed, ports)
		},
		want:    []view{{Kind: Kind, Dst: "10.10.10.10", Port: 80, Spoofed: true}},
		sources: 4000,
	}, {
		name: "spoofed flood while real clients complete",
		gen: func(g *detecttest.Gen) {
			// 300 real connections a second throughout; from the third
			// second on, 1,500 spoofed SYNs a second among them.
			for s := range 5 {
				n, real := 300, func(int) bool { return true }
				if s >= 2 {
					n, real = 1800, func(i int) bool { return i%6 == 0 }
				}
				floodMixed(g, n, time.Second, "10.10.10.10", 443, flow.SYN,
					func(i int) answer {
						if real(i) {
							return complete
						}
						return synAck
					},
					func(i int) flow.Addr {
						if real(i) {
							return clients(i)
						}
						return spoofed(i + 2000*s)
					}, func(i int) uint16 { return ports(i + 2000*s) })
			}
		},
		want: []view{{Kind: Kind, Dst: "10.10.10.10", Port: 443, Spoofed: true}},
	}, {
		name: "one source, 200 SYNs in 0.2 s",
		gen: func(g *detecttest.Gen) {
			flood(g, 200, 200*time.Millisecond, "10.0.0.2", 80, flow.SYN, synAck, one("192.0.2.10"), ports)
		},
		want: []view{{Kind: Kind, Src: "192.0.2.10", Dst: "10.0.0.2", Port: 80}},
	}, {
		name: "one source, 200 SYNs in 0.2 s, unanswered",
		gen: func(g *detecttest.Gen) {
			flood(g, 200, 200*time.Millisecond, "10.0.0.2", 80, flow.SYN, silent, one("192.0.2.10"), ports)
		},
		want: []view{{Kind: Kind, Src: "192.0.2.10", Dst: "10.0.0.2", Port: 80}},
	}, {
		name: "one source, 200 SYNs on one 5-tuple across a tick",
		gen: func(g *detecttest.Gen) {
			g.Advance(900 * time.Millisecond)
			flood(g, 200, 200*time.Millisecond, "10.0.0.2", 80, flow.SYN, synAck, one("192.0.2.10"), samePort)
		},
		want: []view{{Kind: Kind, Src: "192.0.2.10", Dst: "10.0.0.2", Port: 80}},
	}, {
		name: "one source resets every SYN-ACK",
		gen: func(g *detecttest.Gen) {
			flood(g, 3000, 3*time.Second, "10.0.0.2", 22, flow.SYN, reset, one("10.0.0.66"), ports)
		},
		want: []view{{Kind: Kind, Src: "10.0.0.66", Dst: "10.0.0.2", Port: 22}},
	}, {
		name: "closed port refuses every SYN",
		gen: func(g *detecttest.Gen) {
			flood(g, 5000, 5*time.Second, "10.0.0.2", 81, flow.SYN, refuse, one("10.0.0.66"), ports)
		},
	}, {
		name: "a thousand connections a second that complete",
		gen: func(g *detecttest.Gen) {
			flood(g, 5000, 5*time.Second, "10.0.0.2", 8080, flow.SYN, complete, clients, ports)
		},
	}, {
		name: "a client retrying a dead service",
		gen: func(g *detecttest.Gen) {
			flood(g, 300, time.Minute, "10.0.0.2", 5432, flow.SYN, silent, one("10.0.0.3"), ports)
		},
	}, {
		name: "SYN scan of a thousand ports",
		gen: func(g *detecttest.Gen) {
			for p := range 1000 {
				r := detecttest.Filtered
				if p%2 == 0 {
					r = detecttest.Closed
				}
				g.Probe("10.0.0.66", "10.0.0.2", uint16(p+1), flow.SYN, r)
				g.Advance(time.Millisecond)
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

type identity struct{}

func (identity) GuestByMAC(flow.MAC) string  { return "" }
func (identity) GuestByIP(flow.Addr) string  { return "" }
func (identity) GuestByPort(p uint32) string { return map[uint32]string{7: "web-3"}[p] }

// TestSpoofedThroughOnePort checks that a spoofed flood that all entered
// on one switch port names that port and its guest, but no source.
func TestSpoofedThroughOnePort(t *testing.T) {
	g := detecttest.NewGen()
	flood(g, 3000, 3*time.Second, "10.0.0.2", 443, flow.SYN, silent, spoofed, ports)
	for i := range g.Events {
		g.Events[i].Port = 7
		g.Events[i].SrcMAC = flow.MAC{2, 0, 0, 0, 0, 7}
	}
	got := detecttest.RunWith(t, g.Events, identity{}, build)
	if diff := cmp.Diff(views(got), []view{{Kind: Kind, Dst: "10.0.0.2", Port: 443, Spoofed: true}}); diff != "" {
		t.Fatalf("alerts (-got +want):\n%s", diff)
	}
	if s := got[0].Summary; !strings.Contains(s, "all through switch port 7 (guest web-3)") {
		t.Errorf("summary %q does not name the port and its guest", s)
	}
}

type discard struct{ n int }

func (r *discard) Report(*alert.Finding) { r.n++ }

// TestHalfOpen follows the exact count through every way a connection
// leaves the half-open state.
func TestHalfOpen(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
	eng := detect.NewEngine(flowtable.DefaultConfig(), []detect.Detector{d}, nil)
	g := detecttest.NewGen()
	v := detecttest.Addr("10.0.0.2")
	c := func(i int) flow.Addr { return detecttest.Addr(fmt.Sprintf("10.0.1.%d", i)) }
	steps := []struct {
		name string
		gen  func()
		want int
	}{
		{"SYN", func() { g.Packet(c(1), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0) }, 1},
		{"retransmitted SYN", func() { g.Packet(c(1), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0) }, 1},
		{"SYN-ACK", func() { g.Packet(v, c(1), flow.ProtoTCP, 80, 1000, flow.SYN|flow.ACK, 0) }, 1},
		{"ACK completes", func() { g.Packet(c(1), v, flow.ProtoTCP, 1000, 80, flow.ACK, 0) }, 0},
		{"data and close", func() {
			g.Packet(c(1), v, flow.ProtoTCP, 1000, 80, flow.PSH|flow.ACK, 100)
			g.Packet(c(1), v, flow.ProtoTCP, 1000, 80, flow.FIN|flow.ACK, 0)
			g.Packet(v, c(1), flow.ProtoTCP, 80, 1000, flow.FIN|flow.ACK, 0)
		}, 0},
		{"ECN SYN", func() { g.Packet(c(2), v, flow.ProtoTCP, 1000, 80, flow.SYN|flow.ECE|flow.CWR, 0) }, 1},
		{"refused", func() { g.Packet(v, c(2), flow.ProtoTCP, 80, 1000, flow.RST|flow.ACK, 0) }, 0},
		{"SYN and SYN-ACK", func() {
			g.Packet(c(3), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0)
			g.Packet(v, c(3), flow.ProtoTCP, 80, 1000, flow.SYN|flow.ACK, 0)
		}, 1},
		{"initiator resets", func() { g.Packet(c(3), v, flow.ProtoTCP, 1000, 80, flow.RST, 0) }, 0},
		{"SYN, SYN-ACK, target resets", func() {
			g.Packet(c(4), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0)
			g.Packet(v, c(4), flow.ProtoTCP, 80, 1000, flow.SYN|flow.ACK, 0)
			g.Packet(v, c(4), flow.ProtoTCP, 80, 1000, flow.RST, 0)
		}, 0},
		{"late ACK after the reset", func() { g.Packet(c(4), v, flow.ProtoTCP, 1000, 80, flow.ACK, 0) }, 0},
		{"two unanswered SYNs", func() {
			g.Packet(c(5), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0)
			g.Packet(c(6), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0)
		}, 2},
		{"attempt timeout", func() {
			g.Advance(6 * time.Second)
			g.Packet(c(9), v, flow.ProtoUDP, 1000, 53, 0, 40)
		}, 0},
		{"mid-stream ACK is not a SYN", func() { g.Packet(c(7), v, flow.ProtoTCP, 1000, 80, flow.ACK, 0) }, 0},
		{"SYN-ACK answered SYN left open", func() {
			g.Packet(c(8), v, flow.ProtoTCP, 1000, 80, flow.SYN, 0)
			g.Packet(v, c(8), flow.ProtoTCP, 80, 1000, flow.SYN|flow.ACK, 0)
		}, 1},
	}
	done := 0
	for _, s := range steps {
		s.gen()
		for ; done < len(g.Events); done++ {
			eng.Process(&g.Events[done])
		}
		got := d.Stats().HalfOpen
		tg, _ := d.targets.Peek(targetKey{v, 80})
		if got != s.want || tg == nil || tg.halfOpen != s.want {
			t.Fatalf("after %s: %d followed, target counts %v, want %d", s.name, got, tg, s.want)
		}
	}
	eng.Flush()
	if got := d.Stats().HalfOpen; got != 0 {
		t.Errorf("after the flush: %d half-open, want 0", got)
	}
	if tg, _ := d.targets.Peek(targetKey{v, 80}); tg.halfOpen != 0 {
		t.Errorf("after the flush: target counts %d, want 0", tg.halfOpen)
	}
}

// TestBounds fills both tables past their bounds.
func TestBounds(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxTargets, cfg.MaxHalfOpen = 16, 100
	d := New(cfg, detect.Dependencies{Reporter: &discard{}})
	eng := detect.NewEngine(flowtable.DefaultConfig(), []detect.Detector{d}, nil)
	g := detecttest.NewGen()
	for i := range 500 {
		g.Packet(spoofed(i), detecttest.Addr("10.0.0.2"), flow.ProtoTCP, 1000, uint16(1+i%40), flow.SYN, 0)
	}
	for i := range g.Events {
		eng.Process(&g.Events[i])
	}
	s := d.Stats()
	// 40 target ports in turn through 16 slots: every SYN but the first
	// 16 evicts one.
	if s.Targets != 16 || s.TargetsEvicted != 484 || s.HalfOpen != 100 || s.HalfOpenDropped != 400 {
		t.Errorf("stats = %+v, want 16 targets, 484 evicted, 100 half-open, 400 dropped", s)
	}
	eng.Flush()
	if s := d.Stats(); s.HalfOpen != 0 {
		t.Errorf("after the flush: %d half-open, want 0", s.HalfOpen)
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
		{func(c *Config) { c.MinHalfOpen = 0 }, "min_half_open:"},
		{func(c *Config) { c.CUSUMDrift = -1 }, "cusum_drift:"},
		{func(c *Config) { c.CUSUMThreshold = 0 }, "cusum_threshold:"},
		{func(c *Config) { c.MinBaseline = 0 }, "min_baseline:"},
		{func(c *Config) { c.MinSYNRate = 0 }, "min_syn_rate:"},
		{func(c *Config) { c.RateFactor = 0.5 }, "rate_factor:"},
		{func(c *Config) { c.MaxAnsweredShare = 1 }, "max_answered_share:"},
		{func(c *Config) { c.BaselineHalfLife = 0 }, "baseline_half_life:"},
		{func(c *Config) { c.SourceShare = 0 }, "source_share:"},
		{func(c *Config) { c.MaxTargets = 0 }, "max_targets:"},
		{func(c *Config) { c.MaxHalfOpen = 0 }, "max_half_open:"},
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

// established returns a flow past its handshake and one of its data
// packets, as the flow table hands them to detectors.
func established() (*flowtable.Flow, *flow.Event) {
	k := flow.Key{Src: detecttest.Addr("10.0.0.1"), Dst: detecttest.Addr("10.0.0.2"), SrcPort: 40000, DstPort: 80, Proto: flow.ProtoTCP}
	f := &flowtable.Flow{Key: k, FirstFlags: flow.SYN, Outcome: flowtable.OutcomeAnswered}
	f.Packets = [2]uint64{1000, 900}
	f.Flags = [2]flow.TCPFlags{flow.SYN | flow.ACK | flow.PSH, flow.SYN | flow.ACK | flow.PSH}
	ev := &flow.Event{Time: detecttest.Start, Kind: flow.EventPacket, Key: k, Packets: 1, Bytes: 1500, Flags: flow.ACK | flow.PSH, FirstFlags: flow.ACK | flow.PSH}
	return f, ev
}

var victim = detecttest.Addr("10.10.10.10")

// synFlow returns a new flow's first SYN from the i-th spoofed source.
func synFlow(f *flowtable.Flow, ev *flow.Event, i int, now flow.Time) {
	k := flow.Key{Src: spoofed(i), Dst: victim, SrcPort: uint16(i), DstPort: 80, Proto: flow.ProtoTCP}
	*f = flowtable.Flow{Key: k, First: now, Last: now, FirstFlags: flow.SYN, Outcome: flowtable.OutcomePending}
	f.Packets[flowtable.Orig] = 1
	*ev = flow.Event{Time: now, Kind: flow.EventPacket, Key: k, Packets: 1, Bytes: 60, Flags: flow.SYN, FirstFlags: flow.SYN}
}

func TestNoAllocs(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
	f, ev := established()
	if n := testing.AllocsPerRun(1000, func() { d.Packet(f, ev, flowtable.Orig) }); n != 0 {
		t.Errorf("established packet: %v allocations, want 0", n)
	}
	var sf flowtable.Flow
	var sev flow.Event
	i := 0
	flood := func() {
		synFlow(&sf, &sev, i%1000, detecttest.Start+flow.Time(i)*1000)
		d.Packet(&sf, &sev, flowtable.Orig)
		d.FlowEnd(&sf, flowtable.EndIdle)
		i++
	}
	for range 2000 {
		flood()
	}
	if n := testing.AllocsPerRun(1000, flood); n != 0 {
		t.Errorf("SYN flood: %v allocations per SYN, want 0", n)
	}
}

func BenchmarkPacket(b *testing.B) {
	b.Run("established", func(b *testing.B) {
		d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
		f, ev := established()
		b.ReportAllocs()
		for b.Loop() {
			d.Packet(f, ev, flowtable.Orig)
		}
	})
	b.Run("syn-flood", func(b *testing.B) {
		// Each iteration is one spoofed SYN that opens a flow, becomes
		// half-open, and another that leaves when its flow ends, a
		// thousand SYNs later: the worst case.
		const n = 1 << 14
		fs, evs := make([]flowtable.Flow, n), make([]flow.Event, n)
		for i := range n {
			synFlow(&fs[i], &evs[i], i, detecttest.Start)
		}
		d := New(DefaultConfig(), detect.Dependencies{Reporter: &discard{}})
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ev := &evs[i%n]
			ev.Time += 1000
			d.Packet(&fs[i%n], ev, flowtable.Orig)
			d.FlowEnd(&fs[(i+n-1000)%n], flowtable.EndIdle)
			i++
		}
	})
}
