package beacon

import (
	"math/rand/v2"
	"slices"
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
	guest = "10.0.0.20"
	c2    = "203.0.113.9"
)

// call is something a scenario does at an instant.
type call struct {
	at time.Duration
	do func(g *detecttest.Gen)
}

// play runs calls in time order through a generator and returns its
// events.
func play(calls []call) []flow.Event {
	slices.SortStableFunc(calls, func(a, b call) int { return int(a.at - b.at) })
	g := detecttest.NewGen()
	for _, c := range calls {
		if t := detecttest.Start.Add(c.at); t > g.Now {
			g.Now = t
		}
		c.do(g)
	}
	return g.Events
}

// series returns the instants of n connections: each interval is next().
func series(n int, next func() time.Duration) []time.Duration {
	var out []time.Duration
	var t time.Duration
	for range n {
		out = append(out, t)
		t += next()
	}
	return out
}

// tcpAt connects src to dst:port at each instant, sending about request
// bytes (plus up to spread more) and receiving response bytes.
func tcpAt(r *rand.Rand, at []time.Duration, src, dst string, port uint16, request, spread, response int) []call {
	var out []call
	for _, t := range at {
		req := request
		if spread > 0 {
			req += r.IntN(spread)
		}
		out = append(out, call{t, func(g *detecttest.Gen) { g.TCP(src, dst, port, detecttest.Open, req, response) }})
	}
	return out
}

func every(d time.Duration) func() time.Duration { return func() time.Duration { return d } }

// jitter returns intervals of d ± frac×d, uniform.
func jitter(r *rand.Rand, d time.Duration, frac float64) func() time.Duration {
	return func() time.Duration {
		return d + time.Duration((2*r.Float64()-1)*frac*float64(d))
	}
}

func run(t *testing.T, cfg Config, events []flow.Event) ([]alert.Alert, *Detector) {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var det *Detector
	got := detecttest.Run(t, events, func(deps detect.Dependencies) []detect.Detector {
		det = New(cfg, deps)
		return []detect.Detector{det}
	})
	return got, det
}

func TestBeacon(t *testing.T) {
	cases := []struct {
		name  string
		calls func(r *rand.Rand) []call
		want  []string
	}{{
		name: "every 30 s ± 1 s for 15 minutes, similar sizes",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(31, jitter(r, 30*time.Second, 1.0/30)), guest, c2, 443, 300, 20, 1200)
		},
		want: []string{"beacon 10.0.0.20->203.0.113.9"},
	}, {
		name: "every 60 s with 10% jitter for 20 minutes",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(21, jitter(r, time.Minute, 0.1)), guest, c2, 8443, 500, 40, 300)
		},
		want: []string{"beacon 10.0.0.20->203.0.113.9"},
	}, {
		name: "every 2.2 s for 11 minutes, beyond the ring",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(300, func() time.Duration {
				d := 2180*time.Millisecond + time.Duration(r.IntN(60))*time.Millisecond
				if r.IntN(15) == 0 {
					d += 450 * time.Millisecond
				}
				return d
			}), guest, c2, 443, 841, 0, 3900)
		},
		want: []string{"beacon 10.0.0.20->203.0.113.9"},
	}, {
		name: "udp every 45 s and icmp every 20 s",
		calls: func(r *rand.Rand) []call {
			var out []call
			for _, t := range series(25, jitter(r, 45*time.Second, 0.05)) {
				out = append(out, call{t, func(g *detecttest.Gen) { g.UDP(guest, c2, 4444, detecttest.Open, 120) }})
			}
			for _, t := range series(40, jitter(r, 20*time.Second, 0.05)) {
				out = append(out, call{t, func(g *detecttest.Gen) { g.Ping(guest, "198.51.100.7", detecttest.Open) }})
			}
			return out
		},
		want: []string{"beacon 10.0.0.20->198.51.100.7", "beacon 10.0.0.20->203.0.113.9"},
	}, {
		name: "two servers with the same rhythm are below the fan-out exemption",
		calls: func(r *rand.Rand) []call {
			at := series(31, jitter(r, 30*time.Second, 0.02))
			return append(tcpAt(r, at, guest, c2, 443, 300, 10, 1000),
				tcpAt(r, at, guest, "203.0.113.10", 443, 300, 10, 1000)...)
		},
		want: []string{"beacon 10.0.0.20->203.0.113.9", "beacon 10.0.0.20->203.0.113.10"},
	}, {
		name: "random (exponential) intervals",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(60, func() time.Duration {
				return time.Duration(r.ExpFloat64() * float64(30*time.Second))
			}), guest, c2, 443, 300, 10, 1000)
		},
	}, {
		name: "too few connections",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(9, every(time.Minute)), guest, c2, 443, 300, 10, 1000)
		},
	}, {
		name: "too short a run",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(24, every(10*time.Second)), guest, c2, 443, 300, 10, 1000)
		},
	}, {
		name: "a short regular burst long after one old connection",
		calls: func(r *rand.Rand) []call {
			at := []time.Duration{0}
			for _, t := range series(100, every(1500*time.Millisecond)) {
				at = append(at, time.Hour+t)
			}
			return tcpAt(r, at, guest, c2, 443, 300, 10, 1000)
		},
	}, {
		name: "a scraper with the same rhythm towards five guests",
		calls: func(r *rand.Rand) []call {
			var out []call
			for i, dst := range []string{"10.0.0.31", "10.0.0.32", "10.0.0.33", "10.0.0.34", "10.0.0.35"} {
				at := series(61, jitter(r, 15*time.Second, 0.01))
				for j := range at {
					at[j] += time.Duration(i) * time.Second
				}
				out = append(out, tcpAt(r, at, "10.0.0.5", dst, 9100, 120, 0, 8000)...)
			}
			return out
		},
	}, {
		name: "DNS and NTP polls",
		calls: func(r *rand.Rand) []call {
			var out []call
			for _, t := range series(40, every(30*time.Second)) {
				out = append(out, call{t, func(g *detecttest.Gen) { g.UDP(guest, "10.0.0.53", 53, detecttest.Open, 60) }})
			}
			for _, t := range series(20, every(64*time.Second)) {
				out = append(out, call{t, func(g *detecttest.Gen) { g.UDP(guest, "10.0.0.123", 123, detecttest.Open, 48) }})
			}
			return out
		},
	}, {
		name: "a request stream faster than min_interval",
		calls: func(r *rand.Rand) []call {
			return tcpAt(r, series(3000, every(200*time.Millisecond)), guest, "10.0.0.21", 8080, 300, 0, 2000)
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events := play(c.calls(rand.New(rand.NewPCG(1, 2))))
			got, _ := run(t, DefaultConfig(), events)
			kinds := detecttest.Kinds(got)
			slices.Sort(kinds)
			slices.Sort(c.want)
			if diff := cmp.Diff(kinds, c.want); diff != "" {
				t.Errorf("alerts (-got +want):\n%s", diff)
				for _, a := range got {
					t.Logf("%s: %s %v", a.Kind, a.Summary, a.Evidence)
				}
			}
			for _, a := range got {
				if a.Severity != alert.Medium && a.Severity != alert.High {
					t.Errorf("severity %s, want medium or high", a.Severity)
				}
			}
		})
	}
}

func TestFinding(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	events := play(tcpAt(r, series(31, every(30*time.Second)), guest, c2, 443, 300, 0, 1200))
	got, det := run(t, DefaultConfig(), events)
	if len(got) != 1 {
		t.Fatalf("got %d alerts, want 1: %v", len(got), detecttest.Kinds(got))
	}
	a := got[0]
	// Scored each minute from 5 minutes on (10 rounds), and at the end.
	want := alert.Alert{
		Kind: Kind, Severity: alert.High,
		Src:     &flow.Endpoint{IP: guest, MAC: "02:00:0a:00:00:14"},
		Dst:     &flow.Endpoint{IP: c2, MAC: "02:00:cb:00:71:09", Port: 443},
		Summary: "10.0.0.20 connects to 203.0.113.9 on tcp/443 every 30s (±0.00s), sending 500±0 bytes, 31 times over 15m0s: beacon score 1.00",
		Evidence: map[string]any{
			"connections": uint64(31), "kept": 31, "duration_s": int64(900),
			"interval_median_s": 30.0, "interval_mad_s": 0.0, "interval_skew": 0.0,
			"timing_score": 1.0, "count_score": 1.0, "score": 1.0,
			"size_median_bytes": 500.0, "size_mad_bytes": 0.0, "size_skew": 0.0, "size_score": 1.0,
		},
		Count: 11, Mitre: "T1071", Action: "none",
	}
	if first := a.FirstSeen.Sub(detecttest.Start.Std()); first != 0 {
		t.Errorf("first seen %s after the start, want 0", first)
	}
	a.ID, a.Time, a.FirstSeen, a.LastSeen = "", time.Time{}, time.Time{}, time.Time{}
	if diff := cmp.Diff(a, want); diff != "" {
		t.Errorf("alert (-got +want):\n%s", diff)
	}
	if s := det.Stats(); s.Findings != 11 || s.Connections != 31 || s.Pairs != 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var calls []call
	for i, dst := range []string{c2, "203.0.113.10", "198.51.100.1"} {
		at := series(40, jitter(r, time.Duration(20+i)*time.Second, 0.05))
		calls = append(calls, tcpAt(r, at, guest, dst, uint16(443+i), 300, 10, 1000)...)
	}
	events := play(calls)
	a, _ := run(t, DefaultConfig(), events)
	b, _ := run(t, DefaultConfig(), events)
	if len(a) != 3 {
		t.Errorf("got %d alerts, want 3", len(a))
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
}

func TestBenign(t *testing.T) {
	for _, s := range detecttest.Benign() {
		t.Run(s.Name, func(t *testing.T) {
			got, det := run(t, DefaultConfig(), s.Events)
			if len(got) != 0 {
				t.Errorf("benign traffic raised %v", detecttest.Kinds(got))
				for _, a := range got {
					t.Logf("%s %v", a.Summary, a.Evidence)
				}
			}
			t.Logf("stats %+v", det.Stats())
		})
	}
}

func TestBounded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxPairs = 16
	cfg.MaxConnections = 16
	d := New(cfg, detect.Dependencies{})
	f := &flowtable.Flow{Key: flow.Key{Src: detecttest.Addr(guest), Dst: detecttest.Addr(c2), DstPort: 443, Proto: flow.ProtoTCP},
		FirstFlags: flow.SYN}
	// One pair with many connections, then a scan of 100 new pairs.
	for i := range 40 {
		f.First = detecttest.Start.Add(time.Duration(i) * time.Second)
		d.FlowStart(f)
	}
	for i := range 100 {
		s := *f
		s.Key.DstPort = uint16(1000 + i)
		s.First = f.First.Add(time.Duration(i) * time.Millisecond)
		d.FlowStart(&s)
	}
	st := d.Stats()
	if st.Pairs != 16 || st.Evicted != 85 {
		t.Errorf("stats %+v, want 16 pairs, 85 evicted", st)
	}
	idx, ok := d.index[pairKey{src: f.Key.Src, dst: f.Key.Dst, port: 443, proto: flow.ProtoTCP}]
	if !ok {
		t.Fatal("the busy pair was evicted by the scan")
	}
	if n := len(d.slab[idx].ring); n != 16 {
		t.Errorf("ring holds %d connections, want 16", n)
	}
	d.Tick(f.First.Add(cfg.IdleTimeout + 2*cfg.ScoreEvery))
	d.Tick(f.First.Add(cfg.IdleTimeout + 4*cfg.ScoreEvery))
	if st := d.Stats(); st.Pairs != 0 || st.Expired != 16 {
		t.Errorf("after the idle timeout: stats %+v, want 0 pairs, 16 expired", st)
	}
}

func TestNoAllocsKnownPair(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{})
	f := &flowtable.Flow{Key: flow.Key{Src: detecttest.Addr(guest), Dst: detecttest.Addr(c2), DstPort: 443, Proto: flow.ProtoTCP},
		FirstFlags: flow.SYN, Bytes: [2]uint64{300, 1000}}
	now := detecttest.Start
	step := func() {
		now = now.Add(30 * time.Second)
		f.First = now
		d.FlowStart(f)
		d.FlowEnd(f, flowtable.EndIdle)
	}
	for range 200 { // fill the ring
		step()
	}
	if n := testing.AllocsPerRun(1000, step); n != 0 {
		t.Errorf("FlowStart and FlowEnd of a known pair allocate %v times", n)
	}
}

func TestScores(t *testing.T) {
	cases := []struct {
		name          string
		q1, q2, q3    float64
		floor, bowley float64
	}{
		{"symmetric", 1, 2, 3, 0.1, 0},
		{"right skewed", 1, 1.5, 3, 0.1, 0.5},
		{"median on a quartile", 1, 1, 3, 0.1, 0},
		{"tiny spread is floored", 2.19, 2.20, 2.22, 0.1, 0.01 / 0.22},
	}
	for _, c := range cases {
		if got := bowley(c.q1, c.q2, c.q3, c.floor); !near(got, c.bowley) {
			t.Errorf("%s: bowley = %v, want %v", c.name, got, c.bowley)
		}
	}
	xs := []float64{1, 2, 3, 4, 100}
	if q1, q2, q3 := quartiles(xs); q1 != 2 || q2 != 3 || q3 != 4 {
		t.Errorf("quartiles = %v %v %v, want 2 3 4", q1, q2, q3)
	}
	var buf []float64
	if got := mad(xs, 3, &buf); got != 1 {
		t.Errorf("mad = %v, want 1", got)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *Config)
		want string
	}{
		{"default", func(*Config) {}, ""},
		{"min_connections", func(c *Config) { c.MinConnections = 3 }, "min_connections: must be at least 4 (quartiles of 3 intervals), got 3"},
		{"max_connections", func(c *Config) { c.MaxConnections = 5 }, "max_connections: 5 out of range [min_connections, 4096]"},
		{"min_duration", func(c *Config) { c.MinDuration = 0 }, "min_duration: must be positive, got 0s"},
		{"score_every", func(c *Config) { c.ScoreEvery = -time.Second }, "score_every: must be positive, got -1s"},
		{"min_score", func(c *Config) { c.MinScore = 1.5 }, "min_score: must be in [0, 1], got 1.5"},
		{"high_score", func(c *Config) { c.HighScore = 0.5 }, "high_score: must not be below min_score (0.8), got 0.5"},
		{"jitter_limit", func(c *Config) { c.JitterLimit = 0 }, "jitter_limit: must be in (0, 10], got 0"},
		{"skew_floor", func(c *Config) { c.SkewFloor = -1 }, "skew_floor: must be in [0, 1], got -1"},
		{"run_gap", func(c *Config) { c.RunGap = 1 }, "run_gap: must be at least 2, got 1"},
		{"fanout_exempt", func(c *Config) { c.FanoutExempt = 1 }, "fanout_exempt: must be 0 (off) or at least 2, got 1"},
		{"max_pairs", func(c *Config) { c.MaxPairs = 0 }, "max_pairs: 0 out of range [1, 2^22]"},
		{"idle_timeout", func(c *Config) { c.IdleTimeout = time.Minute }, "idle_timeout: must not be shorter than min_duration (5m0s), got 1m0s"},
		{"ignore_ports proto", func(c *Config) { c.IgnorePorts = []string{"sctp/9"} }, `ignore_ports: "sctp/9": protocol must be tcp or udp`},
		{"ignore_ports range", func(c *Config) { c.IgnorePorts = []string{"udp/68-67"} }, `ignore_ports: "udp/68-67": want a port or a range lo-hi, optionally after tcp/ or udp/`},
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

func TestIgnorePorts(t *testing.T) {
	cfg := DefaultConfig()
	cfg.IgnorePorts = []string{"udp/53", "tcp/8000-8002", "123"}
	d := New(cfg, detect.Dependencies{})
	for _, c := range []struct {
		proto uint8
		port  uint16
		want  bool
	}{
		{flow.ProtoUDP, 53, true}, {flow.ProtoTCP, 53, false},
		{flow.ProtoTCP, 7999, false}, {flow.ProtoTCP, 8000, true}, {flow.ProtoTCP, 8002, true}, {flow.ProtoTCP, 8003, false},
		{flow.ProtoTCP, 123, true}, {flow.ProtoUDP, 123, true}, {flow.ProtoICMP, 8, false},
	} {
		if got := d.ignored(pairKey{proto: c.proto, port: c.port}); got != c.want {
			t.Errorf("ignored(%s/%d) = %v, want %v", flow.ProtoName(c.proto), c.port, got, c.want)
		}
	}
}
