package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// TestSyncReportsEarlierFailures: a commit that failed before the
// Sync's own batch is Sync's error too (the fleet server acknowledges
// what it put once Sync says nil).
func TestSyncReportsEarlierFailures(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "s.db"), func(c *Config) { c.FlushInterval = 10 * time.Millisecond })
	defer s.Close()
	if _, err := s.db.Exec(`CREATE TRIGGER boom BEFORE INSERT ON alerts WHEN NEW.kind = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	s.PutAlert(anAlert("B1", t0, "boom", "a", "b", 1), true)
	time.Sleep(200 * time.Millisecond) // its own batch, committed (and failed) on the timer
	s.PutAlert(anAlert("G1", t0, "portscan", "a", "b", 1), true)
	if err := s.Sync(context.Background()); err == nil {
		t.Fatal("Sync said nil after a commit that failed since the last Sync")
	}
	s.PutAlert(anAlert("G2", t0, "portscan", "a", "b", 1), true)
	if err := s.Sync(context.Background()); err != nil {
		t.Fatalf("the next Sync: %v", err)
	}
}

// TestFleetStoreGuards: on a fleet server's store, an alert from a clock
// a year ahead does not age out the others; another host's alert with
// the same ID does not replace the first's; a redelivered older edge
// total does not lower a newer one.
func TestFleetStoreGuards(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "f.db"), func(c *Config) { c.Fleet = true })
	defer s.Close()
	ctx := context.Background()
	now := time.Now().UTC()
	a := anAlert("X1", now, "portscan", "rogue", "db-1", 3)
	a.Host = "hv-a"
	s.PutAlert(a, true)
	future := anAlert("F1", now.AddDate(1, 0, 0), "portscan", "rogue", "db-1", 1)
	future.Host = "hv-b"
	s.PutAlert(future, true)
	forged := anAlert("X1", now, "portscan", "rogue", "db-1", 99)
	forged.Host, forged.Summary = "hv-b", "forged"
	forged.LastSeen = now.Add(time.Hour)
	s.PutAlert(forged, true)
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Alert(ctx, "X1")
	if err != nil || !ok {
		t.Fatalf("hv-a's alert is gone (%v): a clock a year ahead aged it out", err)
	}
	if got.Count != 3 || got.Host != "hv-a" || got.Summary == "forged" {
		t.Errorf("hv-b replaced hv-a's alert: %+v", got)
	}
	m := time.Now().Unix() / 60
	e := MinuteEdge{Minute: m, Src: "a", Dst: "b", Proto: "tcp", Port: 22, Verdict: "none", Flows: 9, Packets: 90, Bytes: 900}
	old := e
	old.Flows, old.Packets, old.Bytes = 5, 50, 500
	if err := s.PutHostEdges(ctx, "hv-a", []MinuteEdge{e}); err != nil {
		t.Fatal(err)
	}
	s.PutHostEdges(ctx, "hv-a", []MinuteEdge{old})
	edges, _ := s.Edges(ctx, EdgeQuery{Host: "hv-a"})
	if len(edges) != 1 || edges[0].Flows != 9 || edges[0].Bytes != 900 || edges[0].Host != "hv-a" {
		t.Errorf("edges after a late older total: %+v", edges)
	}
}

// TestMinuteEdgesByChange: the rows come in pages by change, all of them
// however many one minute has, and a minute changed again later (a long
// flow counted in its start minute when it ends) comes again.
func TestMinuteEdgesByChange(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "a.db"), nil)
	defer s.Close()
	ctx := context.Background()
	start := t0.Truncate(time.Minute)
	for i := range 2500 {
		s.PutFlow(aFlow(start.Add(time.Duration(i)*time.Millisecond), fmt.Sprintf("g%04d", i), "db-1", 5432, 100))
	}
	s.Sync(ctx)
	var cur EdgeCursor
	seen := map[string]uint64{}
	pages := 0
	for {
		rows, next, err := s.MinuteEdges(ctx, 0, cur, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			break
		}
		pages++
		for _, r := range rows {
			seen[r.Src] = r.Flows
		}
		cur = next
	}
	if len(seen) != 2500 || pages != 3 {
		t.Fatalf("%d rows in %d pages, want 2500 in 3", len(seen), pages)
	}
	// A flow that started in that minute ends now: the minute changes.
	s.PutFlow(aFlow(start.Add(30*time.Second), "g0007", "db-1", 5432, 100))
	s.Sync(ctx)
	rows, _, err := s.MinuteEdges(ctx, 0, cur, 1000)
	if err != nil || len(rows) != 1 || rows[0].Src != "g0007" || rows[0].Flows != 2 {
		t.Fatalf("after a late flow: %+v, %v", rows, err)
	}
}
