package server

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/store"
)

// TestServerChild is the server of TestServerKilled, run by it in a
// process of its own (this test binary again) so that it can be killed
// with SIGKILL. Run by itself it does nothing.
func TestServerChild(t *testing.T) {
	dir, addr := os.Getenv("CT_SERVER_CHILD_DIR"), os.Getenv("CT_SERVER_CHILD_ADDR")
	if dir == "" {
		return
	}
	s := serverAt(t, dir, addr, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	os.Stdout.WriteString("ready\n")
	<-stop
	s.Stop()
}

// TestServerKilled: the server is killed with SIGKILL twice while an
// agent raises alerts, and started again on its state each time; every
// alert reaches its store once, with its last revision, and the store
// is sound.
func TestServerKilled(t *testing.T) {
	if os.Getenv("CT_SERVER_CHILD_DIR") != "" {
		return
	}
	dir := t.TempDir()
	creds := enroll(t, dir, "hv-1")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	start := func() *exec.Cmd {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestServerChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "CT_SERVER_CHILD_DIR="+dir, "CT_SERVER_CHILD_ADDR="+addr)
		out, _ := cmd.StdoutPipe()
		var logs syncBuffer
		cmd.Stderr = &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan bool, 1)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if strings.TrimSpace(sc.Text()) == "ready" {
					ready <- true
				}
			}
			close(ready)
		}()
		select {
		case ok := <-ready:
			if !ok {
				cmd.Wait()
				t.Fatalf("the server child ended before it was ready:\n%s", logs.String())
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("the server child was not ready in 30 s:\n%s", logs.String())
		}
		return cmd
	}
	child := start()
	defer func() { child.Process.Kill(); child.Wait() }()

	a := startAgent(t, "hv-1", "nats://"+addr, creds, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t0 := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	const n = 600
	kills := 0
	for i := range n {
		a.st.PutAlert(newAlert("hv-1", i, t0.Add(time.Duration(i)*time.Second)), true)
		if i%3 == 0 {
			// An update of an earlier episode: the same ID, a higher count.
			up := newAlert("hv-1", i/2, t0.Add(time.Duration(i/2)*time.Second))
			up.Count, up.LastSeen = 1+i, t0.Add(time.Duration(n+i)*time.Second)
			a.st.PutAlert(up, false)
		}
		if i%25 == 0 {
			a.st.Sync(context.Background())
			time.Sleep(40 * time.Millisecond)
		}
		if i == n/3 || i == 2*n/3 {
			child.Process.Kill() // SIGKILL, in the middle of consuming
			child.Wait()
			kills++
			child = start()
		}
	}
	a.st.Sync(context.Background())
	deadline := time.Now().Add(30 * time.Second)
	for {
		left, _ := a.st.OutboxLen(context.Background())
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the outbox still holds %d alerts 30 s after the last", left)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Wanted: every alert with its newest count (the agent's own store).
	want, err := a.st.Alerts(context.Background(), store.AlertQuery{Limit: store.MaxLimit})
	if err != nil || len(want) != n {
		t.Fatalf("the agent holds %d alerts (%v), want %d", len(want), err, n)
	}
	// What a killed server had fetched but not acknowledged comes again
	// after the consumer's ackWait: wait for it, reading the store beside
	// the running server.
	cfg := store.DefaultConfig()
	cfg.Path = filepath.Join(dir, "server.db")
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waited := time.Now()
	for deadline := time.Now().Add(ackWait + 15*time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		if got, _ := st.Alerts(context.Background(), store.AlertQuery{Limit: store.MaxLimit}); len(got) >= n {
			break
		}
	}
	t.Logf("the server's store had every alert %s after the agent's outbox was empty", time.Since(waited).Round(100*time.Millisecond))
	child.Process.Signal(syscall.SIGTERM)
	child.Wait()
	if res, err := st.Check(context.Background()); err != nil || res != "ok" {
		t.Fatalf("the server's store after %d kills: %q %v", kills, res, err)
	}
	got, err := st.Alerts(context.Background(), store.AlertQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, g := range got {
		count[g.ID] = g.Count
	}
	missing, stale := 0, 0
	for _, w := range want {
		c, ok := count[w.ID]
		switch {
		case !ok:
			missing++
		case c != w.Count:
			stale++
		}
	}
	t.Logf("server killed %d times while %d alerts (and %d updates) were sent: %d in its store, %d missing, %d with an older count",
		kills, n, n/3, len(got), missing, stale)
	if len(got) != n || missing > 0 || stale > 0 {
		t.Errorf("the server's store holds %d alerts, want %d: %d missing, %d not at their last revision", len(got), n, missing, stale)
	}
}
