package worm

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/detect"
	. "github.com/crosstalk-dev/crosstalk/detect/detecttest"
)

func newDet(deps detect.Dependencies) []detect.Detector {
	return []detect.Detector{New(DefaultConfig(), deps)}
}

const (
	rogue = "10.0.0.66"
	web   = "10.0.0.10"
	db    = "10.0.2.3"
)

func host(i int) string { return fmt.Sprintf("10.0.2.%d", 1+i) }

// spread makes src probe 20 hosts of 10.0.2.0/24 on port, a third of which
// answer (db among them).
func spread(g *Gen, src string, port uint16) {
	for i := 0; i < 20; i++ {
		r := Filtered
		if i%3 == 2 {
			r = Open
		}
		g.TCP(src, host(i), port, r, 100, 100)
		g.Advance(500 * time.Millisecond)
	}
}

func TestWorm(t *testing.T) {
	cases := []struct {
		name string
		gen  func(g *Gen)
		want []string
	}{
		{"infected host spreads on the service it was reached on", func(g *Gen) {
			g.TCP(rogue, web, 22, Open, 2000, 2000)
			g.Advance(30 * time.Second)
			spread(g, web, 22)
		}, []string{"worm 10.0.0.10->"}},
		{"the last contact before the spread is the infector", func(g *Gen) {
			g.TCP("10.0.0.6", web, 22, Open, 2000, 400_000) // the backup server, earlier
			g.Advance(10 * time.Minute)
			g.TCP(rogue, web, 22, Open, 2000, 2000)
			g.Advance(5 * time.Second)
			spread(g, web, 22)
			g.TCP("10.0.0.6", web, 22, Open, 2000, 400_000) // the backup again, during the spread
		}, []string{"worm 10.0.0.10->"}},
		{"second hop extends the chain", func(g *Gen) {
			g.TCP(rogue, web, 22, Open, 2000, 2000)
			g.Advance(30 * time.Second)
			spread(g, web, 22) // reaches db (host 2)
			g.Advance(time.Minute)
			for i := 0; i < 20; i++ {
				r := Filtered
				if i%4 == 0 {
					r = Open
				}
				g.TCP(db, fmt.Sprintf("10.0.3.%d", i+1), 22, r, 100, 100)
			}
		}, []string{"worm 10.0.0.10->", "worm 10.0.2.3->"}},
		// Negatives.
		{"a prober never contacted on the service is a sweeper, not a worm hop", func(g *Gen) {
			spread(g, web, 22)
		}, nil},
		{"a host that used the service before it was contacted", func(g *Gen) {
			g.TCP(web, "10.0.9.9", 22, Open, 100, 100)
			g.Advance(time.Minute)
			g.TCP(rogue, web, 22, Open, 100, 100)
			spread(g, web, 22)
		}, nil},
		{"an automation host logging into many servers", func(g *Gen) {
			g.TCP(rogue, web, 22, Open, 2000, 2000)
			for i := 0; i < 30; i++ {
				g.TCP(web, host(i), 22, Open, 3000, 3000)
			}
		}, nil},
		{"contacted on one service, probing another", func(g *Gen) {
			g.TCP(rogue, web, 80, Open, 200, 2000)
			spread(g, web, 22)
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

func TestChain(t *testing.T) {
	g := NewGen()
	g.TCP("10.0.0.6", web, 22, Open, 2000, 400_000) // a backup visit first: not the infector
	g.Advance(time.Minute)
	g.TCP(rogue, web, 22, Open, 2000, 2000)
	spread(g, web, 22)
	for i := 0; i < 20; i++ {
		g.TCP(db, fmt.Sprintf("10.0.3.%d", i+1), 22, Filtered, 0, 0)
	}
	as := Run(t, g.Events, newDet)
	if len(as) != 2 {
		t.Fatalf("alerts %v", Kinds(as))
	}
	got := as[1].Evidence["chain"]
	want := []string{rogue, web, db}
	if diff := cmp.Diff(got, want); diff != "" || as[1].Severity != "critical" {
		t.Errorf("chain (-got +want)\n%s severity %s", diff, as[1].Severity)
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
