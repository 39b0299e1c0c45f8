package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// syncBuffer is a log both sides write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// state is a host's guests for the publisher.
type state struct{ guests []inventory.Guest }

func (s state) Guests() []inventory.Guest { return s.guests }
func (s state) Resources() []resource.Use {
	return []resource.Use{{Guest: "db-1", CPU: 0.5, Delay: 0.02}}
}

func newAlert(host string, i int, at time.Time) *alert.Alert {
	return &alert.Alert{ID: fmt.Sprintf("%s-%05d", host, i), Time: at, FirstSeen: at, LastSeen: at, Kind: "portscan",
		Severity: alert.High, Host: host, Src: &flow.Endpoint{Guest: "rogue"}, Dst: &flow.Endpoint{Guest: "db-1"}, Count: 1,
		Summary: "test", Evidence: map[string]any{}}
}

// testServer starts a server on a free port in dir.
func testServer(t *testing.T, dir string, log *slog.Logger) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Listen, cfg.StateDir, cfg.Socket = "127.0.0.1:0", dir, ""
	s, err := New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// serverAt starts a server on addr (a restart on the same port).
func serverAt(t *testing.T, dir, addr string, log *slog.Logger) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Listen, cfg.StateDir, cfg.Socket = addr, dir, ""
	s, err := New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.Start(context.Background())
		if err == nil {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// agentSide is one host's store with its outbox and a publisher.
type agentSide struct {
	st  *store.Store
	pub *fleet.Publisher
}

func startAgent(t *testing.T, host, url, creds string, log *slog.Logger) *agentSide {
	t.Helper()
	scfg := store.DefaultConfig()
	scfg.Path = filepath.Join(t.TempDir(), host+".db")
	st, err := store.Open(scfg)
	if err != nil {
		t.Fatal(err)
	}
	st.SetOutbox(1000, fleet.EncodeAlert(host))
	cfg := fleet.DefaultAgentConfig()
	cfg.URL, cfg.Credentials, cfg.Interval = url, creds, 200*time.Millisecond
	pub, err := fleet.NewPublisher(cfg, host, "test", st, state{[]inventory.Guest{{Name: "db-1", VCPUs: 2, MemoryMiB: 2048}, {Name: "rogue"}}}, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pub.Close(0); st.Close() })
	return &agentSide{st: st, pub: pub}
}

func enroll(t *testing.T, dir, host string) string {
	t.Helper()
	e, err := fleet.LoadEnrollment(filepath.Join(dir, "agents.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.Enroll(host)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Save(filepath.Join(dir, "agents.json")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), host+".creds")
	if err := fleet.WriteCredentials(path, c); err != nil {
		t.Fatal(err)
	}
	return path
}

// waitAlerts waits until the server's store holds n alerts.
func waitAlerts(t *testing.T, s *Server, n int, d time.Duration) []alert.Alert {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		got, err := s.Store().Alerts(context.Background(), store.AlertQuery{Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestFleetDelivery: alerts an agent commits reach the server's store
// exactly once, also those raised while the server was down; the
// server learns the host's guests and facts; an agent with wrong
// credentials is refused, and both sides say so.
func TestFleetDelivery(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	dir := t.TempDir()
	creds := enroll(t, dir, "hv-1")
	s := testServer(t, dir, log)
	addr := s.NATSAddr()
	url := "nats://" + addr

	a := startAgent(t, "hv-1", url, creds, log)
	t0 := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	for i := range 50 {
		a.st.PutAlert(newAlert("hv-1", i, t0.Add(time.Duration(i)*time.Second)), true)
	}
	if got := waitAlerts(t, s, 50, 10*time.Second); len(got) != 50 {
		t.Fatalf("server has %d alerts, want 50", len(got))
	}

	// The server goes away; the agent goes on raising alerts.
	s.Stop()
	for i := 50; i < 120; i++ {
		a.st.PutAlert(newAlert("hv-1", i, t0.Add(time.Duration(i)*time.Second)), true)
	}
	// An update of an episode the server has: the same ID, a higher count.
	up := newAlert("hv-1", 3, t0.Add(3*time.Second))
	up.Count, up.LastSeen = 7, t0.Add(200*time.Second)
	a.st.PutAlert(up, false)
	a.st.Sync(context.Background())
	if n, _ := a.st.OutboxLen(context.Background()); n < 70 {
		t.Fatalf("outbox holds %d while the server is down, want at least 70", n)
	}
	time.Sleep(time.Second)
	s = serverAt(t, dir, addr, log)
	defer s.Stop()
	got := waitAlerts(t, s, 120, 15*time.Second)
	ids := map[string]int{}
	for _, al := range got {
		ids[al.ID]++
		if al.ID == up.ID && al.Count != 7 {
			t.Errorf("the update of %s did not arrive: count %d", al.ID, al.Count)
		}
		if al.Host != "hv-1" {
			t.Errorf("alert %s has host %q", al.ID, al.Host)
		}
	}
	if len(got) != 120 || len(ids) != 120 {
		t.Fatalf("server has %d alerts (%d distinct), want 120", len(got), len(ids))
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		n, _ := a.st.OutboxLen(context.Background())
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox still holds %d after delivery", n)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The host's guests and facts.
	deadline = time.Now().Add(5 * time.Second)
	for len(s.View().Guests) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if v := s.View(); len(v.Guests) != 2 || v.Guests[0].Host != "hv-1" {
		t.Fatalf("guests: %+v", v.Guests)
	}
	// ... and its recent resource rounds (the agent sends one every
	// 200 ms here), oldest first, at most hostRounds of them.
	deadline = time.Now().Add(10 * time.Second)
	for len(s.Resources().Rounds) < 3 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	rv := s.Resources()
	if n := len(rv.Rounds); n < 3 || n > hostRounds {
		t.Fatalf("resources: %d rounds, want 3 to %d", n, hostRounds)
	}
	for i, r := range rv.Rounds {
		if r.Host != "hv-1" || len(r.Guests) != 1 || r.Guests[0].CPU != 0.5 || i > 0 && !rv.Rounds[i-1].Time.Before(r.Time) {
			t.Errorf("resource round %d: %+v, want hv-1's with db-1 at 0.5 cores, after the one before", i, r)
		}
	}
	inv, err := s.Inventory(context.Background())
	if err != nil || len(inv.Hosts) != 1 || inv.Hosts[0].CPUs == 0 || len(inv.Guests) != 2 || inv.Guests[0].MemoryMiB != 2048 {
		t.Fatalf("inventory: %+v, %v", inv, err)
	}

	// The metrics say what was applied and that the host is up.
	reg := prometheus.NewRegistry()
	reg.MustRegister(s.Collector())
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]float64{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			key := f.GetName()
			for _, l := range m.GetLabel() {
				key += "/" + l.GetValue()
			}
			values[key] = m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	if values["crosstalk_server_messages_total/applied"] < 70 || values["crosstalk_server_hosts/up"] != 1 || values["crosstalk_server_consuming"] != 1 {
		t.Errorf("metrics: %v", values)
	}

	// Wrong credentials: refused, said on both sides.
	bad := filepath.Join(t.TempDir(), "bad.creds")
	fleet.WriteCredentials(bad, fleet.Credentials{User: "hv-2", Password: "not-the-secret"})
	b := startAgent(t, "hv-2", url, bad, log)
	deadline = time.Now().Add(10 * time.Second)
	for !b.pub.Refused() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !b.pub.Refused() {
		t.Errorf("the agent with wrong credentials was not refused")
	}
	out := logs.String()
	for _, want := range []string{"the fleet refused this agent's credentials", "agent refused: wrong or unknown credentials"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log does not say %q", want)
		}
	}
}

// TestHostCannotSpeakForAnother: a host's credentials publish only to
// its own subjects; a message on its subject naming another host is
// refused by the server.
func TestHostCannotSpeakForAnother(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	dir := t.TempDir()
	creds := enroll(t, dir, "hv-1")
	enroll(t, dir, "hv-2")
	s := testServer(t, dir, log)
	defer s.Stop()
	a := startAgent(t, "hv-1", "nats://"+s.NATSAddr(), creds, log)
	// Straight to another host's subject: NATS refuses the publish.
	_, id, data, _ := fleet.Encode("hv-2", &fleet.Alert{Header: fleet.Header{V: fleet.Version, Host: "hv-2"}, Alert: *newAlert("hv-2", 1, time.Now())})
	if err := a.pub.PublishRaw(fleet.Subject("hv-2", fleet.KindAlert), id, data); err == nil {
		t.Errorf("hv-1 published on hv-2's subject")
	}
	// On its own subject but naming hv-2: the server refuses the message.
	if err := a.pub.PublishRaw(fleet.Subject("hv-1", fleet.KindAlert), id, data); err != nil {
		t.Fatalf("publish on its own subject: %v", err)
	}
	// From a clock a year ahead: refused, not stored.
	ahead := newAlert("hv-1", 9, time.Now().AddDate(1, 0, 0))
	_, aid, adata, _ := fleet.Encode("hv-1", &fleet.Alert{Header: fleet.Header{V: fleet.Version, Host: "hv-1"}, Alert: *ahead})
	if err := a.pub.PublishRaw(fleet.Subject("hv-1", fleet.KindAlert), aid, adata); err != nil {
		t.Fatalf("publish: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Stats().Rejected < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if s.Stats().Rejected != 2 || !strings.Contains(logs.String(), "a host may only speak for itself") || !strings.Contains(logs.String(), "ahead of this server's clock") {
		t.Errorf("the server did not refuse hv-1 speaking as hv-2: %+v", s.Stats())
	}
	if got, _ := s.Store().Alerts(context.Background(), store.AlertQuery{}); len(got) != 0 {
		t.Errorf("the server stored %d alerts", len(got))
	}
}
