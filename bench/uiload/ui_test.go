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
)

// TestUIAtScale opens the web UI over 500 generated guests and 5,000
// edges in headless Chromium (web/test/scale.mjs, Playwright) with a
// trickle of live events: the map renders, and the page stays responsive.
// The same run first measures a lab-sized host (8 guests, 12 edges) as the
// baseline for the first-render time (docs/BENCHMARKS.md, "Web UI").
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
	small := scale(t, 8, 12)
	big := scale(t, 500, 5000)
	// The live trickle adds pairs before the page loads: at least 5,000.
	if g, e := big["guests"].(float64), big["edges"].(float64); g != 500 || e < 5000 {
		t.Errorf("the page showed %v guests and %v edges, want 500 and at least 5000", g, e)
	}
	s, b := small["first_render_ms"].(float64), big["first_render_ms"].(float64)
	t.Logf("first render, median of 5: %.0f ms for 8 guests, %.0f ms for 500 guests and 5,000 edges (%.1fx)", s, b, b/s)
}

// scale serves generated data and runs scale.mjs against it; its result
// is scale.mjs's JSON line.
func scale(t *testing.T, guests, edges int) map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const token = "scale-test-token-0123456789"
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, options{addr: "127.0.0.1:0", token: token, guests: guests, edges: edges, trickle: 100 * time.Millisecond, seed: 1},
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
	out, _ = filepath.Abs(filepath.Join(out, fmt.Sprintf("ui-scale-%d", guests)))
	os.MkdirAll(out, 0o755)
	node := exec.CommandContext(ctx, "node", "test/scale.mjs")
	node.Dir = "../../web"
	node.Env = append(os.Environ(), "CT_URL="+url, "CT_TOKEN="+token, "CT_ARTIFACTS="+out, "CT_RUNS=5")
	res, err := node.CombinedOutput()
	t.Logf("web/test/scale.mjs, %d guests:\n%s", guests, res)
	if err != nil {
		t.Fatalf("the scale test failed: %v (screenshots in %s)", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(res)), "\n")
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		t.Fatalf("scale.mjs's last line is not its JSON result: %v", err)
	}
	return r
}
