package alert

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/flow"
)

type memSink struct{ opened, closed []Alert }

func (s *memSink) Open(a *Alert)  { s.opened = append(s.opened, *a) }
func (s *memSink) Close(a *Alert) { s.closed = append(s.closed, *a) }

type names map[flow.Addr]string

func (n names) Lookup(a flow.Addr, _ flow.MAC) flow.GuestRef { return flow.GuestRef{Name: n[a]} }
func (n names) ByName(g string) flow.GuestRef                { return flow.GuestRef{Name: g} }

func sec(n int) flow.Time { return flow.Time(time.Duration(n) * time.Second) }

func TestEpisodes(t *testing.T) {
	x, y, z := flow.MustParseAddr("10.0.0.1"), flow.MustParseAddr("10.0.0.2"), flow.MustParseAddr("10.0.0.3")
	sink := &memSink{}
	m := NewManager(DefaultConfig(), Dependencies{Identity: names{x: "rogue"}, Sink: sink})
	scan := func(at int, dst flow.Addr, sev Severity) *Finding {
		return &Finding{Time: sec(at), Kind: "portscan", Severity: sev, Src: Party{Addr: x}, Dst: Party{Addr: dst},
			Summary: "s", Evidence: map[string]any{"n": at}, FirstSeen: sec(at) - 1}
	}
	m.Report(scan(10, y, Medium))
	m.Report(scan(20, y, High))   // same episode
	m.Report(scan(30, z, Medium)) // other target, other episode
	m.Tick(sec(20 + 600))         // closes the first only
	if len(sink.closed) != 1 {
		t.Fatalf("closed %d episodes after the first timed out, want 1", len(sink.closed))
	}
	m.Report(scan(700, y, Low)) // new episode after the timeout
	m.Flush()
	type row struct {
		Dst, Guest string
		Count      int
		Sev        Severity
		First      time.Time
		Last       time.Time
	}
	var got []row
	for _, a := range sink.closed {
		got = append(got, row{a.Dst.IP, a.Src.Guest, a.Count, a.Severity, a.FirstSeen, a.LastSeen})
	}
	want := []row{
		{"10.0.0.2", "rogue", 2, High, sec(10).Std().Add(-1), sec(20).Std()},
		{"10.0.0.3", "rogue", 1, Medium, sec(30).Std().Add(-1), sec(30).Std()},
		{"10.0.0.2", "rogue", 1, Low, sec(700).Std().Add(-1), sec(700).Std()},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want)\n%s", diff)
	}
	if len(sink.opened) != 3 {
		t.Errorf("opened %d, want 3", len(sink.opened))
	}
	ids := map[string]bool{}
	for _, a := range sink.closed {
		if len(a.ID) != 26 || ids[a.ID] {
			t.Errorf("bad or repeated ID %q", a.ID)
		}
		ids[a.ID] = true
	}
	if !(sink.closed[0].ID < sink.closed[2].ID) {
		t.Errorf("IDs not sortable by time: %s then %s", sink.closed[0].ID, sink.closed[2].ID)
	}
}

func TestBoundedEpisodesAndTargets(t *testing.T) {
	sink := &memSink{}
	cfg := DefaultConfig()
	cfg.MaxOpen, cfg.MaxTargets = 4, 2
	m := NewManager(cfg, Dependencies{Sink: sink})
	src := flow.MustParseAddr("10.0.0.9")
	for i := 0; i < 10; i++ {
		dst := flow.AddrFrom4([]byte{10, 0, 1, byte(i)})
		m.Report(&Finding{Time: sec(i), Kind: "x", Src: Party{Addr: src}, Dst: Party{Addr: dst}})
		if n := m.Stats().OpenEpisodes; n > cfg.MaxOpen {
			t.Fatalf("%d open episodes, bound %d", n, cfg.MaxOpen)
		}
	}
	var ts []Party
	for i := 0; i < 5; i++ {
		ts = append(ts, Party{Addr: flow.AddrFrom4([]byte{10, 0, 2, byte(i)})})
	}
	m.Report(&Finding{Time: sec(20), Kind: "sweep", Src: Party{Addr: src}, Targets: ts})
	m.Flush()
	if st := m.Stats(); st.ClosedEarly != 7 {
		t.Errorf("closed early %d, want 7", st.ClosedEarly)
	}
	last := sink.closed[len(sink.closed)-1]
	if len(last.Targets) != 2 {
		t.Errorf("targets %v, evidence %v", last.Targets, last.Evidence)
	}
}

func TestCloneSharesNothing(t *testing.T) {
	a := &Alert{ID: "x", Src: &flow.Endpoint{Guest: "rogue", Labels: map[string]string{"tier": "web"}},
		Targets: []flow.Endpoint{{IP: "10.0.0.1"}}, Evidence: map[string]any{"n": 1}}
	c := a.Clone()
	a.Src.Guest, a.Evidence["n"], a.Targets[0].IP = "other", 2, "10.0.0.2"
	a.Src.Labels["tier"] = "db"
	if c.Src.Guest != "rogue" || c.Evidence["n"] != float64(1) || c.Targets[0].IP != "10.0.0.1" || c.Src.Labels["tier"] != "web" {
		t.Errorf("the clone changed with the original: %+v", c)
	}
}

// Findings about guests with no address (a noisy neighbour) name them,
// keep one episode per source guest and list every victim.
func TestGuestOnlyParties(t *testing.T) {
	sink := &memSink{}
	m := NewManager(DefaultConfig(), Dependencies{Identity: names{}, Sink: sink})
	f := func(at int, src string, victims ...string) *Finding {
		var ts []Party
		for _, v := range victims {
			ts = append(ts, Party{Guest: v})
		}
		return &Finding{Time: sec(at), Kind: "noisy-neighbor", Severity: Medium, Src: Party{Guest: src}, Dst: Party{Guest: victims[0]}, Targets: ts, Episode: "cpu", Summary: "s"}
	}
	m.Report(f(1, "hog", "db-1", "web-1"))
	m.Report(f(2, "hog", "web-1", "db-1", "app-1")) // same episode: the same aggressor
	m.Report(f(3, "other-hog", "db-1"))             // another aggressor, another episode
	m.Flush()
	if len(sink.closed) != 2 {
		t.Fatalf("%d alerts, want one per aggressor", len(sink.closed))
	}
	a := sink.closed[0]
	if a.Src == nil || a.Src.Guest != "hog" || a.Src.IP != "" || a.Dst.Guest != "db-1" || a.Count != 2 || len(a.Targets) != 3 {
		t.Errorf("alert %+v (targets %+v)", a, a.Targets)
	}
}
