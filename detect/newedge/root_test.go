package newedge

import (
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
	app   = "10.0.0.20"
	db    = "10.0.0.50"
	cache = "10.0.0.51"
)

func run(t *testing.T, cfg Config, events []flow.Event) []alert.Alert {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return detecttest.Run(t, events, func(deps detect.Dependencies) []detect.Detector {
		return []detect.Detector{New(cfg, deps)}
	})
}

// learnWebTier makes web talk to app on 8080 once a minute until the
// generator's clock reaches until.
func learnWebTier(g *detecttest.Gen, until time.Duration) {
	for g.Now < detecttest.Start.Add(until) {
		g.TCP(web, app, 8080, detecttest.Open, 300, 2000)
		g.Advance(time.Minute)
	}
}

// at moves the generator's clock to Start+d.
func at(g *detecttest.Gen, d time.Duration) {
	if t := detecttest.Start.Add(d); t > g.Now {
		g.Now = t
	}
}

func TestNewEdge(t *testing.T) {
	small := DefaultConfig()
	small.MaxEdges = 1
	cases := []struct {
		name  string
		cfg   Config
		build func(g *detecttest.Gen)
		want  []string
	}{{
		name: "new peer after learning",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
		},
		want: []string{"new-edge 10.0.0.10->10.0.0.50"},
	}, {
		name: "new port on a known peer after learning",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.TCP(web, app, 22, detecttest.Open, 200, 1000)
		},
		want: []string{"new-edge 10.0.0.10->10.0.0.20"},
	}, {
		name: "new edge alerts once however often it is used",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			for range 20 {
				g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
				g.Advance(time.Second)
			}
		},
		want: []string{"new-edge 10.0.0.10->10.0.0.50"},
	}, {
		name: "new udp and icmp edges",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.UDP(web, cache, 11211, detecttest.Open, 60)
			g.Ping(web, db, detecttest.Open)
		},
		want: []string{"new-edge 10.0.0.10->10.0.0.51", "new-edge 10.0.0.10->10.0.0.50"},
	}, {
		name: "known edges after learning",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			for range 10 {
				g.TCP(web, app, 8080, detecttest.Open, 300, 2000)
				g.Advance(time.Second)
			}
		},
	}, {
		name: "new edges during learning are learned",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 30*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
		},
	}, {
		name: "failed attempts make no edge and raise nothing",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.TCP(web, db, 5432, detecttest.Closed, 0, 0)
			g.TCP(web, db, 5433, detecttest.Filtered, 0, 0)
			g.UDP(web, db, 161, detecttest.Closed, 40)
			g.Ping(web, cache, detecttest.Filtered)
		},
	}, {
		name: "a refused edge seen during learning is not known afterwards",
		build: func(g *detecttest.Gen) {
			g.TCP(web, db, 5432, detecttest.Closed, 0, 0)
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
		},
		want: []string{"new-edge 10.0.0.10->10.0.0.50"},
	}, {
		name: "no alert before the learning period ends",
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 59*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
		},
	}, {
		name: "full baseline stops learning",
		cfg:  small,
		build: func(g *detecttest.Gen) {
			learnWebTier(g, 10*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000) // not learned: full
			learnWebTier(g, 65*time.Minute)
			at(g, 70*time.Minute)
			g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
			g.TCP(web, app, 8080, detecttest.Open, 200, 1000)
		},
		want: []string{"new-edge 10.0.0.10->10.0.0.50"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			if cfg == (Config{}) {
				cfg = DefaultConfig()
			}
			g := detecttest.NewGen()
			c.build(g)
			got := run(t, cfg, g.Events)
			if diff := cmp.Diff(detecttest.Kinds(got), c.want); diff != "" {
				t.Errorf("alerts (-got +want):\n%s", diff)
			}
			for _, a := range got {
				if a.Count != 1 || a.Severity != alert.Low {
					t.Errorf("alert %s: count %d severity %s, want 1 low", a.Summary, a.Count, a.Severity)
				}
			}
		})
	}
}

func TestFinding(t *testing.T) {
	g := detecttest.NewGen()
	learnWebTier(g, 65*time.Minute)
	at(g, 70*time.Minute)
	g.TCP(web, db, 5432, detecttest.Open, 200, 1000)
	got := run(t, DefaultConfig(), g.Events)
	if len(got) != 1 {
		t.Fatalf("got %d alerts, want 1", len(got))
	}
	a := got[0]
	want := alert.Alert{
		Kind: Kind, Severity: alert.Low,
		Src:     &flow.Endpoint{IP: web, MAC: "02:00:0a:00:00:0a"},
		Dst:     &flow.Endpoint{IP: db, MAC: "02:00:0a:00:00:32", Port: 5432},
		Summary: "10.0.0.10 talked to 10.0.0.50 on tcp/5432 for the first time; the baseline learned over 1h0m0s has 1 edge",
		Evidence: map[string]any{"proto": "tcp", "port": uint16(5432), "baseline_edges": 1,
			"learned_for_s": int64(3600), "since_learning_s": int64(600)},
		Count: 1, Action: "none",
	}
	a.ID, a.Time, a.FirstSeen, a.LastSeen = "", time.Time{}, time.Time{}, time.Time{}
	if diff := cmp.Diff(a, want); diff != "" {
		t.Errorf("alert (-got +want):\n%s", diff)
	}
}

func TestBenign(t *testing.T) {
	for _, s := range detecttest.Benign() {
		t.Run(s.Name, func(t *testing.T) {
			if got := run(t, DefaultConfig(), s.Events); len(got) != 0 {
				t.Errorf("benign traffic raised %v", detecttest.Kinds(got))
			}
		})
	}
}

// TestBenignPastLearning runs the web tier for 70 minutes of event time, so
// that the last minutes come after the learning period: the same edges
// must stay quiet. The first 66 minutes are a light version of the tier
// (one round a second); then the real "web tier to app tier" benign
// scenario runs, shifted to start at 66 minutes.
func TestBenignPastLearning(t *testing.T) {
	var tier detecttest.Scenario
	for _, s := range detecttest.Benign() {
		if s.Name == "web tier to app tier" {
			tier = s
		}
	}
	if tier.Events == nil {
		t.Fatal("no web tier scenario in detecttest.Benign")
	}
	webs := []string{"10.0.0.10", "10.0.0.11", "10.0.0.12"}
	apps := []string{"10.0.0.20", "10.0.0.21", "10.0.0.22"}
	g := detecttest.NewGen()
	for i := 0; g.Now < detecttest.Start.Add(66*time.Minute); i++ {
		g.TCP(webs[i%3], apps[i%3], 8080, detecttest.Open, 300, 2000)
		if i%4 == 0 {
			g.TCP(apps[i%3], "10.0.0.50", 5432, detecttest.Open, 200, 1000)
			g.TCP(apps[i%3], "10.0.0.51", 6379, detecttest.Open, 50, 100)
		}
		g.Advance(300 * time.Millisecond)
	}
	shift := g.Now - tier.Events[0].Time
	events := g.Events
	for _, ev := range tier.Events {
		ev.Time += shift
		events = append(events, ev)
	}
	if end := events[len(events)-1].Time.Sub(detecttest.Start); end < 69*time.Minute {
		t.Fatalf("scenario ends at %s, want past 69m", end)
	}
	var det *Detector
	got := detecttest.Run(t, events, func(deps detect.Dependencies) []detect.Detector {
		det = New(DefaultConfig(), deps)
		return []detect.Detector{det}
	})
	if len(got) != 0 {
		t.Errorf("benign traffic past learning raised %v", detecttest.Kinds(got))
	}
	if det.Learning(events[len(events)-1].Time) {
		t.Error("still learning at the end of the scenario")
	}
	if s := det.Stats(); s.Edges != 9 || s.NewEdges != 0 {
		t.Errorf("stats %+v, want 9 edges and no new edge", s)
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *Config)
		want string
	}{
		{"default", func(*Config) {}, ""},
		{"learn_for", func(c *Config) { c.LearnFor = 0 }, "learn_for: must be positive, got 0s"},
		{"max_edges", func(c *Config) { c.MaxEdges = 0 }, "max_edges: 0 out of range [1, 2^26]"},
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

func TestNoAllocsKnownEdge(t *testing.T) {
	d := New(DefaultConfig(), detect.Dependencies{})
	f := &flowtable.Flow{
		Key:     flow.Key{Src: detecttest.Addr(web), Dst: detecttest.Addr(app), SrcPort: 40000, DstPort: 8080, Proto: flow.ProtoTCP},
		First:   detecttest.Start,
		Outcome: flowtable.OutcomeAnswered, OutcomeTime: detecttest.Start,
	}
	d.Outcome(f)
	if n := testing.AllocsPerRun(1000, func() { d.Outcome(f) }); n != 0 {
		t.Errorf("Outcome on a known edge allocates %v times", n)
	}
}
