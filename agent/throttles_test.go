package agent

import (
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/resource"
)

// The state file keeps what undoes each throttle: a new agent lifts the
// expired ones at once and the others at their time; the file goes when
// nothing is in force, and a damaged one is set aside.
func TestAdoptThrottles(t *testing.T) {
	dir := t.TempDir()
	setting := func(name, v string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(v), 0o644)
		return p
	}
	read := func(p string) string { b, _ := os.ReadFile(p); return string(b) }
	old, live := setting("old.max", "50000 100000"), setting("live.max", "1000 10000")
	cfg := DefaultConfig()
	cfg.Socket = filepath.Join(dir, "agent.sock")
	state := filepath.Join(dir, "throttles.json")
	now := time.Now()
	doc, _ := json.Marshal(throttleFile{V: 1, Throttles: map[string]*throttle{
		"old":  {Expires: now.Add(-time.Minute), Undo: resource.Undo{{File: old, Value: "max 100000"}}},
		"live": {Expires: now.Add(300 * time.Millisecond), Undo: resource.Undo{{File: live, Value: "max 100000"}}},
	}})
	os.WriteFile(state, doc, 0o600)

	a := &Agent{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	a.adoptThrottles()
	if read(old) != "max 100000" {
		t.Errorf("the expired throttle was not lifted: %q", read(old))
	}
	if read(live) != "1000 10000" || !a.throttled("live") || a.throttled("old") {
		t.Fatalf("the live throttle: setting %q, in force %v", read(live), a.throttled("live"))
	}
	if b, _ := os.ReadFile(state); strings.Contains(string(b), "old") || !strings.Contains(string(b), "live") {
		t.Errorf("the state after adopting: %s", b)
	}
	for deadline := time.Now().Add(3 * time.Second); a.throttled("live") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if read(live) != "max 100000" || a.throttled("live") {
		t.Fatalf("the live throttle was not lifted at its time: %q", read(live))
	}
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Errorf("the state file outlived the last throttle: %v", err)
	}

	// A throttle set and lifted by this agent goes through the file too.
	a.setThrottle("rogue", resource.Undo{{File: live, Value: "max 100000"}}, time.Now().Add(time.Hour))
	if b, err := os.ReadFile(state); err != nil || !strings.Contains(string(b), "rogue") {
		t.Fatalf("the state does not keep rogue's throttle: %v %s", err, b)
	}
	if !a.liftThrottle("rogue", "") || a.liftThrottle("rogue", "") {
		t.Error("liftThrottle: want true once, then false")
	}

	// A damaged file is set aside, and nothing in it is applied.
	os.WriteFile(state, []byte(`{"v": 1, "throttles": {"x": `), 0o600)
	a.adoptThrottles()
	if _, err := os.Stat(state + ".bad"); err != nil {
		t.Errorf("the damaged state was not set aside: %v", err)
	}
	os.WriteFile(state, []byte(`{"v": 2, "throttles": {}}`), 0o600)
	a.adoptThrottles()
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Errorf("a state of an unknown version was kept: %v", err)
	}
	// One that others may write is not trusted: its steps are not run.
	os.WriteFile(live, []byte("1000 10000"), 0o644)
	os.WriteFile(state, doc, 0o600)
	os.Chmod(state, 0o666)
	a.adoptThrottles()
	if read(live) != "1000 10000" || a.throttled("live") {
		t.Errorf("a state others may write was applied: %q", read(live))
	}
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Errorf("a state others may write was kept in place: %v", err)
	}
}

func TestLiftThrottles(t *testing.T) {
	dir := t.TempDir()
	setting := filepath.Join(dir, "cpu.max")
	os.WriteFile(setting, []byte("1000 10000"), 0o644)
	cfg := DefaultConfig()
	cfg.Socket = filepath.Join(dir, "agent.sock")
	if got, err := LiftThrottles(cfg); err != nil || got != nil {
		t.Fatalf("no state: %v %v", got, err)
	}
	doc, _ := json.Marshal(throttleFile{V: 1, Throttles: map[string]*throttle{
		"rogue": {Expires: time.Now().Add(time.Hour), Undo: resource.Undo{{File: setting, Value: "max 100000"}}},
	}})
	os.WriteFile(cfg.throttleState(), doc, 0o600)
	got, err := LiftThrottles(cfg)
	if b, _ := os.ReadFile(setting); err != nil || len(got) != 1 || got[0] != "rogue" || string(b) != "max 100000" {
		t.Fatalf("LiftThrottles = %v, %v; the setting %q", got, err, b)
	}
	if _, err := os.Stat(cfg.throttleState()); !os.IsNotExist(err) {
		t.Errorf("the state file is still there: %v", err)
	}
	os.WriteFile(cfg.throttleState(), []byte("{"), 0o600)
	if _, err := LiftThrottles(cfg); err == nil || !strings.Contains(err.Error(), "throttle state") {
		t.Errorf("a damaged state: %v, want an error naming it", err)
	}
}
