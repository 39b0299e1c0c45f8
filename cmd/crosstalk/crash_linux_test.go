package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/store"
)

// TestAgentKill9DuringAlertBurst: the real agent on the lab, with a store,
// an alerts file and a webhook, under an alert burst (a SYN flood from
// random sources at db-1, which a deny-all observe policy turns into one
// policy-deny alert per source), is killed with SIGKILL. Every alert the
// file or the webhook got is in the store, the database passes SQLite's
// integrity check, and the agent starts again on it.
func TestAgentKill9DuringAlertBurst(t *testing.T) {
	requireRootLive(t)
	requireTool(t, "hping3")
	lab := upLab(t, buildBinary(t), "kill")
	bin, ns, ip4, dir := lab.Bin, lab.NS, lab.IP4, t.TempDir()
	var mu sync.Mutex
	hooked := map[string]bool{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a alert.Alert
		if json.NewDecoder(r.Body).Decode(&a) == nil {
			mu.Lock()
			hooked[a.ID] = true
			mu.Unlock()
		}
	}))
	defer hook.Close()
	pol := filepath.Join(dir, "deny-all.yaml")
	os.WriteFile(pol, []byte("version: 1\npolicies:\n  - {name: db, mode: observe, scope: name=db-1, rules: []}\n"), 0o644)
	db, alertsFile := filepath.Join(dir, "agent.db"), filepath.Join(dir, "alerts.jsonl")
	cfg := filepath.Join(dir, "agent.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("policy_file: %q\nstore: {path: %q}\nalerts_file: %q\nsocket: %q\nsinks: {queue_size: 100000, webhook: [{url: %q}]}\nalerts: {max_open: 100000}\n",
		pol, db, alertsFile, filepath.Join(dir, "agent.sock"), hook.URL)), 0o600)
	agent := exec.Command(bin, "agent", "--config", cfg, "--bridge", lab.Bridge, "--guests", lab.Guests(), "--format", "jsonl")
	agent.Stdout, agent.Stderr = nil, os.Stderr
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	flood := exec.CommandContext(ctx, "ip", "netns", "exec", ns["rogue"], "hping3", "-q", "-n", "-S", "-p", "5432", "--rand-source", "-i", "u500", ip4["db-1"])
	if err := flood.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); flood.Wait() }()
	// Kill it once the burst is well under way.
	lines := func() int {
		b, _ := os.ReadFile(alertsFile)
		return strings.Count(string(b), "\n")
	}
	deadline := time.Now().Add(30 * time.Second)
	for lines() < 300 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	agent.Process.Signal(syscall.SIGKILL)
	agent.Wait()
	cancel()
	if lines() < 300 {
		t.Fatalf("only %d alert lines in 30 s of the flood", lines())
	}

	inFile := map[string]bool{}
	f, err := os.Open(alertsFile)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var a alert.Alert
		if json.Unmarshal(sc.Bytes(), &a) == nil {
			inFile[a.ID] = true
		}
	}
	f.Close()
	scfg := store.DefaultConfig()
	scfg.Path = db
	st, err := store.Open(scfg)
	if err != nil {
		t.Fatalf("the store after kill -9: %v", err)
	}
	if res, err := st.Check(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity check after kill -9: %q %v", res, err)
	}
	mu.Lock()
	missing := 0
	for _, ids := range []map[string]bool{inFile, hooked} {
		for id := range ids {
			if _, ok, err := st.Alert(context.Background(), id); err != nil || !ok {
				missing++
			}
		}
	}
	t.Logf("killed with %d alerts in the file and %d at the webhook; %d of them missing from the store", len(inFile), len(hooked), missing)
	mu.Unlock()
	st.Close()
	if missing > 0 {
		t.Fatalf("%d alerts reached a sink but not the store", missing)
	}
	// The agent starts again on the same database.
	again := exec.Command(bin, "agent", "--config", cfg, "--bridge", lab.Bridge, "--guests", lab.Guests(), "--format", "jsonl")
	again.Stderr = os.Stderr
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	var v api.PolicyView
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if err := api.SocketClient(filepath.Join(dir, "agent.sock")).Get(context.Background(), "/api/v1/policies", &v); err == nil {
			break
		}
		if time.Since(start) > 20*time.Second {
			again.Process.Kill()
			t.Fatal("the agent did not start again on the database")
		}
	}
	if v.Version != 1 {
		t.Errorf("the restarted agent's policy version: %d, want 1 (the same file)", v.Version)
	}
	again.Process.Signal(os.Interrupt)
	if err := again.Wait(); err != nil {
		t.Errorf("the restarted agent: %v", err)
	}
}
