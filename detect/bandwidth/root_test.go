package bandwidth

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

// stream is one sender pushing bps to a receiver that ACKs.
type stream struct {
	src, dst string
	bps      float64
	from, to time.Duration // when it sends, from the scenario's start
}

// traffic builds d of event time, in 1 ms steps: every stream sends one
// kernel-batched event per step (the receiver ACKs every 10 ms), and each
// of the small senders makes one short connection a second.
func traffic(d time.Duration, streams []stream, small []string) []flow.Event {
	g := detecttest.NewGen()
	start := g.Now
	for i := time.Duration(0); i < d; i += time.Millisecond {
		g.Now = max(g.Now, start+flow.Time(i))
		for j, s := range streams {
			if i < s.from || i >= s.to {
				continue
			}
			src, dst := detecttest.Addr(s.src), detecttest.Addr(s.dst)
			sp := uint16(50000 + j)
			n := s.bps / 8 / 1000 // bytes per ms
			g.Events = append(g.Events, flow.Event{Time: g.Now, Kind: flow.EventPacket,
				Key:    flow.Key{Src: src, Dst: dst, SrcPort: sp, DstPort: 873, Proto: flow.ProtoTCP},
				SrcMAC: detecttest.MACOf(src), DstMAC: detecttest.MACOf(dst),
				Packets: uint32(n/1500) + 1, Bytes: uint64(n), Payload: uint64(n * 0.97), Flags: flow.ACK, FirstFlags: flow.ACK})
			if i%(10*time.Millisecond) == 0 {
				g.Packet(dst, src, flow.ProtoTCP, 873, sp, flow.ACK, 0)
			}
		}
		if i%time.Second == 0 {
			for k, s := range small {
				g.TCP(s, "10.0.0.50", uint16(8080+k), detecttest.Open, 300, 4000)
			}
		}
	}
	return g.Events
}

const s = time.Second

var others = []string{"10.0.0.40", "10.0.0.41", "10.0.0.42"}

func TestDetector(t *testing.T) {
	cases := []struct {
		name   string
		events []flow.Event
		want   []string
	}{{
		name:   "one guest pushes 2 Gbit/s while three others send small flows",
		events: traffic(60*s, []stream{{"10.0.0.9", "10.0.0.31", 2e9, 0, 60 * s}}, others),
		want:   []string{"bandwidth 10.0.0.9->"},
	}, {
		name: "one guest takes 80 % of a busy switch at 800 Mbit/s",
		events: traffic(60*s, []stream{
			{"10.0.0.9", "10.0.0.31", 800e6, 0, 60 * s},
			{"10.0.0.20", "10.0.0.21", 100e6, 0, 60 * s},
			{"10.0.0.22", "10.0.0.23", 80e6, 0, 60 * s},
		}, nil),
		want: []string{"bandwidth 10.0.0.9->"},
	}, {
		name:   "alone on a quiet switch",
		events: traffic(60*s, []stream{{"10.0.0.9", "10.0.0.31", 2e9, 0, 60 * s}}, nil),
	}, {
		name:   "a 15 s burst",
		events: traffic(60*s, []stream{{"10.0.0.9", "10.0.0.31", 2e9, 20 * s, 35 * s}}, others),
	}, {
		name: "two guests share the switch",
		events: traffic(60*s, []stream{
			{"10.0.0.9", "10.0.0.31", 1.5e9, 0, 60 * s},
			{"10.0.0.10", "10.0.0.32", 1.5e9, 0, 60 * s},
		}, others),
	}, {
		name:   "most of the switch, but slowly",
		events: traffic(60*s, []stream{{"10.0.0.9", "10.0.0.31", 300e6, 0, 60 * s}}, others),
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := detecttest.Run(t, tc.events, build)
			if diff := cmp.Diff(detecttest.Kinds(got), tc.want); diff != "" {
				t.Errorf("alerts (-got +want):\n%s", diff)
			}
			for _, a := range got {
				t.Logf("%s %s count=%d: %s %v", a.Kind, a.Severity, a.Count, a.Summary, a.Evidence)
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

type recorder struct{ got []*alert.Finding }

func (r *recorder) Report(f *alert.Finding) { r.got = append(r.got, f) }

// TestWindows checks when findings come: after MinWindows qualifying
// windows, then after each further one, and not after a gap.
func TestWindows(t *testing.T) {
	r := &recorder{}
	d := New(DefaultConfig(), detect.Dependencies{Reporter: r})
	f := &flowtable.Flow{}
	hog := &flow.Event{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.9")}, Bytes: 1e9} // 800 Mbit/s over 10 s
	small := []*flow.Event{
		{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.40")}, Bytes: 1000},
		{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.41")}, Bytes: 1000},
	}
	t0 := flow.Time(1_800_000_000) * 1e9 // a multiple of 10 s
	sec := flow.Time(time.Second)
	d.Tick(t0)
	var times []time.Duration
	for i := 0; i <= 60; i++ {
		now := t0 + flow.Time(i)*sec
		d.Tick(now)
		if i%10 == 5 && i < 50 { // nothing sent in [50 s, 60 s)
			d.Packet(f, hog, flowtable.Orig)
			for _, ev := range small {
				d.Packet(f, ev, flowtable.Orig)
			}
		}
	}
	for _, f := range r.got {
		times = append(times, f.Time.Sub(t0))
	}
	if diff := cmp.Diff(times, []time.Duration{30 * time.Second, 40 * time.Second, 50 * time.Second}); diff != "" {
		t.Errorf("finding times (-got +want):\n%s", diff)
	}
	if len(r.got) > 0 {
		f := r.got[0]
		if f.FirstSeen != t0 || f.Evidence["windows"] != 3 || f.Evidence["others"] != 2 || !strings.Contains(f.Summary, "800 Mbit/s") {
			t.Errorf("first finding = %+v", f)
		}
	}
	if s := d.Stats(); s.Senders != 0 || s.Windows != 6 {
		t.Errorf("stats = %+v, want no senders left and 6 windows judged", s)
	}
}

func TestBounds(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxSenders = 16
	d := New(cfg, detect.Dependencies{Reporter: &recorder{}})
	ev := &flow.Event{Kind: flow.EventPacket, Bytes: 100}
	for i := range 100 {
		ev.Key.Src = flow.AddrFrom4([]byte{10, 1, 0, byte(i)})
		d.Packet(&flowtable.Flow{}, ev, flowtable.Orig)
	}
	if s := d.Stats(); s.Senders != 16 || s.SendersEvicted != 84 || d.total != 100*100 {
		t.Errorf("stats = %+v, total %d; want 16 senders, 84 evicted, 10000 bytes", s, d.total)
	}
}

// TestCache checks that the sender cache never loses or misplaces bytes
// while the LRU grows, evicts and reuses its entries.
func TestCache(t *testing.T) {
	for _, size := range []int{1, 2, 3, 100} {
		cfg := DefaultConfig()
		cfg.MaxSenders = size
		d := New(cfg, detect.Dependencies{Reporter: &recorder{}})
		want := map[flow.Addr]uint64{}
		for i := range 2000 {
			// Conversations between neighbours, new senders now and then.
			n := i / 7 % 50
			if i%2 == 1 {
				n++
			}
			a := flow.AddrFrom4([]byte{10, 1, 0, byte(n)})
			if _, ok := d.senders.Peek(a); !ok {
				want[a] = 0 // forgotten, or new
			}
			want[a] += uint64(n + 1)
			d.Packet(&flowtable.Flow{}, &flow.Event{Kind: flow.EventPacket, Key: flow.Key{Src: a}, Bytes: uint64(n + 1)}, flowtable.Orig)
		}
		d.senders.Range(func(a flow.Addr, s *sender) bool {
			if s.bytes != want[a] {
				t.Errorf("max_senders %d: %s has %d bytes, want %d", size, a, s.bytes, want[a])
			}
			return true
		})
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
		{func(c *Config) { c.Window = 1500 * time.Millisecond }, "window:"},
		{func(c *Config) { c.MinShare = 0 }, "min_share:"},
		{func(c *Config) { c.MinBPS = 0 }, "min_bps:"},
		{func(c *Config) { c.MinOthers = -1 }, "min_others:"},
		{func(c *Config) { c.MinWindows = 0 }, "min_windows:"},
		{func(c *Config) { c.MaxSenders = 0 }, "max_senders:"},
	}
	for _, tc := range cases {
		c := DefaultConfig()
		tc.change(&c)
		if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Validate() = %v, want an error starting with %q", err, tc.want)
		}
	}
}

func TestRate(t *testing.T) {
	for bps, want := range map[float64]string{
		2.014e9: "2.01 Gbit/s", 532.4e6: "532 Mbit/s", 53.6e6: "53.6 Mbit/s", 900: "900 bit/s",
	} {
		if got := rate(bps); got != want {
			t.Errorf("rate(%g) = %q, want %q", bps, got, want)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{Reporter: &recorder{}})
	f := &flowtable.Flow{}
	a := &flow.Event{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.1")}, Bytes: 1500}
	b := &flow.Event{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.2")}, Bytes: 60}
	if n := testing.AllocsPerRun(1000, func() {
		d.Packet(f, a, flowtable.Orig)
		d.Packet(f, b, flowtable.Resp)
	}); n != 0 {
		t.Errorf("%v allocations per packet pair, want 0", n)
	}
}

func BenchmarkPacket(b *testing.B) {
	f := &flowtable.Flow{}
	evs := []*flow.Event{
		{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.1")}, Bytes: 1500},
		{Kind: flow.EventPacket, Key: flow.Key{Src: detecttest.Addr("10.0.0.2")}, Bytes: 60},
	}
	b.Run("same-sender", func(b *testing.B) {
		d := New(DefaultConfig(), detect.Dependencies{Reporter: &recorder{}})
		b.ReportAllocs()
		for b.Loop() {
			d.Packet(f, evs[0], flowtable.Orig)
		}
	})
	b.Run("alternating-senders", func(b *testing.B) {
		d := New(DefaultConfig(), detect.Dependencies{Reporter: &recorder{}})
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			d.Packet(f, evs[i&1], flowtable.Orig)
			i++
		}
	})
}
