package agent

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/store"
)

// The socket's history endpoints over a real store: data, filters, and a
// clear 400 for every bad parameter; 503 from an agent without a store.
func TestHistoryOverTheSocket(t *testing.T) {
	dir := t.TempDir()
	cfg := store.DefaultConfig()
	cfg.Path = filepath.Join(dir, "agent.db")
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now().UTC()
	for i, kind := range []string{"portscan", "sweep"} {
		st.PutAlert(&alert.Alert{ID: kind, Time: now.Add(-time.Duration(i) * time.Hour), Kind: kind, Severity: alert.High,
			Src: &flow.Endpoint{Guest: "rogue"}, FirstSeen: now, LastSeen: now, Count: 3, Evidence: map[string]any{}})
	}
	st.PutFlow(&flow.Record{Start: now, End: now, Proto: "tcp", Src: flow.Endpoint{Guest: "web-1"}, Dst: flow.Endpoint{Guest: "db-1", Port: 5432},
		Packets: flow.PerDir[uint64]{Src: 2, Dst: 2}, Bytes: flow.PerDir[uint64]{Src: 100, Dst: 100}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := st.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	a := New(DefaultConfig(), Dependencies{})
	a.store = st
	a.id.p.Store(inventory.Merge())
	sock := filepath.Join(dir, "agent.sock")
	go a.Serve(ctx, sock)
	var alerts []alert.Alert
	for i := 0; i < 100; i++ {
		if err = Ask(ctx, sock, "/v1/alerts?kind=portscan&since=2h", &alerts); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || len(alerts) != 1 || alerts[0].ID != "portscan" {
		t.Fatalf("alerts %v %+v", err, alerts)
	}
	var edges []store.Edge
	if err := Ask(ctx, sock, "/v1/edges?guest=db-1", &edges); err != nil || len(edges) != 1 || edges[0].Src != "web-1" {
		t.Errorf("edges %v %+v", err, edges)
	}
	var flows []flow.Record
	if err := Ask(ctx, sock, "/v1/flows?guest=web-1&port=5432", &flows); err != nil || len(flows) != 1 {
		t.Errorf("flows %v %+v", err, flows)
	}
	for path, want := range map[string]string{
		"/v1/alerts?since=yesterday":  "since: want an RFC 3339 time or a duration",
		"/v1/alerts?limit=-1":         "limit: want a whole number",
		"/v1/alerts?limit=99999999":   "limit: want a whole number",
		"/v1/flows?port=70000":        "port: want a whole number from 0 to 65535",
		"/v1/edges?colour=red":        `unknown parameter "colour"`,
		"/v1/alerts?until=2026-13-01": "until:",
	} {
		var v any
		if err := Ask(ctx, sock, path, &v); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	// An agent without a store says so.
	b := New(DefaultConfig(), Dependencies{})
	sock2 := filepath.Join(dir, "b.sock")
	go b.Serve(ctx, sock2)
	var v any
	for i := 0; i < 100; i++ {
		if err = Ask(ctx, sock2, "/v1/alerts", &v); err != nil && strings.Contains(err.Error(), "store.path") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err == nil || !strings.Contains(err.Error(), "store.path") {
		t.Errorf("no store: %v", err)
	}
}
