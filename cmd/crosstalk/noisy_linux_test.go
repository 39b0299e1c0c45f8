package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/lab"
)

// TestNoisyNeighborOnTheLab: db-1 serves requests back to back on CPU 0
// (the lab's latency probe, in db-1's cgroups); then rogue burns CPU 0
// (lab attack cpu-hog). The agent, sampling the guests' cgroups and
// threads, names rogue as hurting db-1 within 10 s; db-1's request
// latency before and during is printed.
func TestNoisyNeighborOnTheLab(t *testing.T) {
	requireRootLive(t)
	l := upLab(t, buildBinary(t), "noisy")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sock := filepath.Join(t.TempDir(), "agent.sock")
	agent := exec.CommandContext(ctx, l.Bin, "agent", "--bridge", l.Bridge, "--guests", l.Guests(), "--socket", sock, "--format", "jsonl")
	stdout, err := agent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	agent.Stderr = os.Stderr
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	logs := &alertLog{}
	go logs.follow(bufio.NewScanner(stdout))
	t.Cleanup(func() { agent.Process.Signal(os.Interrupt); agent.Wait() })

	probe := func(d time.Duration) (*lab.LatencyResult, error) {
		out, err := exec.CommandContext(ctx, l.Bin, "lab", "probe", "--name", l.Name, "--state-dir", l.State, "--guest", "db-1",
			"--pin", "0", "--duration", d.String(), "--format", "json").Output()
		if err != nil {
			return nil, err
		}
		var r lab.LatencyResult
		return &r, json.Unmarshal(out, &r)
	}
	// db-1 alone: its normal latency, and its normal CPU for the agent.
	base, err := probe(8 * time.Second)
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	// db-1 keeps serving while rogue starts burning its CPU.
	during := make(chan *lab.LatencyResult, 1)
	go func() {
		r, err := probe(15 * time.Second)
		if err != nil {
			t.Errorf("probe during the hog: %v", err)
		}
		during <- r
	}()
	time.Sleep(8 * time.Second)
	start := time.Now()
	hog := exec.CommandContext(ctx, l.Bin, "lab", "attack", "cpu-hog", "--name", l.Name, "--state-dir", l.State, "--from", "rogue", "--pin", "0", "--duration", "30s")
	hog.Stderr = os.Stderr
	if err := hog.Start(); err != nil {
		t.Fatal(err)
	}
	defer hog.Wait()
	a, ok := logs.wait("noisy-neighbor", "rogue", "db-1", 10*time.Second)
	if !ok {
		t.Fatalf("no noisy-neighbor rogue -> db-1 within 10 s of the hog's start; alerts: %+v", logs.all())
	}
	t.Logf("noisy-neighbor %s after the hog started: %s", time.Since(start).Round(100*time.Millisecond), a.Summary)
	for _, other := range logs.all() {
		if other.Kind == "noisy-neighbor" && (other.Src == nil || other.Src.Guest != "rogue") {
			t.Errorf("a noisy neighbour blamed on someone else: %+v", other)
		}
	}
	// The brake: rogue capped at a twentieth of a CPU; db-1's requests get
	// back to within 2x of their normal p99.
	if out, err := exec.Command(l.Bin, "throttle", "rogue", "--cpu", "0.05", "--ttl", "1m", "--socket", sock).CombinedOutput(); err != nil {
		t.Fatalf("throttle: %v\n%s", err, out)
	}
	r := <-during
	braked, err := probe(5 * time.Second)
	if err != nil {
		t.Fatalf("probe after the throttle: %v", err)
	}
	t.Logf("db-1's requests: alone p50 %d µs, p99 %d µs; with rogue's hog (most of the run) p50 %d µs, p99 %d µs; rogue throttled to 0.05 CPU: p50 %d µs, p99 %d µs",
		base.P50us, base.P99us, r.P50us, r.P99us, braked.P50us, braked.P99us)
	if braked.P99us > 2*base.P99us {
		t.Errorf("with rogue throttled, db-1's p99 is %d µs, more than twice its normal %d µs", braked.P99us, base.P99us)
	}
	if out, err := exec.Command(l.Bin, "release", "rogue", "--socket", sock).CombinedOutput(); err != nil || !strings.Contains(string(out), "released") {
		t.Errorf("release: %v\n%s", err, out)
	}
	hog.Wait()
}
