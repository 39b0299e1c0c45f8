package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
)

func requireRootLive(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs root, and CI runs as root")
		}
		t.Skip("needs root (lab namespaces, AF_PACKET); CI runs it")
	}
}

func requireTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, name)
	}
}

// alertLog reads the agent's alert lines as they come.
type alertLog struct {
	mu     sync.Mutex
	alerts []alert.Alert
}

func (l *alertLog) follow(r *bufio.Scanner) {
	for r.Scan() {
		var a alert.Alert
		if json.Unmarshal(r.Bytes(), &a) == nil {
			l.mu.Lock()
			l.alerts = append(l.alerts, a)
			l.mu.Unlock()
		}
	}
}

func (l *alertLog) all() []alert.Alert {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]alert.Alert(nil), l.alerts...)
}

func (l *alertLog) wait(kind, src, dst string, within time.Duration) (alert.Alert, bool) {
	return l.waitFor(kind, src, dst, within, func(*alert.Alert) bool { return true })
}

// waitFor is wait for an alert that also satisfies ok.
func (l *alertLog) waitFor(kind, src, dst string, within time.Duration, ok func(*alert.Alert) bool) (alert.Alert, bool) {
	deadline := time.Now().Add(within)
	for {
		for _, a := range l.all() {
			if a.Kind == kind && (src == "" || a.Src != nil && a.Src.Guest == src) && (dst == "" || a.Dst != nil && a.Dst.Guest == dst) && ok(&a) {
				return a, true
			}
		}
		if time.Now().After(deadline) {
			return alert.Alert{}, false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestLiveLab is the end-to-end test of issue 3: a lab with its benign
// workload and the agent on its bridge stay quiet for a minute; then real
// attacks from the rogue guest are named, live, within seconds.
func TestLiveLab(t *testing.T) {
	requireRootLive(t)
	for _, tool := range []string{"nmap", "hping3"} {
		requireTool(t, tool)
	}
	bin := buildBinary(t)
	// The same lab, attacks and expectations on both datapaths.
	for _, dp := range []struct{ datapath, lab string }{{"afpacket", "live"}, {"ebpf", "lbpf"}} {
		t.Run(dp.datapath, func(t *testing.T) { liveLab(t, bin, dp.datapath, dp.lab) })
	}
}

func liveLab(t *testing.T, bin, datapath, name string) {
	lab := upLab(t, bin, name, "--guests", "8")
	state, ns, ip4 := lab.State, lab.NS, lab.IP4

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// eBPF pins its programs and maps (fail-static): this run's own pin
	// path, removed with --cleanup at the end.
	cfg := filepath.Join(t.TempDir(), "agent.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("ebpf: {pin_path: /sys/fs/bpf/crosstalk-test-%d}\n", os.Getpid())), 0o600)
	t.Cleanup(func() { exec.Command(bin, "agent", "--cleanup", "--config", cfg).Run() })
	agent := exec.CommandContext(ctx, bin, "agent", "--config", cfg, "--datapath", datapath, "--bridge", lab.Bridge, "--guests", lab.Guests())
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

	// A minute of benign background traffic: nothing.
	time.Sleep(60 * time.Second)
	if as := logs.all(); len(as) > 0 {
		t.Fatalf("alerts on the benign workload: %+v", as)
	}

	attack := func(args ...string) {
		t.Helper()
		cmd := exec.Command("ip", append([]string{"netns", "exec", ns["rogue"]}, args...)...)
		// hping3 exits 1 when nothing answers, and timeout 124 when it
		// ends a flood: both are the attack working.
		if out, err := cmd.CombinedOutput(); err != nil && !strings.Contains(string(out), "packets transmitted") &&
			!strings.Contains(strings.Join(args, " "), "timeout") {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	start := time.Now()
	attack("nmap", "-n", "-sS", "-p", "1-300", "-T4", ip4["db-1"])
	if a, ok := logs.wait("portscan", "rogue", "db-1", 5*time.Second-time.Since(start)); !ok {
		t.Errorf("no portscan rogue -> db-1 within 5 s of the scan's start; alerts: %+v", logs.all())
	} else {
		t.Logf("portscan named after %v: %s", a.Time.Sub(start).Round(time.Millisecond), a.Summary)
	}
	attack("timeout", "2", "hping3", "-n", "-S", "-p", "80", "--flood", ip4["web-1"])
	if _, ok := logs.wait("synflood", "rogue", "web-1", 5*time.Second); !ok {
		t.Errorf("no synflood rogue -> web-1; alerts: %+v", logs.all())
	}
	attack("hping3", "-n", "-S", "-p", "80", "-a", ip4["app-1"], "-c", "20", "-i", "u10000", ip4["web-1"])
	if a, ok := logs.wait("spoof", "rogue", "", 5*time.Second); !ok {
		t.Errorf("no spoof blamed on rogue; alerts: %+v", logs.all())
	} else if a.Src.IP != ip4["app-1"] {
		t.Errorf("spoof alert claims %s, want app-1's %s", a.Src.IP, ip4["app-1"])
	}
	attack("nmap", "-n", "-sn", ip4["web-1"]+"/24")
	if _, ok := logs.wait("sweep", "rogue", "", 5*time.Second); !ok {
		t.Errorf("no sweep by rogue; alerts: %+v", logs.all())
	}

	labAttack := func(args ...string) {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"lab", "attack"}, append(args, "--name", name, "--state-dir", state)...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("lab attack %v: %v\n%s", args, err, out)
		}
	}
	labAttack("udpflood", "--to", "web-1", "--duration", "2s")
	if _, ok := logs.wait("udpflood", "rogue", "web-1", 5*time.Second); !ok {
		t.Errorf("no udpflood rogue -> web-1; alerts: %+v", logs.all())
	}
	labAttack("worm")
	if a, ok := logs.wait("worm", "web-1", "", 5*time.Second); !ok {
		t.Errorf("no worm alert for web-1; alerts: %+v", logs.all())
	} else if chain, _ := a.Evidence["chain"].([]any); len(chain) < 2 || chain[0] != ip4["rogue"] || chain[1] != ip4["web-1"] {
		t.Errorf("worm chain %v, want rogue then web-1 (%s, %s)", a.Evidence["chain"], ip4["rogue"], ip4["web-1"])
	}
}
