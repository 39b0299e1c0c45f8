//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// lab is a switch in its own network namespace with two guests, each in
// its own namespace behind a veth whose host side is a bridge port. The
// root namespace is left alone: the programs are attached from inside the
// switch's namespace.
type lab struct {
	sw, a, b     string // namespace names
	portA, portB int    // ifindexes of the host-side veths, in sw
}

var (
	guestA = flow.MustParseAddr("10.99.0.1")
	guestB = flow.MustParseAddr("10.99.0.2")
	labMAC = [2]flow.MAC{{0x02, 0, 0, 0, 0, 0x0a}, {0x02, 0, 0, 0, 0, 0x0b}}
)

func ipCmd(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func newLab(t *testing.T) *lab {
	t.Helper()
	if _, err := exec.LookPath("ip"); err != nil {
		t.Fatal("needs ip (iproute2)")
	}
	id := fmt.Sprintf("%d", os.Getpid()%100000)
	l := &lab{sw: "ctbpfS" + id, a: "ctbpfA" + id, b: "ctbpfB" + id}
	for _, ns := range []string{l.sw, l.a, l.b} {
		exec.Command("ip", "netns", "del", ns).Run() // left over from a killed run
		ipCmd(t, "netns", "add", ns)
		t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
		ipCmd(t, "-n", ns, "link", "set", "lo", "up")
		// No IPv6: its autoconfiguration chatter (ND, MLD) would open
		// flows of its own and make the counts depend on timing.
		if out, err := exec.Command("ip", "netns", "exec", ns, "sysctl", "-qw",
			"net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1").CombinedOutput(); err != nil {
			t.Fatalf("disable ipv6 in %s: %v\n%s", ns, err, out)
		}
	}
	ipCmd(t, "-n", l.sw, "link", "add", "br0", "type", "bridge")
	ipCmd(t, "-n", l.sw, "link", "set", "br0", "up")
	for i, g := range []struct{ ns, port, ip string }{{l.a, "ctbpfa", "10.99.0.1/24"}, {l.b, "ctbpfb", "10.99.0.2/24"}} {
		ipCmd(t, "-n", l.sw, "link", "add", g.port, "type", "veth", "peer", "name", "eth0", "netns", g.ns)
		ipCmd(t, "-n", l.sw, "link", "set", g.port, "master", "br0", "up")
		ipCmd(t, "-n", g.ns, "link", "set", "eth0", "address", labMAC[i].String())
		ipCmd(t, "-n", g.ns, "addr", "add", g.ip, "dev", "eth0")
		ipCmd(t, "-n", g.ns, "link", "set", "eth0", "up")
	}
	inNetns(t, l.sw, func() {
		for _, p := range []struct {
			name string
			idx  *int
		}{{"ctbpfa", &l.portA}, {"ctbpfb", &l.portB}} {
			ifi, err := net.InterfaceByName(p.name)
			if err != nil {
				t.Fatal(err)
			}
			*p.idx = ifi.Index
		}
	})
	return l
}

// inNetns runs fn on a thread switched to network namespace ns. Sockets
// and links created by fn stay in ns.
func inNetns(t *testing.T, ns string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			t.Error(err)
			return
		}
		defer orig.Close()
		target, err := os.Open("/run/netns/" + ns)
		if err != nil {
			t.Error(err)
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			t.Error(err)
			return
		}
		fn()
		if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
			// Leave the thread locked: the runtime ends it with the
			// goroutine instead of reusing a thread in the wrong netns.
			t.Error(err)
			return
		}
		runtime.UnlockOSThread()
	}()
	<-done
}

// collector gathers the events Read delivers.
type collector struct {
	mu  sync.Mutex
	evs []flow.Event
}

func (c *collector) add(ev *flow.Event) {
	c.mu.Lock()
	c.evs = append(c.evs, *ev)
	c.mu.Unlock()
}

func (c *collector) snapshot() []flow.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]flow.Event(nil), c.evs...)
}

// table replays events into a flow table and returns the outcome of each
// flow by key.
func table(evs []flow.Event) map[flow.Key]flowtable.Outcome {
	obs := &keyedOutcomes{got: make(map[flow.Key]flowtable.Outcome)}
	ft := flowtable.New(flowtable.DefaultConfig(), obs)
	for i := range evs {
		ft.Process(&evs[i])
	}
	ft.Flush()
	return obs.got
}

type keyedOutcomes struct {
	got map[flow.Key]flowtable.Outcome
}

func (o *keyedOutcomes) FlowStart(f *flowtable.Flow)                               {}
func (o *keyedOutcomes) Packet(f *flowtable.Flow, ev *flow.Event, d flowtable.Dir) {}
func (o *keyedOutcomes) Outcome(f *flowtable.Flow)                                 { o.got[f.Key] = f.Outcome }
func (o *keyedOutcomes) FlowEnd(f *flowtable.Flow, r flowtable.EndReason)          {}

// TestNetns: flows between two namespaces across a bridge, attached by
// tcx and by tc.
func TestNetns(t *testing.T) {
	requireBPF(t)
	for _, attach := range []string{"tcx", "tc"} {
		t.Run(attach, func(t *testing.T) { testNetns(t, attach) })
	}
}

func testNetns(t *testing.T, attach string) {
	l := newLab(t)
	cfg := DefaultConfig()
	cfg.PinPath, cfg.Attach = "", attach
	d, err := Load(cfg)
	if err != nil {
		t.Fatalf("load: %+v", err)
	}
	t.Cleanup(func() { d.Close() })
	inNetns(t, l.sw, func() {
		for _, p := range []int{l.portA, l.portB} {
			if err := d.Attach(p); err != nil {
				t.Fatal(err)
			}
		}
	})
	if t.Failed() {
		t.FailNow()
	}
	var c collector
	readDone := make(chan error, 1)
	go func() { readDone <- d.Read(c.add) }()

	// Guest B listens on 8080; 8081 (TCP) and 9999 (UDP) are closed.
	var ln net.Listener
	inNetns(t, l.b, func() {
		var err error
		if ln, err = net.Listen("tcp4", "10.99.0.2:8080"); err != nil {
			t.Fatal(err)
		}
	})
	defer ln.Close()
	served := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			served <- err
			return
		}
		buf := make([]byte, 5)
		_, err = conn.Read(buf)
		conn.Write([]byte("world"))
		conn.Close()
		served <- err
	}()

	out, err := exec.Command("ip", "netns", "exec", l.a, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.99.0.2").CombinedOutput()
	if err != nil {
		t.Fatalf("ping: %v\n%s", err, out)
	}
	var openPort uint16
	inNetns(t, l.a, func() {
		conn, err := net.DialTimeout("tcp4", "10.99.0.2:8080", 2*time.Second)
		if err != nil {
			t.Errorf("dial open port: %v", err)
			return
		}
		openPort = uint16(conn.LocalAddr().(*net.TCPAddr).Port)
		conn.Write([]byte("hello"))
		buf := make([]byte, 5)
		conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		conn.Read(buf)
		conn.Read(buf) // EOF: B closed
		conn.Close()
		if _, err := net.DialTimeout("tcp4", "10.99.0.2:8081", 2*time.Second); !errors.Is(err, unix.ECONNREFUSED) {
			t.Errorf("dial closed port: %v, want connection refused", err)
		}
		u, err := net.Dial("udp4", "10.99.0.2:9999")
		if err != nil {
			t.Error(err)
			return
		}
		u.Write([]byte("probe"))
		u.SetReadDeadline(time.Now().Add(2 * time.Second))
		if _, err := u.Read(buf); !errors.Is(err, unix.ECONNREFUSED) {
			t.Errorf("udp to closed port: %v, want connection refused (ICMP)", err)
		}
		u.Close()
	})
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}

	icmpKey := flow.Key{Src: guestA, Dst: guestB, Proto: flow.ProtoICMP, DstPort: 8} // SrcPort is ping's id
	openKey := flow.Key{Src: guestA, Dst: guestB, SrcPort: openPort, DstPort: 8080, Proto: flow.ProtoTCP}
	var evs []flow.Event
	var outcomes map[flow.Key]flowtable.Outcome
	deadline := time.Now().Add(5 * time.Second)
	for {
		evs = c.snapshot()
		outcomes = table(evs)
		var refusedRST, refusedICMP, answeredICMP bool
		closed := 0
		for k, o := range outcomes {
			switch {
			case k.Proto == flow.ProtoTCP && k.DstPort == 8081:
				refusedRST = o == flowtable.OutcomeRefusedRST
			case k.Proto == flow.ProtoUDP && k.DstPort == 9999:
				refusedICMP = o == flowtable.OutcomeRefusedICMP
			case k.Proto == flow.ProtoICMP && k.Src == guestA && k.DstPort == 8:
				icmpKey.SrcPort = k.SrcPort
				answeredICMP = o == flowtable.OutcomeAnswered
			}
		}
		for _, ev := range evs {
			if ev.Key == openKey.Reverse() && ev.Flags&flow.FIN != 0 {
				closed++
			}
		}
		if refusedRST && refusedICMP && answeredICMP && outcomes[openKey] == flowtable.OutcomeAnswered && closed > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("outcomes after 5 s: %v\nevents:\n%s", outcomes, dump(evs))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Every flow event of guest A's flows names the ports and MACs right.
	for _, ev := range evs {
		if ev.Kind != flow.EventPacket {
			continue
		}
		switch ev.Key.Src {
		case guestA:
			if ev.Port != uint32(l.portA) || ev.SrcMAC != labMAC[0] {
				t.Errorf("event from A with port %d mac %s, want %d %s: %+v", ev.Port, ev.SrcMAC, l.portA, labMAC[0], ev)
			}
		case guestB:
			if ev.Port != uint32(l.portB) || ev.SrcMAC != labMAC[1] {
				t.Errorf("event from B with port %d mac %s, want %d %s: %+v", ev.Port, ev.SrcMAC, l.portB, labMAC[1], ev)
			}
		}
	}

	// The pings crossed two attached ports each way but count once.
	var v bpfFlow
	key := bpfFlowKey{Saddr: icmpKey.Src, Daddr: icmpKey.Dst, Sport: icmpKey.SrcPort, Dport: icmpKey.DstPort, Family: 4, Proto: flow.ProtoICMP}
	if err := d.objs.Flows.Lookup(&key, &v); err != nil {
		t.Fatalf("ping flow %s: %v", icmpKey, err)
	}
	if v.Packets != [2]uint64{3, 3} || v.Bytes != [2]uint64{3 * 84, 3 * 84} {
		t.Errorf("ping flow packets %v bytes %v, want [3 3] and [252 252]", v.Packets, v.Bytes)
	}
	if v.Ifindex != [2]uint32{uint32(l.portA), uint32(l.portB)} {
		t.Errorf("ping flow ports %v, want [%d %d]", v.Ifindex, l.portA, l.portB)
	}

	st, err := d.Stats()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []int{l.portA, l.portB} {
		s := st.Ports[p]
		if s.RxPackets == 0 || s.TxPackets == 0 || s.EventsLost != 0 || s.ParseErrors != 0 || s.StartsSuppressed != 0 {
			t.Errorf("port %d counters %+v", p, s)
		}
	}
	// A opened four flows (ping, two TCP connections, UDP); B none.
	if n := st.Ports[l.portA].FlowsNew; n != 4 {
		t.Errorf("port A opened %d flows, want 4", n)
	}
	if n := st.Ports[l.portB].FlowsNew; n != 0 {
		t.Errorf("port B opened %d flows, want 0", n)
	}
	if st.BadRecords != 0 {
		t.Errorf("%d bad records", st.BadRecords)
	}
	t.Logf("%d events from %d records; port A %+v", len(evs), st.Records, st.Ports[l.portA])

	inNetns(t, l.sw, func() {
		c, err := dialNetlink()
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fs, err := c.tcFind()
		if want := map[string]int{"tcx": 0, "tc": 4}[attach]; err != nil || len(fs) != want {
			t.Errorf("tc filters while attached: %v (%v), want %d", fs, err, want)
		}
		for _, p := range []int{l.portA, l.portB} {
			if err := d.Detach(p); err != nil {
				t.Error(err)
			}
		}
		if fs, err := c.tcFind(); err != nil || len(fs) != 0 {
			t.Errorf("tc filters after Detach: %v (%v)", fs, err)
		}
	})
	if n := len(d.Attached()); n != 0 {
		t.Errorf("%d ports attached after Detach", n)
	}
	d.Close()
	if err := <-readDone; !errors.Is(err, ErrClosed) {
		t.Errorf("Read after Close: %v, want ErrClosed", err)
	}
}

// TestNetnsStorm runs a SYN scan across a port whose start rate is low:
// the starts beyond the burst are suppressed and counted against the
// scanner, and the victim's answers are not mistaken for a scan of its own.
func TestNetnsStorm(t *testing.T) {
	requireBPF(t)
	nmap, err := exec.LookPath("nmap")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but nmap is missing")
		}
		t.Skip("needs nmap")
	}
	l := newLab(t)
	cfg := DefaultConfig()
	cfg.StartRate, cfg.StartBurst = 10, 100
	cfg.PinPath = ""
	d, err := Load(cfg)
	if err != nil {
		t.Fatalf("load: %+v", err)
	}
	t.Cleanup(func() { d.Close() })
	inNetns(t, l.sw, func() {
		for _, p := range []int{l.portA, l.portB} {
			if err := d.Attach(p); err != nil {
				t.Fatal(err)
			}
		}
	})
	if t.Failed() {
		t.FailNow()
	}
	var c collector
	go d.Read(c.add)
	const ports = 1000
	out, err := exec.Command("ip", "netns", "exec", l.a, nmap, "-n", "-Pn", "-sS", "-T5", "--max-retries", "0",
		"-p", fmt.Sprintf("1-%d", ports), "10.99.0.2").CombinedOutput()
	if err != nil {
		t.Fatalf("nmap: %v\n%s", err, out)
	}
	time.Sleep(3 * cfg.DrainInterval)
	st, err := d.Stats()
	if err != nil {
		t.Fatal(err)
	}
	sa := st.Ports[l.portA]
	if sa.StartsSuppressed == 0 || sa.FlowsNew+sa.StartsSuppressed < ports {
		t.Errorf("port A: %d flows new, %d suppressed for a %d-port scan", sa.FlowsNew, sa.StartsSuppressed, ports)
	}
	storms, err := d.Storms()
	if err != nil {
		t.Fatal(err)
	}
	var scanner *Storm
	for i := range storms {
		if storms[i].Src == guestA {
			scanner = &storms[i]
		}
	}
	if scanner == nil {
		t.Fatalf("no storm entry for the scanner: %+v", storms)
	}
	if scanner.Port != l.portA || scanner.LastDst != guestB || scanner.Replies != 0 || scanner.Dsts != 1 || scanner.DstPorts < 300 {
		t.Errorf("scanner storm %+v", *scanner)
	}
	// The victim's RSTs to the suppressed probes open nothing.
	if sb := st.Ports[l.portB]; sb.StartsSuppressed != 0 || sb.RSTUntracked < sa.StartsSuppressed-10 {
		t.Errorf("port B: %d starts suppressed, %d RSTs untracked; want 0 and about %d", sb.StartsSuppressed, sb.RSTUntracked, sa.StartsSuppressed)
	}
	starts := 0
	for _, ev := range c.snapshot() {
		if ev.Kind == flow.EventPacket && ev.Key.Src == guestA && ev.FirstFlags == flow.SYN {
			starts++
		}
	}
	t.Logf("scan of %d ports: %d start events, port A %+v, port B %+v, storms %d, scanner %+v",
		ports, starts, sa, st.Ports[l.portB], len(storms), *scanner)
}

func dump(evs []flow.Event) string {
	var b strings.Builder
	for _, ev := range evs {
		fmt.Fprintf(&b, "  kind %d port %d %s flags %s first %s pkts %d icmp %d/%d inner %s verdict %d rule %d\n",
			ev.Kind, ev.Port, ev.Key, ev.Flags, ev.FirstFlags, ev.Packets, ev.ICMPType, ev.ICMPCode, ev.Inner, ev.Verdict, ev.Rule)
	}
	return b.String()
}
