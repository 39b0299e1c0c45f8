package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/store"
)

// artifacts is where browser tests leave their screenshots:
// $CROSSTALK_ARTIFACTS, else artifacts/ at the top of the repository
// (ignored by git; CI keeps it).
func artifacts(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("CROSSTALK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "artifacts")
	}
	dir, _ = filepath.Abs(filepath.Join(dir, name))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// requireBrowser skips (fails under CI) unless node, Debian's chromium
// and web/node_modules (npm ci) are there.
func requireBrowser(t *testing.T) {
	t.Helper()
	requireTool(t, "node")
	requireTool(t, "chromium")
	if _, err := os.Stat("../../web/node_modules/playwright-core"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("web/node_modules/playwright-core is missing: .ci/run runs npm ci in web/")
		}
		t.Skip("web/node_modules is missing: cd web && npm ci")
	}
}

// TestUIOnTheLab opens the web UI of an agent watching the lab in
// headless Chromium (web/test/lab.mjs, Playwright): the map shows the
// lab's guests and their edges; an nmap scan from the rogue guest shows up
// as an alert in the open page without a reload and highlights the rogue
// on the map; the alert's detail shows its evidence. Screenshots go to
// artifacts/ui-lab.
func TestUIOnTheLab(t *testing.T) {
	requireRootLive(t)
	requireTool(t, "nmap")
	requireBrowser(t)
	lab := upLab(t, buildBinary(t), "ui")
	bin, names, ns, ip4 := lab.Bin, lab.Names, lab.NS, lab.IP4
	dir := t.TempDir()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	config := filepath.Join(dir, "agent.yaml")
	tokenFile := filepath.Join(dir, "api.token")
	os.WriteFile(config, []byte(fmt.Sprintf("api: {addr: %q, token_file: %q}\nstore: {path: %q}\nsocket: %q\n",
		addr, tokenFile, filepath.Join(dir, "agent.db"), filepath.Join(dir, "agent.sock"))), 0o600)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	agent := exec.CommandContext(ctx, bin, "agent", "--config", config, "--bridge", lab.Bridge,
		"--guests", lab.Guests(), "--format", "jsonl")
	agent.Stderr = os.Stderr
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { agent.Process.Signal(os.Interrupt); agent.Wait() })

	// Ready, with the lab's benign traffic in the store as edges.
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the agent's API at %s never got ready: %v", addr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	token, err := api.ReadToken(tokenFile)
	if err != nil {
		t.Fatal(err)
	}
	c := api.AddrClient(addr, token, false)
	deadline = time.Now().Add(90 * time.Second)
	for {
		var edges []store.Edge
		if err := c.Get(ctx, "/api/v1/edges?since=1h", &edges); err == nil && len(edges) >= 2 {
			t.Logf("%d edges in the store after %s", len(edges), time.Since(deadline.Add(-90*time.Second)).Round(time.Second))
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no edges in the store after 90 s of the lab's benign traffic")
		}
		time.Sleep(time.Second)
	}

	out := artifacts(t, "ui-lab")
	node := exec.CommandContext(ctx, "node", "test/lab.mjs")
	node.Dir = "../../web"
	node.Env = append(os.Environ(),
		"CT_URL=http://"+addr+"/", "CT_TOKEN="+token, "CT_GUESTS="+strings.Join(names, ","), "CT_ROGUE=rogue",
		fmt.Sprintf("CT_ATTACK=ip netns exec %s nmap -n -sS -p 1-300 -T4 %s", ns["rogue"], ip4["db-1"]),
		"CT_ARTIFACTS="+out, "CT_RESOURCES=1")
	res, err := node.CombinedOutput()
	t.Logf("web/test/lab.mjs:\n%s", res)
	if err != nil {
		t.Fatalf("the UI test failed (%v); screenshots in %s", err, out)
	}
	t.Logf("screenshots in %s", out)
}
