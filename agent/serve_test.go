package agent

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
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
	"github.com/crosstalk-dev/crosstalk/alert/sinks"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/store"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// The agent serves its API on the socket without a token and on the
// address with the one it created; a bad address stops Serve at once.
func TestServeBothDoors(t *testing.T) {
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Socket = filepath.Join(dir, "agent.sock")
	cfg.API.Addr, cfg.API.TokenFile = freeAddr(t), filepath.Join(dir, "api.token")
	cfg.Store.Path = filepath.Join(dir, "agent.db")
	a := New(cfg, Dependencies{})
	if err := a.openOutputs(); err != nil {
		t.Fatal(err)
	}
	defer a.Stop()
	a.id.p.Store(inventory.Merge(inventory.Report{Source: "file", Guests: []inventory.Guest{{Name: "web-1"}}}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx) }()
	var v api.GuestsView
	var err error
	for i := 0; i < 100; i++ {
		if err = api.SocketClient(cfg.Socket).Get(ctx, "/api/v1/guests", &v); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || len(v.Guests) != 1 || !v.Live {
		t.Fatalf("guests over the socket: %+v, %v", v, err)
	}
	tok, err := api.ReadToken(cfg.API.TokenFile)
	if err != nil {
		t.Fatal(err)
	}
	var alerts []alert.Alert
	if err := api.AddrClient(cfg.API.Addr, tok, false).Get(ctx, "/api/v1/alerts", &alerts); err != nil {
		t.Errorf("alerts over TCP with the token: %v", err)
	}
	if err := api.AddrClient(cfg.API.Addr, "", false).Get(ctx, "/api/v1/alerts", &alerts); err == nil || !strings.Contains(err.Error(), "bearer token") {
		t.Errorf("alerts over TCP without the token: %v, want refused", err)
	}
	resp, err := http.Get("http://" + cfg.API.Addr + "/readyz")
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz of an agent that does not capture: %v %v, want 503", resp, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}

	// The address is taken now by someone else: Serve says so at once.
	ln, err := net.Listen("tcp", cfg.API.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg.Socket = ""
	b := New(cfg, Dependencies{})
	start := time.Now()
	if err := b.Serve(context.Background()); err == nil || !strings.Contains(err.Error(), "address already in use") || time.Since(start) > 2*time.Second {
		t.Errorf("Serve on a taken address: %v after %s", err, time.Since(start))
	}
}

// After kill -9 of the agent during an alert burst, every alert that had
// reached a sink (the alerts file, a webhook receiver) is in the store,
// and the database passes SQLite's integrity check: the sinks are fed
// from the store's committed batches.
func TestSinksHoldOnlyStoredAlertsAfterKill9(t *testing.T) {
	if dir := os.Getenv("CROSSTALK_AGENT_CRASH"); dir != "" {
		alertBurst(dir, os.Getenv("CROSSTALK_AGENT_WEBHOOK"))
		return
	}
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
	dir := t.TempDir()
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestSinksHoldOnlyStoredAlertsAfterKill9$")
		cmd.Env = append(os.Environ(), "CROSSTALK_AGENT_CRASH="+dir, "CROSSTALK_AGENT_WEBHOOK="+hook.URL)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it at a different moment of the burst each round.
		time.Sleep(time.Duration(400+300*round) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		inFile := map[string]bool{}
		f, err := os.Open(filepath.Join(dir, "alerts.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var a alert.Alert
			if json.Unmarshal(sc.Bytes(), &a) == nil { // a torn last line is not an alert written
				inFile[a.ID] = true
			}
		}
		f.Close()
		cfg := store.DefaultConfig()
		cfg.Path = filepath.Join(dir, "agent.db")
		st, err := store.Open(cfg)
		if err != nil {
			t.Fatalf("round %d: reopen after kill -9: %v", round, err)
		}
		ctx := context.Background()
		if res, err := st.Check(ctx); err != nil || res != "ok" {
			t.Fatalf("round %d: integrity check: %q %v", round, res, err)
		}
		stored := func(id string) bool {
			_, ok, err := st.Alert(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		mu.Lock()
		missing := 0
		for id := range hooked {
			if !stored(id) {
				missing++
			}
		}
		for id := range inFile {
			if !stored(id) {
				missing++
			}
		}
		st.Close()
		t.Logf("round %d: %d alerts in the file, %d at the webhook so far, all of them in the store", round, len(inFile), len(hooked))
		if len(inFile) == 0 || len(hooked) == 0 {
			t.Fatalf("round %d: the burst reached no sink before the kill", round)
		}
		mu.Unlock()
		if missing > 0 {
			t.Fatalf("round %d: %d alerts reached a sink but not the store", round, missing)
		}
	}
}

// alertBurst is the agent's alert path (openOutputs: store, alerts file,
// webhook) under a stream of new alerts, until it is killed.
func alertBurst(dir, webhook string) {
	cfg := DefaultConfig()
	cfg.Store.Path = filepath.Join(dir, "agent.db")
	cfg.AlertsFile = filepath.Join(dir, "alerts.jsonl")
	cfg.Sinks.Webhook = []sinks.WebhookConfig{{URL: webhook}}
	cfg.Sinks.QueueSize = 100000
	a := New(cfg, Dependencies{})
	if err := a.openOutputs(); err != nil {
		fmt.Fprintln(os.Stderr, "open outputs:", err)
		os.Exit(1)
	}
	pid := os.Getpid()
	t := time.Now()
	for i := 0; ; i++ {
		al := &alert.Alert{ID: fmt.Sprintf("%d-%d", pid, i), Time: t, Kind: "burst", Severity: alert.High,
			Src: &flow.Endpoint{Guest: "rogue"}, Summary: "burst", Evidence: map[string]any{"i": i}, FirstSeen: t, LastSeen: t, Count: 1, Action: "none"}
		a.out.Open(al)
		if i%50 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
}
