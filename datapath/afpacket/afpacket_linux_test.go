package afpacket

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// ---- privileged lab ----

// requireLab skips a test that needs root and ip(8), or fails it when the
// CI environment variable is set: CI never skips silently.
func requireLab(t testing.TB) {
	t.Helper()
	why := ""
	if os.Geteuid() != 0 {
		why = "needs root (network namespaces, CAP_NET_RAW)"
	} else if _, err := exec.LookPath("ip"); err != nil {
		why = "needs ip(8) from iproute2"
	}
	if why == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI is set", why)
	}
	t.Skip(why)
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// netns creates a network namespace whose name is unique to this run,
// removed when the test ends, with IPv6 off so that the only traffic is
// what the test sends.
func netns(t testing.TB, role string) string {
	t.Helper()
	name := fmt.Sprintf("ctafp-%s-%08x", role, rand.Uint32())
	out, err := exec.Command("ip", "netns", "add", name).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("ip netns add: %v\n%s", err, out)
		}
		t.Skipf("cannot create a network namespace: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "del", name).Run() })
	run(t, "ip", "netns", "exec", name, "sysctl", "-qw",
		"net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1")
	run(t, "ip", "-n", name, "link", "set", "lo", "up")
	return name
}

func nsPath(name string) string { return "/run/netns/" + name }

// link is what ip -j link show says of an interface.
type link struct {
	Ifindex int    `json:"ifindex"`
	Address string `json:"address"`
}

func showLink(t testing.TB, ns, dev string) link {
	t.Helper()
	var ls []link
	if err := json.Unmarshal([]byte(run(t, "ip", "-n", ns, "-j", "link", "show", dev)), &ls); err != nil || len(ls) != 1 {
		t.Fatalf("ip -j link show %s in %s: %v %v", dev, ns, ls, err)
	}
	return ls[0]
}

// lab is a host in miniature: a bridge in namespace br with two ports p1
// and p2, the host sides of veth pairs whose other ends are eth0 in the
// guests' namespaces g1 (10.98.0.1) and g2 (10.98.0.2).
type lab struct {
	br, g1, g2 string
	p1, p2     int              // port ifindexes, in br
	mac1, mac2 net.HardwareAddr // guests' MACs
}

func newLab(t testing.TB) *lab {
	t.Helper()
	requireLab(t)
	l := &lab{br: netns(t, "br"), g1: netns(t, "g1"), g2: netns(t, "g2")}
	run(t, "ip", "-n", l.br, "link", "add", "br0", "type", "bridge")
	for i, g := range []string{l.g1, l.g2} {
		port := fmt.Sprintf("p%d", i+1)
		run(t, "ip", "-n", l.br, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", g)
		run(t, "ip", "-n", l.br, "link", "set", port, "master", "br0")
		run(t, "ip", "-n", l.br, "link", "set", port, "up")
		run(t, "ip", "-n", g, "addr", "add", fmt.Sprintf("10.98.0.%d/24", i+1), "dev", "eth0")
		run(t, "ip", "-n", g, "link", "set", "eth0", "up")
	}
	run(t, "ip", "-n", l.br, "link", "set", "br0", "up")
	l.p1, l.p2 = showLink(t, l.br, "p1").Ifindex, showLink(t, l.br, "p2").Ifindex
	var err1, err2 error
	l.mac1, err1 = net.ParseMAC(showLink(t, l.g1, "eth0").Address)
	l.mac2, err2 = net.ParseMAC(showLink(t, l.g2, "eth0").Address)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	return l
}

func (l *lab) open(t testing.TB, ifindex int, cfg Config) *Handle {
	t.Helper()
	h, err := OpenInNetns(nsPath(l.br), ifindex, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// ping sends count echo requests from namespace ns to dst, 10 ms apart.
func ping(t testing.TB, ns, dst string, count int) {
	t.Helper()
	run(t, "ip", "netns", "exec", ns, "ping", "-q", "-c", fmt.Sprint(count), "-i", "0.01", "-W", "1", dst)
}

// inNetns runs f on a thread of its own inside namespace ns: sockets
// that f makes belong to ns.
func inNetns(t testing.TB, ns string, f func() error) {
	t.Helper()
	ch := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			ch <- err
			runtime.UnlockOSThread()
			return
		}
		defer orig.Close()
		target, err := os.Open(nsPath(ns))
		if err != nil {
			ch <- err
			runtime.UnlockOSThread()
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			ch <- err
			runtime.UnlockOSThread()
			return
		}
		err = f()
		if unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET) != nil {
			ch <- errors.New("cannot return to the original namespace")
			return // the thread dies with the goroutine
		}
		runtime.UnlockOSThread()
		ch <- err
	}()
	if err := <-ch; err != nil {
		t.Fatalf("in %s: %v", ns, err)
	}
}

// udpSocketIn returns an unconnected UDP socket made inside namespace ns.
// Unconnected, it ignores the ICMP errors that its datagrams cause.
func udpSocketIn(t testing.TB, ns string) *net.UDPConn {
	t.Helper()
	var c *net.UDPConn
	inNetns(t, ns, func() (err error) {
		c, err = net.ListenUDP("udp4", &net.UDPAddr{})
		return err
	})
	t.Cleanup(func() { c.Close() })
	return c
}

// capture reads a Handle in the background, as the agent does, so that a
// test never holds the ring full.
type capture struct {
	h      *Handle
	stop   chan struct{}
	done   chan struct{}
	frames []frame
	err    error
}

func startCapture(h *Handle) *capture {
	c := &capture{h: h, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		stopping, idle := false, 0
		for !stopping || idle < 5 {
			select {
			case <-c.stop:
				stopping = true
			default:
			}
			n := len(c.frames)
			if c.err = c.h.Read(func(ts flow.Time, data []byte) {
				f := parse(data)
				f.t = ts
				c.frames = append(c.frames, f)
			}); c.err != nil {
				return
			}
			if len(c.frames) == n {
				idle++
			} else {
				idle = 0
			}
		}
	}()
	return c
}

// wait returns the frames once five Reads in a row brought none.
func (c *capture) wait(t testing.TB) []frame {
	t.Helper()
	close(c.stop)
	<-c.done
	if c.err != nil {
		t.Fatalf("Read: %v", c.err)
	}
	return c.frames
}

// frame is what the tests look at in a captured frame.
type frame struct {
	t       flow.Time
	len     int
	src     string
	etype   uint16 // after any VLAN tag
	vid     int    // VLAN ID, -1 if untagged
	arpOp   int    // ARP operation, 0 if not ARP
	icmp    int    // ICMP type, -1 if not ICMP
	udpPort int    // UDP destination port, 0 if not UDP
}

func parse(data []byte) frame {
	f := frame{len: len(data), vid: -1, icmp: -1}
	if len(data) < 14 {
		return f
	}
	f.src = net.HardwareAddr(data[6:12]).String()
	f.etype = binary.BigEndian.Uint16(data[12:])
	p := data[14:]
	if (f.etype == 0x8100 || f.etype == 0x88a8) && len(p) >= 4 {
		f.vid = int(binary.BigEndian.Uint16(p) & 0xfff)
		f.etype = binary.BigEndian.Uint16(p[2:])
		p = p[4:]
	}
	switch {
	case f.etype == 0x0806 && len(p) >= 8:
		f.arpOp = int(binary.BigEndian.Uint16(p[6:]))
	case f.etype == 0x0800 && len(p) >= 20:
		ihl := int(p[0]&0xf) * 4
		if len(p) < ihl+4 {
			break
		}
		switch p[9] {
		case 1:
			f.icmp = int(p[ihl])
		case 17:
			f.udpPort = int(binary.BigEndian.Uint16(p[ihl+2:]))
		}
	}
	return f
}

// drain reads h until quiet consecutive Reads bring no frame.
func drain(t testing.TB, h *Handle, quiet int) []frame {
	t.Helper()
	var out []frame
	for idle := 0; idle < quiet; {
		n := len(out)
		if err := h.Read(func(ts flow.Time, data []byte) {
			f := parse(data)
			f.t = ts
			out = append(out, f)
		}); err != nil {
			t.Fatalf("Read: %v", err)
		}
		if len(out) == n {
			idle++
		} else {
			idle = 0
		}
	}
	return out
}

// summary counts frames by kind and source.
func summary(fs []frame) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		k := fmt.Sprintf("%s ethertype %#04x", f.src, f.etype)
		switch {
		case f.arpOp == 1:
			k = f.src + " arp request"
		case f.arpOp == 2:
			k = f.src + " arp reply"
		case f.icmp == 8:
			k = f.src + " echo request"
		case f.icmp == 0:
			k = f.src + " echo reply"
		case f.udpPort != 0:
			k = fmt.Sprintf("%s udp to %d", f.src, f.udpPort)
		}
		if f.vid >= 0 {
			k += fmt.Sprintf(" vlan %d", f.vid)
		}
		m[k]++
	}
	return m
}

func fastConfig() Config {
	c := DefaultConfig()
	c.BlockTimeout = 10 * time.Millisecond
	return c
}

// ---- tests ----

// TestIngressOnly pings from one guest to the other: each port sees
// exactly what its guest sent, once, in time order, and nothing the bridge
// sent out of it.
func TestIngressOnly(t *testing.T) {
	l := newLab(t)
	h1, h2 := l.open(t, l.p1, fastConfig()), l.open(t, l.p2, fastConfig())
	c1, c2 := startCapture(h1), startCapture(h2)
	start := flow.FromTime(time.Now())
	ping(t, l.g1, "10.98.0.2", 20)
	end := flow.FromTime(time.Now())
	f1, f2 := c1.wait(t), c2.wait(t)

	g1, g2 := l.mac1.String(), l.mac2.String()
	if diff := cmp.Diff(summary(f1), map[string]int{g1 + " arp request": 1, g1 + " echo request": 20}); diff != "" {
		t.Errorf("frames on g1's port (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(summary(f2), map[string]int{g2 + " arp reply": 1, g2 + " echo reply": 20}); diff != "" {
		t.Errorf("frames on g2's port (-got +want):\n%s", diff)
	}
	for name, fs := range map[string][]frame{"p1": f1, "p2": f2} {
		for i, f := range fs {
			if f.t < start || f.t > end {
				t.Errorf("%s frame %d: time %s outside the ping's [%s, %s]", name, i, f.t.Std(), start.Std(), end.Std())
			}
			if i > 0 && f.t < fs[i-1].t {
				t.Errorf("%s frame %d: time %s before the previous frame's %s", name, i, f.t.Std(), fs[i-1].t.Std())
			}
		}
	}
	for name, c := range map[string]struct {
		h      *Handle
		frames int
	}{"p1": {h1, len(f1)}, "p2": {h2, len(f2)}} {
		st, err := c.h.Stats()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(st, Stats{Packets: uint64(c.frames)}); diff != "" {
			t.Errorf("%s Stats (-got +want):\n%s", name, diff)
		}
	}
}

// TestVLANTag sends tagged frames from a guest. The receive path moves
// the tag out of the frame into metadata before any tap sees it, and Read
// puts it back.
func TestVLANTag(t *testing.T) {
	l := newLab(t)
	h1 := l.open(t, l.p1, fastConfig())
	c1 := startCapture(h1)
	udp := udp4(net.IPv4(10, 98, 0, 1), net.IPv4(10, 98, 0, 2), 40000, 9, 18)
	frames := [][]byte{
		tagged(l.mac2, l.mac1, 0x8100, 100, 0x0800, udp),
		tagged(l.mac2, l.mac1, 0x8100, 100, 0x0800, udp),
		tagged(l.mac2, l.mac1, 0x88a8, 7, 0x0800, udp),
	}
	inNetns(t, l.g1, func() error {
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		eth0, err := net.InterfaceByName("eth0")
		if err != nil {
			return err
		}
		for _, f := range frames {
			if err := unix.Sendto(fd, f, 0, &unix.SockaddrLinklayer{Ifindex: eth0.Index}); err != nil {
				return err
			}
		}
		return nil
	})
	time.Sleep(50 * time.Millisecond)
	got := c1.wait(t)
	g1 := l.mac1.String()
	if diff := cmp.Diff(summary(got), map[string]int{g1 + " udp to 9 vlan 100": 2, g1 + " udp to 9 vlan 7": 1}); diff != "" {
		t.Errorf("frames on g1's port (-got +want):\n%s", diff)
	}
}

// tagged returns an Ethernet frame with one VLAN tag.
func tagged(dst, src net.HardwareAddr, tpid, vid, etype uint16, payload []byte) []byte {
	b := append(append([]byte{}, dst...), src...)
	b = binary.BigEndian.AppendUint16(b, tpid)
	b = binary.BigEndian.AppendUint16(b, vid)
	b = binary.BigEndian.AppendUint16(b, etype)
	return append(b, payload...)
}

// udp4 returns an IPv4 UDP packet with n payload bytes (checksums left 0:
// nothing but the capture reads it).
func udp4(src, dst net.IP, sport, dport uint16, n int) []byte {
	b := make([]byte, 28+n)
	b[0], b[8], b[9] = 0x45, 64, 17
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	copy(b[12:], src.To4())
	copy(b[16:], dst.To4())
	binary.BigEndian.PutUint16(b[20:], sport)
	binary.BigEndian.PutUint16(b[22:], dport)
	binary.BigEndian.PutUint16(b[24:], uint16(8+n))
	return b
}

// TestDrops fills a tiny ring without reading it: the kernel drops and
// counts, and Packets includes what it dropped.
func TestDrops(t *testing.T) {
	l := newLab(t)
	ping(t, l.g1, "10.98.0.2", 1) // resolve g2's MAC before the burst
	cfg := Config{BlockSize: os.Getpagesize(), NumBlocks: 2, BlockTimeout: 10 * time.Millisecond, Snaplen: 128}
	h1 := l.open(t, l.p1, cfg)
	c := udpSocketIn(t, l.g1)
	const sent = 50000
	dst := &net.UDPAddr{IP: net.IPv4(10, 98, 0, 2), Port: 9999}
	payload := make([]byte, 64)
	begin := time.Now()
	for i := range sent {
		if _, err := c.WriteToUDP(payload, dst); err != nil {
			t.Fatalf("send datagram %d: %v", i, err)
		}
	}
	burst := time.Since(begin)
	frames := drain(t, h1, 5)
	st, err := h1.Stats()
	if err != nil {
		t.Fatal(err)
	}
	udp := summary(frames)[l.mac1.String()+" udp to 9999"]
	t.Logf("sent %d datagrams in %s (%.0f/s); ring of 2×%d bytes: read %d frames (%d of them the datagrams); %+v",
		sent, burst, sent/burst.Seconds(), cfg.BlockSize, len(frames), udp, st)
	if st.Drops == 0 || st.Freezes == 0 {
		t.Errorf("no drop or freeze counted with a ring of 2 pages and a burst of %d: %+v", sent, st)
	}
	if got := uint64(len(frames)) + st.Drops + st.Outgoing; st.Packets != got {
		t.Errorf("Packets = %d, want frames read + Drops + Outgoing = %d", st.Packets, got)
	}
	// Every datagram reaches the port: the veth does not drop, so the
	// kernel either put it in the ring or counted it as dropped.
	if st.Packets < sent || st.Packets > sent+5 {
		t.Errorf("Packets = %d, want the %d datagrams sent (and at most a few ARP frames)", st.Packets, sent)
	}
}

// TestCloseUnblocksRead closes a Handle while Read waits on a quiet
// interface with a long block timeout.
func TestCloseUnblocksRead(t *testing.T) {
	requireLab(t)
	ns := netns(t, "lo")
	cfg := DefaultConfig()
	cfg.BlockTimeout = 10 * time.Second
	h, err := OpenInNetns(nsPath(ns), 1, cfg) // lo
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	var returned time.Time
	go func() {
		for {
			if err := h.Read(func(flow.Time, []byte) {}); err != nil {
				returned = time.Now()
				done <- err
				return
			}
		}
	}()
	time.Sleep(50 * time.Millisecond) // let Read reach poll
	closed := time.Now()
	if err := h.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	closeTook := time.Since(closed)
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("Read = %v, want ErrClosed", err)
		}
		t.Logf("Read returned %s after Close began, Close took %s", returned.Sub(closed), closeTook)
	case <-time.After(time.Second):
		t.Fatal("Read still blocked 1s after Close")
	}
	if err := h.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := h.Read(func(flow.Time, []byte) {}); !errors.Is(err, ErrClosed) {
		t.Errorf("Read after Close = %v, want ErrClosed", err)
	}
	if _, err := h.Stats(); err != nil {
		t.Errorf("Stats after Close: %v", err)
	}
}

// TestLoopbackSeenOnce captures on lo, where every frame is both sent and
// received: only the received copy comes out.
func TestLoopbackSeenOnce(t *testing.T) {
	requireLab(t)
	ns := netns(t, "lo")
	h, err := OpenInNetns(nsPath(ns), 1, fastConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	c := startCapture(h)
	ping(t, ns, "127.0.0.1", 10)
	got := summary(c.wait(t))
	zero := "00:00:00:00:00:00"
	if diff := cmp.Diff(got, map[string]int{zero + " echo request": 10, zero + " echo reply": 10}); diff != "" {
		t.Errorf("frames on lo (-got +want):\n%s", diff)
	}
}

// TestSnaplen sends large pings on lo: the socket filter cuts every frame
// to the snap length.
func TestSnaplen(t *testing.T) {
	requireLab(t)
	ns := netns(t, "lo")
	cfg := fastConfig()
	cfg.Snaplen = 64
	h, err := OpenInNetns(nsPath(ns), 1, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	c := startCapture(h)
	run(t, "ip", "netns", "exec", ns, "ping", "-q", "-c", "3", "-i", "0.01", "-s", "1000", "127.0.0.1")
	lens := map[int]int{}
	for _, f := range c.wait(t) {
		lens[f.len]++
	}
	if diff := cmp.Diff(lens, map[int]int{64: 6}); diff != "" {
		t.Errorf("frame lengths (-got +want):\n%s", diff)
	}
}

// TestDownAndGone takes a port down, up again, then deletes it.
func TestDownAndGone(t *testing.T) {
	l := newLab(t)
	h1 := l.open(t, l.p1, fastConfig())
	// readUntil reads until Read returns an error, failing after limit.
	readUntil := func(limit time.Duration) (int, error) {
		n := 0
		for deadline := time.Now().Add(limit); time.Now().Before(deadline); {
			if err := h1.Read(func(flow.Time, []byte) { n++ }); err != nil {
				return n, err
			}
		}
		return n, nil
	}
	run(t, "ip", "-n", l.br, "link", "set", "p1", "down")
	if _, err := readUntil(time.Second); !errors.Is(err, ErrDown) {
		t.Fatalf("Read after the port went down = %v, want ErrDown", err)
	}
	run(t, "ip", "-n", l.br, "link", "set", "p1", "up")
	time.Sleep(50 * time.Millisecond) // carrier
	ping(t, l.g1, "10.98.0.2", 3)
	if n, err := readUntil(200 * time.Millisecond); err != nil || n < 3 {
		t.Fatalf("after the port came back up: %d frames, %v; want at least 3 echo requests", n, err)
	}
	run(t, "ip", "-n", l.br, "link", "del", "p1")
	_, err := readUntil(time.Second)
	if errors.Is(err, ErrDown) {
		_, err = readUntil(time.Second)
	}
	if !errors.Is(err, ErrGone) {
		t.Fatalf("Read after the port was deleted = %v, want ErrGone", err)
	}
	if _, err := readUntil(100 * time.Millisecond); !errors.Is(err, ErrGone) {
		t.Errorf("next Read = %v, want ErrGone again", err)
	}
}

// TestOpenErrors checks that every failure says what went wrong and with
// which interface. Without root, it checks the advice about CAP_NET_RAW.
func TestOpenErrors(t *testing.T) {
	bad := DefaultConfig()
	bad.NumBlocks = 1
	tests := []struct {
		name    string
		open    func() (*Handle, error)
		root    bool     // meaningful as root only
		want    []string // substrings of the error
		wantErr error
	}{
		{"index 0 would mean every interface", func() (*Handle, error) { return Open(0, DefaultConfig()) }, false,
			[]string{"open ifindex 0: not an interface index"}, nil},
		{"negative index", func() (*Handle, error) { return Open(-3, DefaultConfig()) }, false,
			[]string{"ifindex -3"}, nil},
		{"bad config names its key", func() (*Handle, error) { return Open(1, bad) }, false,
			[]string{"open ifindex 1: num_blocks: 1"}, nil},
		{"no such interface", func() (*Handle, error) { return Open(1<<30, DefaultConfig()) }, true,
			[]string{"open ifindex 1073741824: bind: no such interface in this network namespace"}, unix.ENODEV},
		{"no such interface in a namespace", func() (*Handle, error) { return OpenInNetns("/proc/self/ns/net", 1<<30, DefaultConfig()) }, true,
			[]string{"open ifindex 1073741824 in /proc/self/ns/net: bind: no such interface"}, unix.ENODEV},
		{"no such namespace", func() (*Handle, error) { return OpenInNetns("/run/netns/ctafp-none", 1, DefaultConfig()) }, true,
			[]string{"open ifindex 1 in /run/netns/ctafp-none: open network namespace"}, unix.ENOENT},
		{"not a network namespace", func() (*Handle, error) { return OpenInNetns("/proc/self/ns/uts", 1, DefaultConfig()) }, true,
			[]string{"not a network namespace"}, unix.EINVAL},
		{"unprivileged", func() (*Handle, error) { return Open(1, DefaultConfig()) }, false,
			[]string{"open ifindex 1: create AF_PACKET socket: needs CAP_NET_RAW"}, unix.EPERM},
	}
	root := os.Geteuid() == 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "unprivileged" && root {
				t.Skip("runs without root only")
			}
			if tt.root && !root {
				requireLab(t)
			}
			h, err := tt.open()
			if err == nil {
				h.Close()
				t.Fatal("Open succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %q does not wrap %v", err, tt.wantErr)
			}
		})
	}
}

// TestNoGoroutineLeft opens and closes handles, in and out of namespaces,
// and checks that no goroutine is left behind.
func TestNoGoroutineLeft(t *testing.T) {
	requireLab(t)
	ns := netns(t, "lo")
	before := runtime.NumGoroutine()
	for range 20 {
		h, err := OpenInNetns(nsPath(ns), 1, fastConfig())
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Read(func(flow.Time, []byte) {}); err != nil {
			t.Fatal(err)
		}
		if err := h.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// BenchmarkRead measures frames per second through the ring, with a
// guest sending UDP as fast as it can; b.N is the number of frames read.
func BenchmarkRead(b *testing.B) {
	l := newLab(b)
	ping(b, l.g1, "10.98.0.2", 1)
	h1 := l.open(b, l.p1, DefaultConfig())
	c := udpSocketIn(b, l.g1)
	stop := make(chan struct{})
	sent := make(chan int, 1)
	go func() {
		dst := &net.UDPAddr{IP: net.IPv4(10, 98, 0, 2), Port: 9999}
		payload := make([]byte, 64)
		n := 0
		defer func() { sent <- n }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			for range 64 {
				if _, err := c.WriteToUDP(payload, dst); err == nil {
					n++
				}
			}
		}
	}()
	frames, bytesSeen := 0, 0
	fn := func(_ flow.Time, data []byte) { frames++; bytesSeen += len(data) }
	st0, _ := h1.Stats()
	b.ReportAllocs()
	b.ResetTimer()
	for frames < b.N {
		if err := h1.Read(fn); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	<-sent
	st, _ := h1.Stats()
	b.ReportMetric(float64(frames)/b.Elapsed().Seconds(), "frames/s")
	b.ReportMetric(float64(st.Drops-st0.Drops), "drops")
}
