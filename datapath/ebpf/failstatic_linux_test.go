//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf/link"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// failStaticEnv makes the test binary the loader child of
// TestNetnsFailStatic: "pinpath switch-netns portA portB attach".
const failStaticEnv = "CROSSTALK_EBPF_FAILSTATIC"

// Ports of guest B: 8080 is allowed from A, 8081 denied (rule 0).
const (
	allowedPort = 8080
	deniedPort  = 8081
)

func failStaticTables(portA, portB int) Tables {
	return Tables{
		PortIdentities: map[int]uint32{portA: idA, portB: idB},
		AddrIdentities: map[flow.Addr]uint32{guestA: idA, guestB: idB},
		Entries: []PolicyEntry{
			{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: deniedPort, Hi: deniedPort, Action: flow.VerdictDenied, Rule: 0},
			{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: allowedPort, Hi: allowedPort, Action: flow.VerdictAllowed, Rule: 1},
		},
	}
}

// setns runs fn on a thread in network namespace ns (no testing.T: the
// child has none to report to).
func setns(ns string, fn func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		f, err := os.Open("/run/netns/" + ns)
		if err != nil {
			errc <- err
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- err
			return
		}
		errc <- fn()
	}()
	return <-errc
}

// failStaticChild loads the datapath on the pin path, attaches the lab's
// ports, applies the policy, says "ready" and serves until it is killed.
func failStaticChild(arg string) {
	f := strings.Fields(arg)
	portA, _ := strconv.Atoi(f[2])
	portB, _ := strconv.Atoi(f[3])
	cfg := DefaultConfig()
	cfg.PinPath, cfg.Attach = f[0], f[4]
	d, err := Load(cfg)
	if err == nil {
		err = setns(f[1], func() error { return errors.Join(d.Attach(portA), d.Attach(portB)) })
	}
	if err == nil {
		err = d.SetPolicy(failStaticTables(portA, portB))
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	d.Read(func(*flow.Event) {})
	os.Exit(0)
}

// TestNetnsFailStatic: a policy denies A→B on one TCP port and allows
// another; the process that loaded the datapath is killed with SIGKILL and
// the deny still holds while nobody runs; a new Load adopts the pinned
// state (hit counters continue), a Load of changed programs replaces them
// without a gap, and Cleanup leaves nothing behind. Both ways of
// attaching: tcx links, and the tc filters of kernels before tcx.
func TestNetnsFailStatic(t *testing.T) {
	if arg := os.Getenv(failStaticEnv); arg != "" {
		failStaticChild(arg)
		return
	}
	requireBPF(t)
	for _, attach := range []string{"tcx", "tc"} {
		t.Run(attach, func(t *testing.T) { testFailStatic(t, attach) })
	}
}

func testFailStatic(t *testing.T, attach string) {
	l := newLab(t)
	// The pin path is on no bpffs: Load mounts one on it.
	pinPath := filepath.Join(t.TempDir(), "bpf")
	// Load and Cleanup look for tc filters in the namespace they run
	// in: the switch's.
	cleanup := func() (err error) {
		inNetns(t, l.sw, func() { err = Cleanup(pinPath) })
		return err
	}
	t.Cleanup(func() {
		if err := cleanup(); err != nil {
			t.Error(err)
		}
		unix.Unmount(pinPath, unix.MNT_DETACH)
	})
	load := func(cfg Config) (d *Datapath, err error) {
		inNetns(t, l.sw, func() { d, err = Load(cfg) })
		return d, err
	}

	// B serves both ports and counts the connections it accepts.
	var accepted [2]atomic.Int32
	for i, port := range []int{allowedPort, deniedPort} {
		inNetns(t, l.b, func() {
			ln, err := net.Listen("tcp4", fmt.Sprintf("%s:%d", guestB, port))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ln.Close() })
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					accepted[i].Add(1)
					c.Close()
				}
			}()
		})
	}
	dial := func(port int) error {
		var err error
		inNetns(t, l.a, func() {
			var c net.Conn
			if c, err = net.DialTimeout("tcp4", fmt.Sprintf("%s:%d", guestB, port), time.Second); err == nil {
				c.Close()
			}
		})
		return err
	}
	enforced := func(when string) {
		t.Helper()
		if err := dial(allowedPort); err != nil {
			t.Errorf("%s: allowed port: %v", when, err)
		}
		if err := dial(deniedPort); err == nil {
			t.Errorf("%s: denied port connected", when)
		} else if ne := (net.Error)(nil); !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("%s: denied port: %v, want a timeout (the SYNs dropped)", when, err)
		}
		if n := accepted[1].Load(); n != 0 {
			t.Errorf("%s: B accepted %d connections on the denied port", when, n)
		}
	}

	// The child loads, attaches and applies; then it is killed.
	cmd := exec.Command(os.Args[0], "-test.run", "^TestNetnsFailStatic$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d %d %s", failStaticEnv, pinPath, l.sw, l.portA, l.portB, attach))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if line := sc.Text(); line == "ready" || strings.HasPrefix(line, "error:") {
				ready <- line
				return
			}
		}
		ready <- "exited"
	}()
	select {
	case line := <-ready:
		if line != "ready" {
			t.Fatalf("loader child: %s", line)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("loader child not ready after 20 s")
	}
	enforced("loader running")
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	enforced("loader killed")

	// A new Load adopts what is pinned.
	cfg := DefaultConfig()
	cfg.PinPath, cfg.Attach = pinPath, attach
	d, err := load(cfg)
	if err != nil {
		t.Fatalf("load after the kill: %+v", err)
	}
	want := Adoption{Adopted: true, Ports: []int{l.portA, l.portB}}
	if diff := cmp.Diff(d.Adoption(), want); diff != "" {
		t.Errorf("adoption (-got +want):\n%s", diff)
	}
	if _, err := load(cfg); !errors.Is(err, ErrBusy) {
		t.Errorf("second Load on a held pin path: %v, want ErrBusy", err)
	}
	hits, err := d.RuleHits()
	if err != nil {
		t.Fatal(err)
	}
	// One flow per connection attempt, before and after the kill.
	if diff := cmp.Diff(hits, []uint64{2, 2}); diff != "" {
		t.Errorf("rule hits after adoption (-got +want):\n%s", diff)
	}
	enforced("adopted")
	if hits, _ = d.RuleHits(); !cmp.Equal(hits, []uint64{3, 3}) {
		t.Errorf("rule hits after one more round: %v, want [3 3]", hits)
	}
	d.Close()

	// A Load with other settings has other programs: the links move to
	// them, the maps stay.
	cfg.StartRate = 12345
	d, err = load(cfg)
	if err != nil {
		t.Fatalf("load with new settings: %+v", err)
	}
	if a := d.Adoption(); !a.Adopted || !a.Replaced || a.MapsReplaced || len(a.Ports) != 2 {
		t.Errorf("adoption with new settings: %+v", a)
	}
	t.Logf("adoption with new settings: %+v", d.Adoption())
	enforced("programs replaced")
	if hits, _ = d.RuleHits(); !cmp.Equal(hits, []uint64{4, 4}) {
		t.Errorf("rule hits after the replacement: %v, want [4 4]", hits)
	}
	var ids []link.ID
	for _, ls := range d.links {
		for _, h := range ls {
			th, ok := h.(*tcxHook)
			if !ok {
				continue
			}
			info, err := th.l.Info()
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, info.ID)
		}
	}
	if n := map[string]int{"tcx": 4, "tc": 0}[attach]; len(ids) != n {
		t.Errorf("%d tcx links, want %d", len(ids), n)
	}
	d.Close()

	// Cleanup detaches and removes everything.
	if err := cleanup(); err != nil {
		t.Fatal(err)
	}
	inNetns(t, l.sw, func() {
		c, err := dialNetlink()
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if fs, err := c.tcFind(); err != nil || len(fs) != 0 {
			t.Errorf("tc filters after Cleanup: %v, %v", fs, err)
		}
	})
	if entries, err := os.ReadDir(pinPath); err == nil {
		for _, e := range entries {
			if !kernelOwned(e.Name()) {
				t.Errorf("pin left after Cleanup: %s", e.Name())
			}
		}
	}
	for _, id := range ids {
		if ln, err := link.NewFromID(id); err == nil {
			ln.Close()
			t.Errorf("link %d still exists after Cleanup", id)
		}
	}
	// The kernel releases an unpinned link from a work queue: the first
	// SYN may still meet the program, a retransmission does not.
	var after error
	inNetns(t, l.a, func() {
		var c net.Conn
		if c, after = net.DialTimeout("tcp4", fmt.Sprintf("%s:%d", guestB, deniedPort), 5*time.Second); after == nil {
			c.Close()
		}
	})
	if after != nil {
		t.Errorf("denied port after Cleanup (nothing enforces): %v", after)
	}
}

// TestPinsAdoptAndRemove: the tables and counters of a pinned datapath
// survive Close and the next Load; maps of another size are replaced and
// said so; Remove leaves nothing.
func TestPinsAdoptAndRemove(t *testing.T) {
	requireBPF(t)
	pinPath := filepath.Join(t.TempDir(), "bpf")
	t.Cleanup(func() { Cleanup(pinPath); unix.Unmount(pinPath, unix.MNT_DETACH) })
	cfg := DefaultConfig()
	cfg.PinPath = pinPath
	load := func() *Datapath {
		t.Helper()
		d, err := Load(cfg)
		if err != nil {
			t.Fatalf("load: %+v", err)
		}
		if err := d.register(loIfindex); err != nil {
			t.Fatal(err)
		}
		return d
	}
	deny := testTables(PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 23, Hi: 23, Action: flow.VerdictDenied, Rule: 0})
	d := load()
	if a := d.Adoption(); a.Adopted || a.Replaced || a.MapsReplaced {
		t.Errorf("first load: %+v", a)
	}
	if err := d.SetPolicy(deny); err != nil {
		t.Fatal(err)
	}
	l := &loTest{t: t, d: d}
	if l.inRet(aToB(0x0800, tcp4(a4, b4, 40000, 23, flow.SYN))) != ctDrop {
		t.Fatal("denied flow passed")
	}
	d.Close()

	d = load()
	l = &loTest{t: t, d: d}
	if a := d.Adoption(); !a.Adopted || a.Replaced || a.MapsReplaced {
		t.Errorf("second load: %+v", a)
	}
	// The tables held: a new flow is denied without a SetPolicy.
	if l.inRet(aToB(0x0800, tcp4(a4, b4, 40001, 23, flow.SYN))) != ctDrop {
		t.Error("denied flow passed after adoption")
	}
	if hits, _ := d.RuleHits(); !cmp.Equal(hits, []uint64{2}) {
		t.Errorf("hits after adoption %v, want [2]", hits)
	}
	if st := l.stats(); st.DroppedPolicy != 2 {
		t.Errorf("port counters after adoption: %d dropped, want 2", st.DroppedPolicy)
	}
	d.Close()

	cfg.FlowMapSize = 1 << 12
	d = load()
	l = &loTest{t: t, d: d}
	if a := d.Adoption(); a.Adopted || !a.MapsReplaced || a.Reason == "" {
		t.Errorf("load with a smaller flow map: %+v", a)
	}
	if l.inRet(aToB(0x0800, tcp4(a4, b4, 40002, 23, flow.SYN))) != ctNext {
		t.Error("fresh maps hold the old tables")
	}
	if err := d.Remove(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(pinPath)
	for _, e := range entries {
		if !kernelOwned(e.Name()) {
			t.Errorf("pin left after Remove: %s", e.Name())
		}
	}
}
