package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
)

// TestEnforceOnTheLab: the agent on the eBPF datapath. A policy in
// enforce mode that lets every lab guest but rogue reach db-1: after
// `policy apply`, rogue's connection to db-1 fails within a second while
// web-1's still works, and a policy-deny alert names both guests and the
// rule. Spoofed frames are dropped at rogue's port and alerted. A
// quarantine cuts rogue off but for its management peer, lifts at its TTL
// and at release. Killed with SIGKILL, the agent leaves the deny in force
// (its programs and maps are pinned); restarted, it adopts them.
func TestEnforceOnTheLab(t *testing.T) {
	requireRootLive(t)
	l := upLab(t, buildBinary(t), "enf")
	dir := t.TempDir()
	sock := filepath.Join(dir, "agent.sock")
	cfg := filepath.Join(dir, "agent.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("datapath: ebpf\nanti_spoof: enforce\nebpf: {pin_path: /sys/fs/bpf/crosstalk-enf-%d}\nsocket: %q\nstore: {path: %q}\n",
		os.Getpid(), sock, filepath.Join(dir, "agent.db"))), 0o600)
	t.Cleanup(func() { exec.Command(l.Bin, "agent", "--cleanup", "--config", cfg).Run() })
	start := func() (*labAgent, *alertLog) {
		a := l.startAgent(t, sock, "--config", cfg)
		return a, a.logs
	}
	agent, logs := start()

	// connects reports whether from's TCP connect to db-1's database port
	// is answered within 1 s (bash's /dev/tcp inside the namespace).
	connects := func(from string) bool {
		script := fmt.Sprintf("exec 3<>/dev/tcp/%s/5432", l.IP4["db-1"])
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return exec.CommandContext(ctx, "ip", "netns", "exec", l.NS[from], "bash", "-c", script).Run() == nil
	}
	if !connects("rogue") || !connects("web-1") {
		t.Fatal("before any policy, rogue and web-1 reach db-1:5432")
	}
	pol := filepath.Join(dir, "db.yaml")
	os.WriteFile(pol, []byte(`version: 1
policies:
  - name: db
    mode: enforce
    scope: name=db-1
    rules:
      - {name: from-lab, from: "role notin (rogue)", to: name=db-1, action: allow}
`), 0o644)
	if out, err := exec.Command(l.Bin, "policy", "apply", pol, "--socket", sock).CombinedOutput(); err != nil || !strings.Contains(string(out), "version 1") {
		t.Fatalf("policy apply: %v\n%s", err, out)
	}
	applied := time.Now()
	if connects("rogue") {
		t.Error("rogue still reaches db-1:5432 after the enforcing policy was applied")
	}
	t.Logf("rogue's connect failed %s after policy apply", time.Since(applied).Round(time.Millisecond))
	if !connects("web-1") {
		t.Error("web-1 no longer reaches db-1:5432: the policy allows it")
	}
	a, ok := logs.wait("policy-deny", "rogue", "db-1", 5*time.Second)
	if !ok {
		t.Fatalf("no policy-deny rogue -> db-1; alerts: %+v", logs.all())
	}
	if a.Evidence["verdict"] != "denied" || a.Evidence["rule"] != "default-deny" || !strings.Contains(a.Summary, "denied by policy db") {
		t.Errorf("policy-deny: %+v", a)
	}
	t.Logf("alert: %s", a.Summary)

	// Anti-spoofing in enforce mode: rogue's frames with app-1's address
	// are dropped at its port and alerted.
	if out, err := exec.Command(l.Bin, "lab", "attack", "spoof", "--name", l.Name, "--state-dir", l.State, "--to", "web-1").CombinedOutput(); err != nil {
		t.Fatalf("lab attack spoof: %v\n%s", err, out)
	}
	sp, ok := logs.wait("spoof", "rogue", "", 5*time.Second)
	if !ok {
		t.Fatalf("no spoof alert for rogue; alerts: %+v", logs.all())
	}
	if sp.Evidence["dropped"] != true || sp.Evidence["claimed"] != l.IP4["app-1"] && sp.Evidence["what"] != "ARP sender address" {
		t.Errorf("spoof alert %+v", sp)
	}
	t.Logf("spoof: %s", sp.Summary)

	// Quarantine: rogue cut off from everyone but the monitor, lifted by
	// the kernel at the TTL; then again, and released at once.
	pings := func(from, to string) bool {
		return exec.Command("ip", "netns", "exec", l.NS[from], "ping", "-c", "1", "-W", "1", l.IP4[to]).Run() == nil
	}
	if !pings("rogue", "web-1") || !pings("monitor", "rogue") {
		t.Fatal("before the quarantine, rogue reaches web-1 and the monitor rogue")
	}
	quarantine := func(ttl string) {
		t.Helper()
		if out, err := exec.Command(l.Bin, "quarantine", "rogue", "--ttl", ttl, "--allow-from", "role=monitor", "--socket", sock).CombinedOutput(); err != nil {
			t.Fatalf("quarantine: %v\n%s", err, out)
		}
	}
	quarantine("4s")
	q := time.Now()
	if pings("rogue", "web-1") || pings("web-1", "rogue") {
		t.Error("quarantined rogue still talks with web-1")
	}
	if !pings("monitor", "rogue") {
		t.Error("the monitor, a named management peer, no longer reaches quarantined rogue")
	}
	time.Sleep(time.Until(q.Add(4500 * time.Millisecond)))
	if !pings("rogue", "web-1") {
		t.Error("the quarantine did not lift at its TTL")
	}
	quarantine("1m")
	if pings("rogue", "web-1") {
		t.Error("the second quarantine did not cut rogue off")
	}
	if out, err := exec.Command(l.Bin, "release", "rogue", "--socket", sock).CombinedOutput(); err != nil {
		t.Fatalf("release: %v\n%s", err, out)
	}
	if !pings("rogue", "web-1") {
		t.Error("release did not lift the quarantine at once")
	}

	// Fail-static: the agent killed, the deny holds.
	agent.Kill()
	if connects("rogue") {
		t.Error("with the agent killed, rogue reaches db-1:5432: the pinned programs did not hold")
	}
	if !connects("web-1") {
		t.Error("with the agent killed, web-1 no longer reaches db-1:5432")
	}
	// Restarted: it adopts the pinned state (the policy comes back from
	// the store) and the deny still holds; the kernel's hit counters
	// carried on.
	agent, _ = start()
	if connects("rogue") || !connects("web-1") {
		t.Error("after the restart the policy does not hold as before")
	}
	var v api.PolicyView
	if err := api.SocketClient(sock).Get(context.Background(), "/api/v1/policies", &v); err != nil || len(v.Policies) != 1 || !v.Enforcing {
		t.Fatalf("policies after the restart: %+v, %v", v, err)
	}
	hits := map[string]uint64{}
	for _, r := range v.Policies[0].Rules {
		hits[r.Name] = r.Hits
	}
	// rogue's denied connects (4 before the kill and after, each its own
	// flow) and web-1's allowed ones, counted across the restart.
	if hits["default-deny"] < 3 || hits["from-lab"] < 3 {
		t.Errorf("kernel hit counters after the restart: %v, want the denies and allows from before it too", hits)
	}
	t.Logf("hits after the restart: %v", hits)

	// The same policy in observe mode: nothing dropped, the alert says
	// it would deny.
	agent.Stop()
	agent, logs = start()
	os.WriteFile(pol, []byte(strings.Replace(mustRead(t, pol), "mode: enforce", "mode: observe", 1)), 0o644)
	if out, err := exec.Command(l.Bin, "policy", "apply", pol, "--socket", sock).CombinedOutput(); err != nil {
		t.Fatalf("policy apply (observe): %v\n%s", err, out)
	}
	if !connects("rogue") {
		t.Error("with the policy observing, rogue's connect to db-1 was dropped")
	}
	w, ok := logs.wait("policy-deny", "rogue", "db-1", 5*time.Second)
	if !ok || w.Evidence["verdict"] != "would-deny" || !strings.Contains(w.Summary, "would be denied (policy db observes") {
		t.Errorf("observe mode: %+v (found %v)", w, ok)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
