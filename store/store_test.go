package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

var t0 = time.Date(2026, 12, 1, 22, 0, 0, 0, time.UTC)

func open(t *testing.T, path string, tweak func(*Config)) *Store {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Path = path
	if tweak != nil {
		tweak(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func anAlert(id string, at time.Time, kind, src, dst string, count int) *alert.Alert {
	return &alert.Alert{ID: id, Time: at, Kind: kind, Severity: alert.High, Src: &flow.Endpoint{Guest: src, IP: "10.0.0.1"},
		Dst: &flow.Endpoint{Guest: dst}, Summary: kind, Evidence: map[string]any{"n": count}, FirstSeen: at, LastSeen: at.Add(time.Minute), Count: count, Action: "none"}
}

func aFlow(at time.Time, src, dst string, port uint16, bytes uint64) *flow.Record {
	return &flow.Record{Start: at, End: at.Add(time.Second), Proto: "tcp", Src: flow.Endpoint{Guest: src, IP: "10.0.0.1", Port: 40000},
		Dst: flow.Endpoint{Guest: dst, IP: "10.0.0.2", Port: port}, Packets: flow.PerDir[uint64]{Src: 3, Dst: 2},
		Bytes: flow.PerDir[uint64]{Src: bytes, Dst: 100}, State: "SF", CommunityID: "1:x"}
}

func TestStoreRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agent.db")
	s := open(t, path, nil)
	s.PutAlert(anAlert("A1", t0, "portscan", "rogue", "db-1", 1), true)
	s.PutAlert(anAlert("A1", t0, "portscan", "rogue", "db-1", 40), true) // the episode closes with its count
	s.PutAlert(anAlert("A2", t0.Add(time.Hour), "sweep", "rogue", "", 9), true)
	s.PutAlert(anAlert("A3", t0.Add(2*time.Hour), "beacon", "web-1", "c2", 5), true)
	for i := 0; i < 10; i++ {
		s.PutFlow(aFlow(t0.Add(time.Duration(i)*10*time.Second), "web-1", "db-1", 5432, 1000))
	}
	s.PutFlow(aFlow(t0.Add(3*time.Minute), "web-1", "cache-1", 6379, 50))
	ctx := context.Background()
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	all, err := s.Alerts(ctx, AlertQuery{})
	if err != nil || len(all) != 3 || all[0].ID != "A3" || all[2].Count != 40 {
		t.Fatalf("alerts %v %+v", err, all)
	}
	for q, want := range map[AlertQuery]int{
		{Kind: "portscan"}: 1, {Guest: "rogue"}: 2, {Guest: "db-1"}: 1, {Severity: "low"}: 0,
		{Since: t0.Add(90 * time.Minute)}: 1, {Until: t0.Add(30 * time.Minute)}: 1, {Limit: 2}: 2,
	} {
		if got, err := s.Alerts(ctx, q); err != nil || len(got) != want {
			t.Errorf("Alerts(%+v) = %d, %v; want %d", q, len(got), err, want)
		}
	}
	edges, err := s.Edges(ctx, EdgeQuery{Guest: "web-1"})
	if err != nil || len(edges) != 2 || edges[0].Dst != "db-1" || edges[0].Flows != 10 || edges[0].Bytes != 11000 || edges[0].Packets != 50 {
		t.Fatalf("edges %v %+v", err, edges)
	}
	if e, _ := s.Edges(ctx, EdgeQuery{Guest: "db-1", Peer: "web-1"}); len(e) != 1 {
		t.Errorf("edges db-1<->web-1: %+v", e)
	}
	flows, err := s.Flows(ctx, FlowQuery{Guest: "web-1", Port: 5432, Limit: 3})
	if err != nil || len(flows) != 3 || flows[0].Start != t0.Add(90*time.Second) {
		t.Fatalf("flows %v %+v", err, flows)
	}
	st := s.Stats()
	if st.Written != 15 || st.Dropped != 0 || st.Batches == 0 {
		t.Errorf("stats %+v", st)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.PutAlert(anAlert("A4", t0, "x", "", "", 1), true) {
		t.Error("a closed store accepted a record")
	}
	// Reopened, the history is there.
	s = open(t, path, nil)
	defer s.Close()
	if got, _ := s.Alerts(ctx, AlertQuery{}); len(got) != 3 {
		t.Errorf("after reopening: %d alerts", len(got))
	}
}

func TestStoreRetention(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "agent.db"), func(c *Config) {
		c.AlertRetention, c.FlowRetention, c.MaxFlowSamples = 24*time.Hour, time.Hour, 5
	})
	defer s.Close()
	ctx := context.Background()
	s.PutAlert(anAlert("old", t0, "portscan", "a", "b", 1), true)
	for i := 0; i < 8; i++ {
		s.PutFlow(aFlow(t0.Add(time.Duration(i)*time.Second), "a", "b", 80, 10))
	}
	s.Sync(ctx)
	if f, _ := s.Flows(ctx, FlowQuery{}); len(f) != 5 {
		t.Errorf("%d flow samples, want the bound of 5", len(f))
	}
	// Two days later by event time: the old alert and traffic go.
	s.PutAlert(anAlert("new", t0.Add(48*time.Hour), "portscan", "a", "b", 1), true)
	s.Sync(ctx)
	a, _ := s.Alerts(ctx, AlertQuery{})
	e, _ := s.Edges(ctx, EdgeQuery{})
	f, _ := s.Flows(ctx, FlowQuery{})
	if len(a) != 1 || a[0].ID != "new" || len(e) != 0 || len(f) != 0 {
		t.Errorf("after retention: alerts %d, edges %d, flows %d", len(a), len(e), len(f))
	}
	if s.Stats().Deleted == 0 {
		t.Error("deletions not counted")
	}
}

func TestStoreMaxBytes(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "agent.db"), func(c *Config) { c.MaxBytes = 1 << 20; c.MaxFlowSamples = 1 << 30 })
	defer s.Close()
	ctx := context.Background()
	for i := 0; i < 20000; i++ {
		s.PutFlow(aFlow(t0.Add(time.Duration(i)*time.Millisecond), fmt.Sprintf("g-%d", i%50), "db-1", uint16(i%1000), 10))
		if i%1000 == 999 {
			s.Sync(ctx)
		}
	}
	s.Sync(ctx)
	var pages, free, size int64
	s.db.QueryRow(`PRAGMA page_count`).Scan(&pages)
	s.db.QueryRow(`PRAGMA freelist_count`).Scan(&free)
	s.db.QueryRow(`PRAGMA page_size`).Scan(&size)
	// One batch may go over before retention trims it back.
	if used := (pages - free) * size; used > 2<<20 {
		t.Errorf("data use %d bytes, want about the 1 MiB bound", used)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("this is not a database, and it must survive being opened"), 0o644)
	cfg := DefaultConfig()
	cfg.Path = junk
	if _, err := Open(cfg); err == nil {
		t.Error("opened a file that is not SQLite")
	}
	if data, _ := os.ReadFile(junk); !strings.HasPrefix(string(data), "this is not a database") {
		t.Error("the bad file was changed")
	}
	newer := filepath.Join(dir, "newer.db")
	s := open(t, newer, nil)
	s.db.Exec(`PRAGMA user_version = 99`)
	s.Close()
	cfg.Path = newer
	if _, err := Open(cfg); err == nil || !strings.Contains(err.Error(), "newer than this crosstalk") {
		t.Errorf("a newer schema: %v", err)
	}
	for _, bad := range []func(*Config){
		func(c *Config) { c.QueueSize = 0 }, func(c *Config) { c.BatchSize = 0 }, func(c *Config) { c.FlushInterval = 0 },
		func(c *Config) { c.FlowRetention = -1 }, func(c *Config) { c.MaxBytes = 10 },
	} {
		c := DefaultConfig()
		bad(&c)
		if c.Validate() == nil {
			t.Errorf("accepted %+v", c)
		}
	}
}

// TestCrashLosesOnlyTheLastBatch kills a writing process with SIGKILL in
// the middle of a burst: every alert it saw committed is there after a
// restart, and the file passes SQLite's integrity check.
func TestCrashLosesOnlyTheLastBatch(t *testing.T) {
	if path := os.Getenv("CROSSTALK_STORE_CRASH"); path != "" {
		crashWriter(path)
		return
	}
	path := filepath.Join(t.TempDir(), "agent.db")
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestCrashLosesOnlyTheLastBatch$")
		cmd.Env = append(os.Environ(), "CROSSTALK_STORE_CRASH="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		committed := 0
		sc := bufio.NewScanner(out)
		deadline := time.Now().Add(time.Duration(300+200*round) * time.Millisecond)
		for sc.Scan() && time.Now().Before(deadline) {
			if n, err := strconv.Atoi(sc.Text()); err == nil {
				committed = n
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s := open(t, path, nil)
		ctx := context.Background()
		if res, err := s.Check(ctx); err != nil || res != "ok" {
			t.Fatalf("round %d: integrity check: %q %v", round, res, err)
		}
		var n int
		s.db.QueryRow(`SELECT count(*) FROM alerts WHERE kind = ?`, fmt.Sprintf("burst-%d", round)).Scan(&n)
		s.Close()
		t.Logf("round %d: %d alerts seen committed, %d in the store after kill -9", round, committed, n)
		if committed == 0 || n < committed {
			t.Fatalf("round %d: %d committed before the kill, %d after", round, committed, n)
		}
	}
}

// crashWriter writes alerts for ever, printing the count committed after
// each Sync, until it is killed.
func crashWriter(path string) {
	cfg := DefaultConfig()
	cfg.Path = path
	s, err := Open(cfg)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	var round int
	s.db.QueryRow(`SELECT count(DISTINCT kind) FROM alerts`).Scan(&round)
	kind := fmt.Sprintf("burst-%d", round)
	for i := 0; ; {
		for j := 0; j < 200; j++ {
			i++
			s.PutAlert(anAlert(fmt.Sprintf("%s-%d", kind, i), t0.Add(time.Duration(i)*time.Millisecond), kind, "rogue", "db-1", i), true)
		}
		if s.Sync(context.Background()) == nil {
			fmt.Println(i)
		}
	}
}

func TestAfterCommitSeesOnlyCommittedAlerts(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "a.db"), func(c *Config) { c.BatchSize = 3 })
	defer s.Close()
	got := make(chan Batch, 10)
	s.AfterCommit(func(b Batch) {
		// Everything reported is already readable.
		for _, c := range b.Alerts {
			if _, ok, err := s.Alert(context.Background(), c.Alert.ID); !ok || err != nil {
				t.Errorf("alert %s reported before it was committed (%v)", c.Alert.ID, err)
			}
		}
		got <- b
	})
	s.PutAlert(anAlert("A1", t0, "portscan", "rogue", "db-1", 1), true)
	s.PutFlow(aFlow(t0, "rogue", "db-1", 22, 10))
	s.PutAlert(anAlert("A1", t0, "portscan", "rogue", "db-1", 9), false)
	b := <-got
	if b.Err != nil || len(b.Alerts) != 2 || !b.Alerts[0].Opening || b.Alerts[1].Opening || b.Alerts[1].Alert.Count != 9 {
		t.Fatalf("batch = %+v, want the opening and the closing of A1 in order", b)
	}
	// A batch of flows alone reports nothing.
	s.PutFlow(aFlow(t0, "rogue", "db-1", 23, 10))
	if err := s.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		t.Fatalf("a batch without alerts was reported: %+v", b)
	default:
	}
}

func TestGuestsAndVerdicts(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "g.db"), nil)
	defer s.Close()
	web := inventory.Guest{Name: "web-1", UUID: "u-1", Labels: map[string]string{"tier": "web"}}
	s.PutGuests(t0, []inventory.Guest{web, {Name: "db-1"}})
	web.Labels["tier"] = "frontend"
	s.PutGuests(t0.Add(time.Hour), []inventory.Guest{web})
	denied := aFlow(t0, "rogue", "db-1", 5432, 10)
	denied.Verdict = "denied"
	s.PutFlow(denied)
	s.PutFlow(aFlow(t0, "web-1", "db-1", 5432, 10))
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	g, ok, err := s.Guest(ctx, "web-1")
	if err != nil || !ok {
		t.Fatalf("Guest(web-1) = %v, %v", ok, err)
	}
	if g.Labels["tier"] != "frontend" || g.UUID != "u-1" || !g.FirstSeen.Equal(t0) || !g.LastSeen.Equal(t0.Add(time.Hour)) {
		t.Errorf("web-1 = %+v, want the last labels, first seen t0 and last seen an hour later", g)
	}
	if _, ok, _ := s.Guest(ctx, "nobody"); ok {
		t.Error("a guest never seen was found")
	}
	fl, err := s.Flows(ctx, FlowQuery{Verdict: "denied"})
	if err != nil || len(fl) != 1 || fl[0].Src.Guest != "rogue" {
		t.Errorf("denied flows = %v, %v; want rogue's one", fl, err)
	}
	if acts, err := s.Actions(ctx, 0); err != nil || len(acts) != 0 {
		t.Errorf("actions = %v, %v; want none", acts, err)
	}
	q := Action{ID: "q1", Time: t0, Kind: "quarantine", Guest: "rogue", Expires: t0.Add(time.Hour), Detail: []byte(`{"allow_from":["role=monitor"]}`)}
	if err := s.PutAction(ctx, q); err != nil {
		t.Fatal(err)
	}
	s.PutAction(ctx, Action{ID: "r1", Time: t0.Add(time.Minute), Kind: "release", Guest: "rogue"})
	acts, err := s.Actions(ctx, 0)
	if err != nil || len(acts) != 2 || acts[0].Kind != "release" || !acts[1].Expires.Equal(q.Expires) || string(acts[1].Detail) != string(q.Detail) {
		t.Errorf("actions = %+v, %v", acts, err)
	}
}

// A database written by the first schema is brought up to date and keeps
// its rows.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(migrations[0] + `; PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO flow_samples (start, src, dst, port, record) VALUES (1, 'a', 'b', 22, '{"proto":"tcp"}')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := open(t, path, nil)
	defer s.Close()
	fl, err := s.Flows(context.Background(), FlowQuery{})
	if err != nil || len(fl) != 1 || fl[0].Proto != "tcp" {
		t.Fatalf("flows after migration = %v, %v", fl, err)
	}
	var v int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != len(migrations) {
		t.Errorf("user_version = %d, want %d", v, len(migrations))
	}
}

func TestPolicyVersions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	s := open(t, path, nil)
	if _, ok, err := s.LatestPolicy(ctx); ok || err != nil {
		t.Fatalf("a new store has a policy: %v %v", ok, err)
	}
	for i, src := range []string{"version: 1\npolicies: []\n", "version: 1 # second\npolicies: []\n"} {
		v, err := s.PutPolicy(ctx, t0.Add(time.Duration(i)*time.Hour), []byte(src))
		if err != nil || v != int64(i+1) {
			t.Fatalf("PutPolicy %d = %d, %v", i, v, err)
		}
	}
	s.Close()
	s = open(t, path, nil) // versions survive a restart
	defer s.Close()
	p, ok, err := s.LatestPolicy(ctx)
	if err != nil || !ok || p.Version != 2 || !strings.Contains(string(p.Source), "second") || len(p.Digest) != 64 || !p.Time.Equal(t0.Add(time.Hour)) {
		t.Errorf("latest = %+v, %v, %v", p, ok, err)
	}
}
