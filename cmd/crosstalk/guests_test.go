package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

func TestGuestsArgs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "guests.yaml")
	os.WriteFile(good, []byte("guests:\n  - {name: web-1, macs: [\"52:54:00:00:00:11\"], labels: {tier: web}}\n  - {name: db-1, labels: {tier: db}}\n"), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("guests:\n  - name: a\n    colour: red\n"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--format", "xml", "--guests", good}, exitUsage, "--format"},
		{[]string{"--select", "tier in web", "--guests", good}, exitUsage, "--select"},
		{[]string{"--guests", good, "extra"}, exitUsage, "unexpected argument"},
		{[]string{"--guests", bad, "--local"}, exitUsage, "line 3: field colour not found"},
		{[]string{"--libvirt", "qemu+ssh://elsewhere/system"}, exitUsage, "local URI"},
		{[]string{"--config", filepath.Join(dir, "nope.yaml")}, exitUsage, "nope.yaml"},
		{[]string{"--guests", good, "--local", "--format", "table", "--select", "tier=web"}, exitOK, "web-1"},
		{[]string{"--guests", good, "--local", "--format", "json", "--select", "name=db-*"}, exitOK, `"name": "db-1"`},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		code := run(append([]string{"guests"}, c.args...), &out, &errb)
		if code != c.code || !strings.Contains(out.String()+errb.String(), c.want) {
			t.Errorf("guests %v: exit %d, want %d with %q\nstdout: %s\nstderr: %s", c.args, code, c.code, c.want, out.String(), errb.String())
		}
		if c.code == exitOK && strings.Contains(out.String(), "db-1") == strings.Contains(out.String(), "web-1") {
			t.Errorf("guests %v: the selector did not select:\n%s", c.args, out.String())
		}
	}
}

func TestHistoryArgs(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "none.sock")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"alerts", "--format", "xml"}, exitUsage, "--format"},
		{[]string{"flows", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"alerts", "--socket", sock}, exitFail, "none.sock"},
		{[]string{"flows", "--records", "--socket", sock}, exitFail, "none.sock"},
		{[]string{"alerts", "--follow", "--format", "json"}, exitUsage, "--format jsonl or table"},
		{[]string{"flows", "--follow", "--until", "1h"}, exitUsage, "--until"},
		{[]string{"alerts", "--addr", "127.0.0.1:1", "--token-file", filepath.Join(filepath.Dir(sock), "none")}, exitUsage, "needs the API token"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		if code := run(c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, want %d with %q: %s", c.args, code, c.code, c.want, errb.String())
		}
	}
}

// --follow over the network: the history since --since, oldest first,
// then the live stream, until the agent goes away.
func TestFollowAlerts(t *testing.T) {
	dir := t.TempDir()
	cfg := store.DefaultConfig()
	cfg.Path = filepath.Join(dir, "agent.db")
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now().UTC()
	for i, id := range []string{"old-2", "old-1"} {
		st.PutAlert(&alert.Alert{ID: id, Time: now.Add(-time.Duration(i+1) * time.Minute), Kind: "sweep", Severity: alert.High,
			FirstSeen: now, LastSeen: now, Count: 1, Evidence: map[string]any{}}, true)
	}
	st.Sync(context.Background())
	hub := api.NewHub(4, 16)
	addr, cancel := serveAgent(t, fakeAgent{st}, hub)
	var out, errb lockedBuffer
	done := make(chan int)
	go func() {
		done <- run([]string{"alerts", "--addr", addr, "--follow", "--since", "1h", "--format", "jsonl", "--kind", "portscan"}, &out, &errb)
	}()
	for hub.Stats().Streams == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	for _, a := range []*alert.Alert{{ID: "new-1", Kind: "portscan"}, {ID: "other", Kind: "sweep"}, {ID: "new-2", Kind: "portscan"}} {
		hub.Publish(api.AlertEvent(a, nil))
	}
	for strings.Count(out.String(), "\n") < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel() // the agent goes away
	if code := <-done; code != exitFail || !strings.Contains(errb.String(), "stream ended") {
		t.Errorf("exit %d, stderr %q; want 1 saying the stream ended", code, errb.String())
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a alert.Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		ids = append(ids, a.ID)
	}
	// --kind filters the history (no sweeps) and the stream alike.
	if strings.Join(ids, ",") != "new-1,new-2" {
		t.Errorf("followed %v, want new-1,new-2", ids)
	}
}

// serveAgent serves b's API on a free port until the test ends or the
// returned function is called, with CROSSTALK_TOKEN set for the client.
func serveAgent(t *testing.T, b api.Backend, hub *api.Hub) (addr string, stop func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	const token = "cmd-test-token-0123456789abcdef"
	go api.New(api.DefaultConfig(), b, hub, nil).Serve(ctx, ln, token)
	t.Setenv("CROSSTALK_TOKEN", token)
	return ln.Addr().String(), cancel
}

type fakeAgent struct{ st *store.Store }

func (f fakeAgent) View() api.GuestsView     { return api.GuestsView{} }
func (f fakeAgent) Store() *store.Store      { return f.st }
func (f fakeAgent) NotReady() []string       { return nil }
func (f fakeAgent) Policies() api.PolicyView { return api.PolicyView{} }
func (f fakeAgent) ApplyPolicy(context.Context, []byte) (api.PolicyApplied, error) {
	return api.PolicyApplied{}, nil
}

// lockedBuffer is a bytes.Buffer that a command writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (f fakeAgent) Resources() api.ResourcesView {
	return api.ResourcesView{Rounds: []resource.Round{}}
}

func (f fakeAgent) Act(_ context.Context, req api.ActionRequest) (store.Action, error) {
	return store.Action{}, &api.NotImplemented{Err: errors.New("not here")}
}

// resourcesAgent answers a fixed set of resource rounds.
type resourcesAgent struct {
	fakeAgent
	v api.ResourcesView
}

func (r resourcesAgent) Resources() api.ResourcesView { return r.v }

func TestResourcesCommand(t *testing.T) {
	now := time.Now().UTC()
	v := api.ResourcesView{Interval: "1s", Sources: "cgroup v2 at /sys/fs/cgroup, schedstat"}
	for i := range 3 {
		v.Rounds = append(v.Rounds, resource.Round{Time: now.Add(time.Duration(i-2) * 40 * time.Second), Guests: []resource.Use{
			{Guest: "db-1", CPU: 0.25, Delay: 0.05 * float64(i), IOWrite: 3 << 20, MemoryBytes: 512 << 20},
			{Guest: "rogue", CPU: 1.9 + float64(i), SentPackets: 1000, Capped: i == 2},
		}})
	}
	addr, _ := serveAgent(t, resourcesAgent{v: v}, api.NewHub(1, 1))

	// The table: the newest round, a row per guest.
	var out, errb bytes.Buffer
	if code := run([]string{"resources", "--addr", addr, "--format", "table"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	table := out.String()
	for _, want := range []string{"DELAY/vCPU", "db-1", "100 ms", "3.0 MiB/s", "512 MiB", "rogue (capped)", "3.90", "1000 pkt/s", "sampled every 1s"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	// One guest's rounds of the last minute, as JSON.
	out.Reset()
	if code := run([]string{"resources", "--addr", addr, "--guest", "db-1", "--format", "json"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got api.ResourcesView
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if len(got.Rounds) != 2 || len(got.Rounds[1].Guests) != 1 || got.Rounds[1].Guests[0].Guest != "db-1" {
		t.Errorf("db-1 over the last minute: %+v, want its 2 rounds alone", got.Rounds)
	}
	// With --guest the table has a row per round, with its time.
	out.Reset()
	run([]string{"resources", "--addr", addr, "--guest", "rogue", "--since", "2m", "--format", "table"}, &out, &errb)
	if n := strings.Count(out.String(), "rogue"); n != 3 || !strings.HasPrefix(out.String(), "TIME") && !strings.Contains(out.String(), " TIME") {
		t.Errorf("rogue's rounds: %d rows, want 3 under a TIME column:\n%s", n, out.String())
	}
	if code := run([]string{"resources", "--addr", addr, "--format", "yaml"}, &out, &errb); code != exitUsage {
		t.Errorf("--format yaml: exit %d, want %d", code, exitUsage)
	}

	// A fleet server's rounds: each host's newest, under a HOST column.
	fleet := api.ResourcesView{Interval: "10s"}
	for i, h := range []string{"hv-2", "hv-1", "hv-2", "hv-1"} {
		fleet.Rounds = append(fleet.Rounds, resource.Round{Time: now.Add(time.Duration(i) * time.Second), Host: h,
			Guests: []resource.Use{{Guest: "db-1", CPU: float64(i)}}})
	}
	addr, _ = serveAgent(t, resourcesAgent{v: fleet}, api.NewHub(1, 1))
	out.Reset()
	if code := run([]string{"resources", "--addr", addr, "--format", "table"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 3 || !strings.Contains(lines[0], "HOST") || !strings.Contains(lines[1], "hv-1") || !strings.Contains(lines[1], "3.00") ||
		!strings.Contains(lines[2], "hv-2") || !strings.Contains(lines[2], "2.00") {
		t.Errorf("the fleet's table, want hv-1 at 3.00 and hv-2 at 2.00 cores:\n%s", out.String())
	}
}
