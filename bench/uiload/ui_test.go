package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUIAtScale opens the web UI over 500 generated guests and 5,000
// edges in headless Chromium (web/test/scale.mjs, Playwright) with a
// trickle of live events: the map renders, and the page stays responsive.
// It prints the first-render times (docs/BENCHMARKS.md, "Web UI").
func TestUIAtScale(t *testing.T) {
	for _, tool := range []string{"node", "chromium"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed: .ci/run installs it", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	if _, err := os.Stat("../../web/node_modules/playwright-core"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("web/node_modules/playwright-core is missing: .ci/run runs npm ci in web/")
		}
		t.Skip("web/node_modules is missing: cd web && npm ci")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const token = "scale-test-token-0123456789"
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, options{addr: "127.0.0.1:0", token: token, guests: 500, edges: 5000, trickle: 100 * time.Millisecond, seed: 1},
			func(a string) { addr <- a })
	}()
	var url string
	select {
	case a := <-addr:
		url = "http://" + a + "/"
	case err := <-done:
		t.Fatal(err)
	case <-time.After(2 * time.Minute):
		t.Fatal("the generated data took over 2 minutes")
	}
	out := os.Getenv("CROSSTALK_ARTIFACTS")
	if out == "" {
		out = filepath.Join("..", "..", "artifacts")
	}
	out, _ = filepath.Abs(filepath.Join(out, "ui-scale"))
	os.MkdirAll(out, 0o755)
	node := exec.CommandContext(ctx, "node", "test/scale.mjs")
	node.Dir = "../../web"
	node.Env = append(os.Environ(), "CT_URL="+url, "CT_TOKEN="+token, "CT_ARTIFACTS="+out, "CT_RUNS=5")
	res, err := node.CombinedOutput()
	t.Logf("web/test/scale.mjs:\n%s", res)
	if err != nil {
		t.Fatalf("the scale test failed: %v (screenshots in %s)", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(res)), "\n")
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("scale.mjs's last line is not its JSON result: %v", err)
	}
	if r["guests"] != float64(500) || r["edges"] != float64(5000) {
		t.Errorf("the page showed %v guests and %v edges, want 500 and 5000", r["guests"], r["edges"])
	}
}
