package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/alert/sinks"
	"github.com/crosstalk-dev/crosstalk/store"
)

// checkMetrics scrapes the agent's registry: the ring's counters and the
// pipeline's are there, and frames were counted.
func checkMetrics(t *testing.T, reg *prometheus.Registry, datapath string) {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			switch {
			case m.GetCounter() != nil:
				got[mf.GetName()] += m.GetCounter().GetValue()
			case m.GetGauge() != nil:
				got[mf.GetName()] += m.GetGauge().GetValue()
			}
		}
	}
	for _, name := range []string{"crosstalk_agent_ring_drops_total", "crosstalk_decode_errors_total", "crosstalk_flowtable_evictions_total"} {
		if _, ok := got[name]; !ok {
			t.Errorf("metric %s missing", name)
		}
	}
	if got["crosstalk_agent_ring_packets_total"] == 0 || got["crosstalk_agent_ports"] != 2 || got["crosstalk_agent_datapath"] != 1 {
		t.Errorf("metrics %v", got)
	}
	// AF_PACKET hands the pipeline frames; eBPF flow events.
	if datapath == "afpacket" && got["crosstalk_pipeline_frames_total"] == 0 ||
		datapath == "ebpf" && (got["crosstalk_flowtable_flows_created_total"] == 0 || got["crosstalk_ebpf_events_lost_total"] != 0) {
		t.Errorf("%s metrics %v", datapath, got)
	}
}

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs root, and CI runs as root")
		}
		t.Skip("needs root (namespaces, AF_PACKET); CI runs it")
	}
}

func ip(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// syncBuffer is an io.Writer safe for the agent's readers and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) alerts() []alert.Alert {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []alert.Alert
	for _, line := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		var a alert.Alert
		if json.Unmarshal([]byte(line), &a) == nil {
			out = append(out, a)
		}
	}
	return out
}

// TestAgentNamesTheScanner builds a bridge with two guest namespaces,
// starts the agent on it (guests discovered from the veth ports), makes
// one guest probe 40 closed ports of the other, and waits for a portscan
// alert that names both guests by their namespaces.
// It runs on both datapaths: AF_PACKET and eBPF.
func TestAgentNamesTheScanner(t *testing.T) {
	requireRoot(t)
	for i, dp := range []string{"afpacket", "ebpf"} {
		t.Run(dp, func(t *testing.T) { scannerNamed(t, dp, (os.Getpid()+i)%10000) })
	}
}

func scannerNamed(t *testing.T, datapath string, id int) {
	br := fmt.Sprintf("ctabr%d", id)
	names := []string{fmt.Sprintf("cta-%d-rogue", id), fmt.Sprintf("cta-%d-db", id)}
	ports := []string{fmt.Sprintf("ctap%da", id), fmt.Sprintf("ctap%db", id)}
	addrs := []string{"10.65.0.10", "10.65.0.11"}
	t.Cleanup(func() {
		for i := range names {
			exec.Command("ip", "link", "del", ports[i]).Run()
			exec.Command("ip", "netns", "del", names[i]).Run()
		}
		exec.Command("ip", "link", "del", br).Run()
	})
	ip(t, "link", "add", br, "type", "bridge")
	ip(t, "link", "set", br, "up")
	for i := range names {
		ip(t, "netns", "add", names[i])
		ip(t, "link", "add", ports[i], "type", "veth", "peer", "name", "eth0", "netns", names[i])
		ip(t, "link", "set", ports[i], "master", br)
		ip(t, "link", "set", ports[i], "up")
		ip(t, "-n", names[i], "addr", "add", addrs[i]+"/24", "dev", "eth0")
		ip(t, "-n", names[i], "link", "set", "eth0", "up")
		ip(t, "-n", names[i], "link", "set", "lo", "up")
	}

	// A syslog receiver the agent forwards alerts to.
	syslog, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer syslog.Close()
	cfg := DefaultConfig()
	cfg.Datapath = datapath
	cfg.EBPF.PinPath = "" // nothing pinned: Stop detaches
	cfg.Bridges = []string{br}
	cfg.Sinks.Syslog = []sinks.SyslogConfig{{Address: "udp://" + syslog.LocalAddr().String()}}
	cfg.Store.Path = filepath.Join(t.TempDir(), "agent.db")
	out := &syncBuffer{}
	reg := prometheus.NewRegistry()
	a := New(cfg, Dependencies{Alerts: out, Registerer: reg})
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer a.Stop()

	// Wait until the rings see traffic: a ping that must be captured.
	ready := time.Now().Add(3 * time.Second)
	for a.Stats().Packets == 0 && time.Now().Before(ready) {
		exec.Command("ip", "netns", "exec", names[0], "ping", "-c", "1", "-W", "1", addrs[1]).Run()
		time.Sleep(100 * time.Millisecond)
	}
	start := time.Now()
	script := fmt.Sprintf(`for p in $(seq 1000 1039); do (exec 3<>/dev/tcp/%s/$p) 2>/dev/null; done; true`, addrs[1])
	if out, err := exec.Command("ip", "netns", "exec", names[0], "bash", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("probe: %v: %s", err, out)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, al := range out.alerts() {
			if al.Kind == "portscan" && al.Src != nil && al.Dst != nil && al.Src.Guest == names[0] && al.Dst.Guest == names[1] {
				t.Logf("portscan alert %s after %v: %s", al.ID, time.Since(start).Round(time.Millisecond), al.Summary)
				st := a.Stats()
				if st.Ports != 2 || st.Packets == 0 {
					t.Errorf("stats %+v", st)
				}
				checkMetrics(t, reg, datapath)
				buf := make([]byte, 65536)
				syslog.SetReadDeadline(time.Now().Add(5 * time.Second))
				n, _, err := syslog.ReadFrom(buf)
				if err != nil || !strings.Contains(string(buf[:n]), `"kind":"portscan"`) {
					t.Errorf("syslog receiver got %q, %v", buf[:n], err)
				}
				a.Stop()
				db, err := store.Open(cfg.Store)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if kept, err := db.Alerts(context.Background(), store.AlertQuery{Kind: "portscan", Guest: names[0]}); err != nil || len(kept) == 0 {
					t.Errorf("the store has no portscan by %s: %v", names[0], err)
				}
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	a.mu.Lock()
	ps := a.pipe.Stats()
	a.mu.Unlock()
	t.Fatalf("no portscan alert naming %s and %s within 5 s; alerts: %+v; capture %+v; pipeline %+v", names[0], names[1], out.alerts(), a.Stats(), ps)
}
