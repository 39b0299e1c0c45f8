package lab

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// freePorts returns a set of ports that were free on 127.0.0.1.
func freePorts(t *testing.T) ports {
	t.Helper()
	var ns [7]int
	for i := range ns {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ns[i] = l.Addr().(*net.TCPAddr).Port
	}
	return ports{ssh: ns[0], metrics: ns[1], web: ns[2], app: ns[3], db: ns[4], cache: ns[5], dns: ns[6]}
}

// loopbackLab starts the services of a whole lab on 127.0.0.11 upward,
// every guest on its own loopback address and the same ports.
func loopbackLab(t *testing.T) ([]peer, []*services, ports) {
	t.Helper()
	p := freePorts(t)
	var peers []peer
	for i := 1; i <= 8; i++ {
		name, role := guestName(i)
		peers = append(peers, peer{name: name, role: role,
			v4: netip.AddrFrom4([4]byte{127, 0, 0, byte(10 + i)}), v6: netip.MustParseAddr("::1")})
	}
	var srvs []*services
	for _, self := range peers {
		s, err := startServices(self, peers, p, self.v4.String(), quiet)
		if err != nil {
			t.Fatalf("start %s: %v", self.name, err)
		}
		t.Cleanup(s.Close)
		srvs = append(srvs, s)
	}
	return peers, srvs, p
}

func addrOf(peers []peer, name string, port int) string {
	for _, p := range peers {
		if p.name == name {
			return net.JoinHostPort(p.v4.String(), strconv.Itoa(port))
		}
	}
	panic(name)
}

func TestServices(t *testing.T) {
	peers, _, p := loopbackLab(t)
	ctx := context.Background()
	client := &http.Client{Timeout: 5 * time.Second}

	for i, want := range []string{`"source":"db"`, `"source":"cache"`} {
		body := get(t, client, "http://"+addrOf(peers, "app-1", p.app)+"/api/items/7")
		if !strings.Contains(body, want) {
			t.Errorf("app request %d: %q, want %s", i+1, body, want)
		}
	}
	if body := get(t, client, "http://"+addrOf(peers, "web-1", p.web)+"/"); !strings.Contains(body, "<h1>web-1</h1>") {
		t.Errorf("web page: %q", body)
	}
	if body := get(t, client, "http://"+addrOf(peers, "db-1", p.metrics)+"/metrics"); !strings.Contains(body, `crosstalk_lab_guest_info{guest="db-1",role="db"} 1`) {
		t.Errorf("metrics: %q", body)
	}
	if err := sshPull(ctx, addrOf(peers, "rogue", p.ssh), 300<<10); err != nil {
		t.Errorf("ssh pull: %v", err)
	}
	if err := sshPush(ctx, addrOf(peers, "backup", p.ssh), 3<<20); err != nil {
		t.Errorf("ssh push: %v", err)
	}
	rcode, addrs, err := lookup(ctx, addrOf(peers, "dns-1", p.dns), "cache-1.lab", dnsTypeA)
	if err != nil || rcode != dnsNoError || len(addrs) != 1 || addrs[0].String() != "127.0.0.14" {
		t.Errorf("dns: rcode %d, %v, %v", rcode, addrs, err)
	}
	if v, err := cacheCommand(ctx, addrOf(peers, "cache-1", p.cache), "PING"); err != nil || v != "PONG" {
		t.Errorf("cache PING: %q, %v", v, err)
	}
	// A silent client (a port scanner's connect) is let go.
	c, err := net.Dial("tcp", addrOf(peers, "web-1", p.ssh))
	if err != nil {
		t.Fatal(err)
	}
	banner := make([]byte, len(sshBanner))
	if _, err := io.ReadFull(c, banner); err != nil || string(banner) != sshBanner {
		t.Errorf("banner %q, %v", banner, err)
	}
	c.Close()
}

func get(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", url, resp.Status, b)
	}
	return string(b)
}

func TestServicesBounded(t *testing.T) {
	peers, _, p := loopbackLab(t)
	var conns []net.Conn
	for range maxConns + 5 {
		c, err := net.Dial("tcp", addrOf(peers, "db-1", p.db))
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	// The connections beyond the limit are closed at once.
	var closed atomic.Int32
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Go(func() {
			c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
			if _, err := c.Read(make([]byte, 1)); err == io.EOF {
				closed.Add(1)
			}
		})
	}
	wg.Wait()
	if closed := closed.Load(); closed != 5 {
		t.Errorf("%d connections closed, want 5", closed)
	}
}

func TestWorkload(t *testing.T) {
	peers, srvs, p := loopbackLab(t)
	plan := workloadPlan{dnsEvery: 30 * time.Millisecond, webEvery: 10 * time.Millisecond, scrapeEvery: 50 * time.Millisecond,
		backupEvery: 80 * time.Millisecond, bulkEvery: 80 * time.Millisecond, backupBytes: 64 << 10, bulkBytes: 1 << 20}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var running atomic.Int32
	for _, self := range peers {
		running.Add(1)
		go func() {
			defer func() {
				if running.Add(-1) == 0 {
					close(done)
				}
			}()
			runWorkload(ctx, self, peers, p, plan, quiet)
		}()
	}
	counts := func(i int, service string) uint64 {
		c, ok := srvs[i].conns.Load(service)
		if !ok {
			return 0
		}
		return c.(*atomic.Uint64).Load()
	}
	// web-1 0, app-1 1, db-1 2, cache-1 3, monitor 4, backup 5, dns-1 6, rogue 7
	checks := []struct {
		guest   int
		service string
		min     uint64
	}{
		{1, "app", 5},     // web -> app
		{2, "db", 1},      // app -> db
		{3, "cache", 5},   // app -> cache
		{7, "metrics", 2}, // monitor -> everyone
		{0, "web", 2},     // monitor's health checks
		{7, "ssh", 1},     // backup pulls
		{5, "ssh", 1},     // app's bulk push
		{6, "dns", 3},     // everyone -> dns
	}
	deadline := time.Now().Add(5 * time.Second)
	for _, c := range checks {
		for counts(c.guest, c.service) < c.min && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := counts(c.guest, c.service); got < c.min {
			t.Errorf("%s %s: %d connections, want at least %d", peers[c.guest].name, c.service, got, c.min)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("workload did not stop when its context ended")
	}
}
