package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
)

// TestPolicyOnTheLab runs the agent on the lab (AF_PACKET) with a policy
// that lets every lab guest but the rogue reach db-1: the rogue's ping is
// a policy-deny naming both guests and the rule ("would be denied": this
// datapath cannot drop); flow records carry verdicts; policy diff shows
// which recent flows a stricter file would deny; policy apply puts it in
// force as version 2, which a restarted agent keeps.
func TestPolicyOnTheLab(t *testing.T) {
	requireRootLive(t)
	lab := upLab(t, buildBinary(t), "pol")
	bin, ns, ip4, dir := lab.Bin, lab.NS, lab.IP4, t.TempDir()
	run := func(args ...string) (string, error) {
		out, err := exec.Command(bin, args...).CombinedOutput()
		return string(out), err
	}
	loose := filepath.Join(dir, "loose.yaml")
	os.WriteFile(loose, []byte(`version: 1
policies:
  - name: db
    mode: enforce
    scope: name=db-1
    rules:
      - {name: from-lab, from: "role notin (rogue)", to: name=db-1, action: allow}
`), 0o644)
	strict := filepath.Join(dir, "strict.yaml")
	os.WriteFile(strict, []byte(`version: 1
policies:
  - name: db
    mode: observe
    scope: name=db-1
    rules:
      - {name: from-monitor, from: name=monitor, to: name=db-1, action: allow}
`), 0o644)
	sock := filepath.Join(dir, "agent.sock")
	config := func(policyFile string) string {
		p := filepath.Join(dir, "agent.yaml")
		line := ""
		if policyFile != "" {
			line = fmt.Sprintf("policy_file: %q\n", policyFile)
		}
		os.WriteFile(p, []byte(fmt.Sprintf("%sstore: {path: %q}\nsocket: %q\n", line, filepath.Join(dir, "agent.db"), sock)), 0o600)
		return p
	}
	startAgent := func(cfg string) (*alertLog, func()) {
		a := lab.startAgent(t, sock, "--config", cfg)
		return a.logs, a.Stop
	}
	logs, stop := startAgent(config(loose))
	c := api.SocketClient(sock)
	ctx := context.Background()

	start := time.Now()
	if out, err := exec.Command("ip", "netns", "exec", ns["rogue"], "ping", "-c", "1", "-W", "1", ip4["db-1"]).CombinedOutput(); err != nil {
		t.Fatalf("the rogue's ping to db-1 did not pass (AF_PACKET cannot drop): %v\n%s", err, out)
	}
	a, ok := logs.wait("policy-deny", "rogue", "db-1", 5*time.Second)
	if !ok {
		stop()
		t.Fatalf("no policy-deny rogue -> db-1; alerts: %+v", logs.all())
	}
	t.Logf("policy-deny %s after the ping: %s", time.Since(start).Round(time.Millisecond), a.Summary)
	if a.Evidence["rule"] != "default-deny" || a.Evidence["policy"] != "db" || a.Evidence["verdict"] != "would-deny" || !strings.Contains(a.Summary, "cannot drop") {
		t.Errorf("policy-deny alert: %+v", a)
	}
	for _, other := range logs.all() {
		if other.Kind == "policy-deny" && other.Src != nil && other.Src.Guest != "rogue" {
			t.Errorf("a lab guest the policy allows was denied: %+v", other)
		}
	}

	// The lab's own traffic to db-1 ends as allowed flows in the store.
	var allowed []flow.Record
	deadline := time.Now().Add(90 * time.Second)
	for len(allowed) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Second)
		c.Get(ctx, "/api/v1/flows?guest=db-1&verdict=allowed&since=1h", &allowed)
	}
	if len(allowed) == 0 {
		stop()
		t.Fatal("no allowed flow to db-1 in the store after 90 s")
	}
	t.Logf("%d allowed flows to db-1, e.g. %s -> %s:%d", len(allowed), allowed[0].Src.Guest, allowed[0].Dst.Guest, allowed[0].Dst.Port)

	// diff: the stricter file would deny those flows (observe: would-deny).
	out, err := run("policy", "diff", strict, "--socket", sock, "--format", "json", "--since", "1h")
	if err != nil {
		stop()
		t.Fatalf("policy diff: %v\n%s", err, out)
	}
	var d policyDiff
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("policy diff output: %v\n%s", err, out)
	}
	changed := false
	for _, ch := range d.Changes {
		changed = changed || ch.Dst == "db-1" && ch.From == "allowed" && ch.To == "would-deny" && ch.Rule == "db/default-deny"
	}
	if !changed || d.Version != 1 || len(d.Policies) == 0 {
		t.Errorf("policy diff: %s", out)
	}

	// apply: version 2 in force; the benign traffic to db-1 now raises
	// would-denies.
	if out, err := run("policy", "apply", strict, "--socket", sock); err != nil || !strings.Contains(out, "version 2") {
		t.Fatalf("policy apply: %v\n%s", err, out)
	}
	var benign bool
	for deadline := time.Now().Add(60 * time.Second); !benign && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		for _, a := range logs.all() {
			benign = benign || a.Kind == "policy-deny" && a.Src != nil && a.Src.Guest != "rogue" && a.Src.Guest != "monitor" && a.Evidence["policy"] == "db"
		}
	}
	if !benign {
		t.Errorf("after apply, no would-deny for the lab's traffic to db-1; alerts: %+v", logs.all())
	}
	var v api.PolicyView
	if err := c.Get(ctx, "/api/v1/policies", &v); err != nil || v.Version != 2 || len(v.Policies) != 1 || v.Enforcing {
		t.Errorf("policies after apply: %+v %v", v, err)
	}
	stop()

	// A restarted agent without policy_file keeps version 2 from the store.
	_, stop = startAgent(config(""))
	defer stop()
	if err := c.Get(ctx, "/api/v1/policies", &v); err != nil || v.Version != 2 || v.Policies[0].Mode != "observe" {
		t.Errorf("policies after a restart: %+v %v", v, err)
	}
}
