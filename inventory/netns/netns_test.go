package netns

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"
)

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs root, and CI runs as root")
		}
		t.Skip("needs root (network namespaces); CI runs it")
	}
}

func sh(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %v: %v: %s", args, err, out)
	}
}

func TestDiscover(t *testing.T) {
	requireRoot(t)
	id := os.Getpid() % 10000
	br, ns, port := fmt.Sprintf("ctdbr%d", id), fmt.Sprintf("ctd-%d-web", id), fmt.Sprintf("ctdp%d", id)
	t.Cleanup(func() {
		exec.Command("ip", "link", "del", port).Run()
		exec.Command("ip", "link", "del", br).Run()
		exec.Command("ip", "netns", "del", ns).Run()
	})
	sh(t, "netns", "add", ns)
	sh(t, "link", "add", br, "type", "bridge")
	sh(t, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns)
	sh(t, "link", "set", port, "master", br)
	sh(t, "-n", ns, "link", "set", "eth0", "address", "02:66:00:00:00:05")
	sh(t, "-n", ns, "addr", "add", "10.66.0.5/24", "dev", "eth0")

	guests, err := Discover(context.Background(), br)
	if err != nil {
		t.Fatal(err)
	}
	if len(guests) != 1 {
		t.Fatalf("guests %+v", guests)
	}
	g := guests[0]
	if g.Name != ns || len(g.Ports) != 1 || g.Sources[0] != "netns" {
		t.Fatalf("guest %+v", g)
	}
	if p := g.Ports[0]; p.Iface != port || p.IfIndex == 0 || p.MAC != "02:66:00:00:00:05" || p.Bridge != br ||
		len(p.IPs) != 1 || p.IPs[0] != "10.66.0.5" {
		t.Errorf("port %+v", p)
	}
	if g.Process != nil {
		t.Errorf("an empty namespace has a process: %+v", g.Process)
	}
	// A process living in the namespace is the guest's.
	sleeper := exec.Command("ip", "netns", "exec", ns, "sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { sleeper.Process.Kill(); sleeper.Wait() }()
	for range 50 {
		if guests, _ = Discover(context.Background(), br); len(guests) == 1 && guests[0].Process != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if p := guests[0].Process; p == nil || p.PID != sleeper.Process.Pid || len(p.Cgroups) == 0 {
		t.Errorf("process %+v, want pid %d with its cgroups", p, sleeper.Process.Pid)
	}
	if got := ProcessesOfPorts(context.Background(), []string{port, "ctd-noport"}); len(got) != 1 || got[port] == nil || got[port].PID != sleeper.Process.Pid {
		t.Errorf("processes of ports: %+v", got)
	}
	if _, err := Discover(context.Background(), "ctd-nobridge"); err == nil {
		t.Error("a missing bridge is not an error")
	}
}
