package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/lab/hypervisor"
	"github.com/crosstalk-dev/crosstalk/store"
)

// The agent against real VMs: a private libvirtd, two QEMU guests
// (software emulation, a Debian kernel and a busybox initramfs) with tap
// NICs on a bridge, labels in their domain metadata. The agent follows
// libvirt only: it must name both guests, attribute their traffic, report
// a scan by name, follow NIC hot-plug and hot-unplug within a second,
// survive a libvirtd restart and catch up, and see a guest go.

const labelsXML = `<ct:guest xmlns:ct="https://github.com/crosstalk-dev/crosstalk/xmlns/guest/1">%s</ct:guest>`

func label(k, v string) string { return fmt.Sprintf(`<ct:label name=%q>%s</ct:label>`, k, v) }

type vm struct {
	name, mac, ip string
	labels        string
	console       *hypervisor.Console
}

// waitFor polls cond every 10 ms until it holds or d passes, and returns
// how long it took.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > d {
			t.Fatalf("%s: not within %v", what, d)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

func portOf(tab *inventory.Table, guest, mac string) (inventory.Port, bool) {
	g, ok := tab.Guest(guest)
	if !ok || !g.Active() {
		return inventory.Port{}, false
	}
	for _, p := range g.Ports {
		if p.MAC == mac && p.IfIndex != 0 {
			return p, true
		}
	}
	return inventory.Port{}, false
}

func ifaceExists(name string) bool {
	_, err := os.Stat(filepath.Join("/sys/class/net", name))
	return err == nil
}

// startVMs starts a private libvirtd (name, and a host UUID ending in
// uuidTail) and the guests on a bridge of their own, each with its
// console; cpuset, when set, pins them all to those host CPUs.
func startVMs(t *testing.T, name, uuidTail string, migration int, guests []*vm, cpuset string, cgroups bool) (d *hypervisor.Daemon, dir, br string) {
	dir = t.TempDir()
	initrd := filepath.Join(dir, "initramfs.cpio.gz")
	hypervisor.BuildInitramfs(t, initrd, hypervisor.ImageOptions{Modules: []string{"virtio_pci", "virtio_net"}})
	br = hypervisor.Bridge(t)
	d = hypervisor.Start(t, hypervisor.Options{Name: name, Dir: filepath.Join(dir, "hv"),
		HostUUID: "6a1d1e2a-0000-4000-8000-0000000000" + uuidTail, MigrationAddress: "127.0.0.4", MigrationPorts: [2]int{migration, migration + 31}, Cgroups: cgroups})
	for _, g := range guests {
		sock := filepath.Join(dir, g.name+".console")
		xml := hypervisor.DomainXML(hypervisor.GuestSpec{Name: g.name, Kernel: hypervisor.Kernel(), Initrd: initrd,
			ConsoleSocket: sock, NICs: []hypervisor.NIC{{Bridge: br, MAC: g.mac}},
			Metadata: fmt.Sprintf(labelsXML, g.labels), CPUSet: cpuset})
		path := filepath.Join(dir, g.name+".xml")
		if err := os.WriteFile(path, []byte(xml), 0o644); err != nil {
			t.Fatal(err)
		}
		d.Virsh(t, "define", path)
		d.Virsh(t, "start", g.name)
		c, err := hypervisor.DialConsole(sock)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		g.console = c
	}
	return d, dir, br
}

func TestAgentFollowsLibvirtGuests(t *testing.T) {
	hypervisor.Need(t)
	guests := []*vm{
		{name: "web-1", mac: "52:54:00:c7:00:01", ip: "10.99.7.1", labels: label("tier", "web") + label("app", "shop")},
		{name: "db-1", mac: "52:54:00:c7:00:02", ip: "10.99.7.2", labels: label("tier", "db") + label("app", "shop")},
	}
	booted := time.Now()
	d, dir, br := startVMs(t, "ct-inv", "c1", 49216, guests, "", false)

	cfg := DefaultConfig()
	cfg.Host = "hv-test"
	cfg.Inventory.Providers = []string{"libvirt"}
	cfg.Inventory.Libvirt.URI = d.URI()
	cfg.FlowsFile = filepath.Join(dir, "flows.jsonl")
	cfg.Store.Path = filepath.Join(dir, "agent.db")
	out := &syncBuffer{}
	a := New(cfg, Dependencies{Alerts: out})
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	stopped := false
	defer func() {
		if !stopped {
			a.Stop()
		}
	}()

	// Both guests named from libvirt, with labels, state, ports, QEMU.
	for _, g := range guests {
		waitFor(t, 5*time.Second, g.name+" in the identity table", func() bool { _, ok := portOf(a.Guests(), g.name, g.mac); return ok })
		got, _ := a.Guests().Guest(g.name)
		if got.UUID == "" || got.State != "running" || got.Labels["app"] != "shop" || got.Host != "hv-test" ||
			got.Process == nil || got.Process.PID == 0 || len(got.Process.VCPUThreads) != 1 || got.Ports[0].Bridge != br {
			t.Errorf("%s: %+v (process %+v)", g.name, got, got.Process)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	for _, g := range guests {
		if _, _, err := g.console.Run(ctx, "true"); err != nil {
			t.Fatalf("%s console: %v\n%s", g.name, err, g.console.Log())
		}
		t.Logf("%s answers on its console %.1f s after start", g.name, time.Since(booted).Seconds())
		run(t, ctx, g, "ip link set eth0 up && ip addr add "+g.ip+"/24 dev eth0")
	}
	web, db := guests[0], guests[1]
	run(t, ctx, web, "ping -c 3 -W 5 "+db.ip)

	// The guests' own announcements (ARP) are learned, shown, not trusted;
	// `crosstalk guests` gets them from the agent's socket.
	sock := filepath.Join(dir, "agent.sock")
	a.cfg.Socket = sock
	go a.Serve(ctx)
	waitFor(t, 5*time.Second, "web-1's address learned from ARP, over the socket", func() bool {
		var v api.GuestsView
		if err := api.SocketClient(sock).Get(ctx, "/api/v1/guests", &v); err != nil {
			return false
		}
		for _, g := range v.Guests {
			if g.Name == web.name && len(g.Ports) > 0 && slices.Contains(g.Ports[0].Learned, web.ip+" (arp)") {
				return v.Live
			}
		}
		return false
	})
	if who := a.Guests().GuestByIP(flow.MustParseAddr(web.ip)); who != "" {
		t.Errorf("a learned address names %q: learned addresses must not be identity", who)
	}

	// A connect scan of 60 closed ports, from web-1 to db-1.
	scanned := time.Now()
	run(t, ctx, web, fmt.Sprintf("for p in $(seq 2000 2059); do nc -w 1 %s $p </dev/null 2>/dev/null; done; true", db.ip))
	var scan *flow.Endpoint
	waitFor(t, 10*time.Second, "a portscan alert naming web-1 and db-1", func() bool {
		for _, al := range out.alerts() {
			if al.Kind == "portscan" && al.Src != nil && al.Dst != nil && al.Src.Guest == web.name && al.Dst.Guest == db.name {
				scan = al.Src
				t.Logf("portscan alert %.1f s after the scan began: %s", time.Since(scanned).Seconds(), al.Summary)
				return true
			}
		}
		return false
	})
	if scan.Labels["tier"] != "web" || !strings.HasPrefix(scan.Iface, "vnet") {
		t.Errorf("alert source %+v: want web-1's labels and tap", *scan)
	}

	// Hot-plug a second NIC into web-1, then unplug it: the agent must
	// follow each within a second of the host seeing it.
	const hotMAC = "52:54:00:c7:01:01"
	d.Virsh(t, "attach-interface", web.name, "bridge", br, "--mac", hotMAC, "--model", "virtio", "--live")
	var tap string
	plugged := waitFor(t, time.Second, "the hot-plugged NIC in the identity table", func() bool {
		p, ok := portOf(a.Guests(), web.name, hotMAC)
		tap = p.Iface
		return ok
	})
	t.Logf("hot-plug: the identity table had %s (%s) %v after attach-interface returned", tap, hotMAC, plugged.Round(time.Microsecond))
	detached := time.Now()
	d.Virsh(t, "detach-interface", web.name, "bridge", "--mac", hotMAC, "--live")
	var goneAt time.Time
	waitFor(t, 30*time.Second, "the guest to release the NIC", func() bool {
		if !ifaceExists(tap) && goneAt.IsZero() {
			goneAt = time.Now()
		}
		_, still := portOf(a.Guests(), web.name, hotMAC)
		if !still && goneAt.IsZero() {
			goneAt = time.Now() // the table was first: measure 0
		}
		return !goneAt.IsZero() && !still
	})
	unplugged := time.Since(goneAt)
	t.Logf("hot-unplug: the guest released the NIC %v after detach-interface; the identity table dropped %s %v after its tap went",
		goneAt.Sub(detached).Round(time.Millisecond), tap, unplugged.Round(time.Microsecond))
	if unplugged > time.Second {
		t.Errorf("hot-unplug followed in %v, want within 1 s", unplugged)
	}

	// libvirtd restarts: the agent keeps its guests and keeps attributing
	// traffic while it is away, then catches up with what changed.
	d.Kill()
	time.Sleep(500 * time.Millisecond)
	if _, ok := portOf(a.Guests(), db.name, db.mac); !ok {
		t.Fatal("the agent forgot db-1 when libvirtd went away")
	}
	if errs := a.Guests().Errors(); len(errs) == 0 {
		t.Error("the agent does not say that libvirtd is away")
	}
	run(t, ctx, db, "ping -c 2 -W 5 "+web.ip)
	d.StartDaemon(t)
	waitFor(t, 15*time.Second, "the agent to reconnect", func() bool { return len(a.Guests().Errors()) == 0 })
	d.Virsh(t, "attach-interface", db.name, "bridge", br, "--mac", "52:54:00:c7:01:02", "--model", "virtio", "--live")
	waitFor(t, time.Second, "a NIC plugged after the restart", func() bool { _, ok := portOf(a.Guests(), db.name, "52:54:00:c7:01:02"); return ok })

	// A guest stops: it stays listed, shut off, and claims no port (its
	// MAC still names it, for the flows it had open).
	dbPort, _ := portOf(a.Guests(), db.name, db.mac)
	d.Virsh(t, "destroy", db.name)
	waitFor(t, 2*time.Second, "db-1 shut off", func() bool {
		g, ok := a.Guests().Guest(db.name)
		return ok && g.State == "shutoff"
	})
	if who := a.Guests().GuestByPort(dbPort.IfIndex); who != "" {
		t.Errorf("a shut-off guest's port still names %s", who)
	}

	// Flow records name both sides with their labels.
	a.Stop()
	stopped = true
	data, err := os.ReadFile(cfg.FlowsFile)
	if err != nil {
		t.Fatal(err)
	}
	named, back := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r flow.Record
		if json.Unmarshal([]byte(line), &r) != nil {
			t.Fatalf("flow record %q", line)
		}
		if r.Proto == "icmp" && r.Src.Guest == web.name && r.Dst.Guest == db.name && r.Dst.Labels["tier"] == "db" {
			named++
		}
		if r.Proto == "icmp" && r.Src.Guest == db.name && r.Dst.Guest == web.name && r.Src.Labels["tier"] == "db" {
			back++ // the ping sent while libvirtd was away
		}
	}
	if named == 0 || back == 0 {
		t.Errorf("want ICMP flow records web-1 -> db-1 and db-1 -> web-1 with labels, got %d and %d", named, back)
	}

	// The store kept the scan and the traffic, by name.
	st, err := store.Open(cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	kept, err := st.Alerts(context.Background(), store.AlertQuery{Kind: "portscan", Guest: web.name})
	if err != nil || len(kept) == 0 || kept[0].Src.Labels["tier"] != "web" {
		t.Errorf("stored portscan alerts %v %+v", err, kept)
	}
	edges, err := st.Edges(context.Background(), store.EdgeQuery{Guest: web.name, Peer: db.name})
	if err != nil || len(edges) == 0 {
		t.Errorf("stored edges web-1 <-> db-1: %v %+v", err, edges)
	}
}

func run(t *testing.T, ctx context.Context, g *vm, cmd string) string {
	t.Helper()
	out, code, err := g.console.Run(ctx, cmd)
	if err != nil || code != 0 {
		t.Fatalf("%s: %q: exit %d, %v\n%s\nconsole:\n%s", g.name, cmd, code, err, out, g.console.Log())
	}
	return out
}

// TestNoisyVMsUnderLibvirt: two QEMU guests under libvirt, pinned to host
// CPU 0. db-1 keeps its vCPU busy (a busy service); then web-1 starts
// burning its vCPU too. The agent, from the vCPU threads' run-queue delay
// and the QEMU processes' cgroup CPU use, names web-1 as hurting db-1.
func TestNoisyVMsUnderLibvirt(t *testing.T) {
	hypervisor.Need(t)
	guests := []*vm{
		{name: "web-1", mac: "52:54:00:c8:00:01", labels: label("tier", "web")},
		{name: "db-1", mac: "52:54:00:c8:00:02", labels: label("tier", "db")},
	}
	d, _, _ := startVMs(t, "ct-nn", "c2", 49248, guests, "0", true)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	for _, g := range guests {
		if _, _, err := g.console.Run(ctx, "true"); err != nil {
			t.Fatalf("%s console: %v\n%s", g.name, err, g.console.Log())
		}
	}
	cfg := DefaultConfig()
	cfg.Inventory.Providers = []string{"libvirt"}
	cfg.Inventory.Libvirt.URI = d.URI()
	out := &syncBuffer{}
	a := New(cfg, Dependencies{Alerts: out})
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer a.Stop()
	web, db := guests[0], guests[1]
	waitFor(t, 10*time.Second, "both guests with their vCPU threads", func() bool {
		for _, g := range guests {
			got, ok := a.Guests().Guest(g.name)
			if !ok || got.Process == nil || len(got.Process.VCPUThreads) != 1 {
				return false
			}
		}
		return true
	})
	busy := "(while :; do :; done) >/dev/null 2>&1 &"
	run(t, ctx, db, busy)
	time.Sleep(10 * time.Second) // db-1's normal: a busy vCPU, alone
	started := time.Now()
	run(t, ctx, web, busy)
	var found alert.Alert
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		// What the sampler reads, to tell a guest that did not burn from
		// an attribution that missed it.
		for _, g := range guests {
			got, _ := a.Guests().Guest(g.name)
			if got.Process == nil {
				continue
			}
			for _, tid := range got.Process.VCPUThreads {
				b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/schedstat", got.Process.PID, tid))
				t.Logf("%s: QEMU %d, vCPU thread %d schedstat %s, cgroups %v", g.name, got.Process.PID, tid, strings.TrimSpace(string(b)), got.Process.Cgroups)
			}
		}
		for _, al := range out.alerts() {
			t.Logf("alert: %s", al.Summary)
		}
	})
	waitFor(t, 30*time.Second, "a noisy-neighbor alert naming web-1 as hurting db-1", func() bool {
		for _, al := range out.alerts() {
			if al.Kind == NoisyNeighbor && al.Src != nil && al.Dst != nil && al.Src.Guest == web.name && al.Dst.Guest == db.name {
				found = al
				return true
			}
		}
		return false
	})
	t.Logf("noisy-neighbor %.1f s after web-1 began burning its vCPU: %s", time.Since(started).Seconds(), found.Summary)
	if found.Evidence["resource"] != "cpu" {
		t.Errorf("resource %v, want cpu", found.Evidence["resource"])
	}
	for _, al := range out.alerts() {
		if al.Kind == NoisyNeighbor && (al.Src == nil || al.Src.Guest != web.name) {
			t.Errorf("a noisy neighbour blamed on someone else: %s", al.Summary)
		}
	}
}
