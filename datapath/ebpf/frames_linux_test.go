//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"encoding/binary"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Frames for Program.Run, built by hand: checksums are left zero, the
// programs never read them.

func be16(b []byte, v uint16) { binary.BigEndian.PutUint16(b, v) }

func ether(dst, src flow.MAC, etype uint16, payload []byte) []byte {
	b := make([]byte, 14, 14+len(payload))
	copy(b[0:6], dst[:])
	copy(b[6:12], src[:])
	be16(b[12:], etype)
	return append(b, payload...)
}

// tagged inserts an 802.1Q tag with VLAN id after the MACs.
func tagged(frame []byte, id uint16) []byte {
	b := make([]byte, 0, len(frame)+4)
	b = append(b, frame[:12]...)
	b = append(b, 0x81, 0x00, byte(id>>8), byte(id))
	return append(b, frame[12:]...)
}

func ip4(s string) []byte { a := flow.MustParseAddr(s); return a[12:] }
func ip6(s string) []byte { a := flow.MustParseAddr(s); return a[:] }

// ipv4 builds an IPv4 packet; opts (a multiple of 4 bytes) extend the
// header, frag is the fragment offset field (flags and offset).
func ipv4(src, dst string, proto uint8, l4 []byte, opts []byte, frag uint16) []byte {
	hl := 20 + len(opts)
	b := make([]byte, hl, hl+len(l4))
	b[0] = 0x40 | byte(hl/4)
	be16(b[2:], uint16(hl+len(l4)))
	be16(b[6:], frag)
	b[8] = 64
	b[9] = proto
	copy(b[12:16], ip4(src))
	copy(b[16:20], ip4(dst))
	copy(b[20:], opts)
	return append(b, l4...)
}

func ipv6(src, dst string, nh uint8, l4 []byte) []byte {
	b := make([]byte, 40, 40+len(l4))
	b[0] = 0x60
	be16(b[4:], uint16(len(l4)))
	b[6] = nh
	b[7] = 64
	copy(b[8:24], ip6(src))
	copy(b[24:40], ip6(dst))
	return append(b, l4...)
}

func tcp(sport, dport uint16, flags flow.TCPFlags, payload []byte) []byte {
	b := make([]byte, 20, 20+len(payload))
	be16(b[0:], sport)
	be16(b[2:], dport)
	b[12] = 5 << 4
	b[13] = byte(flags)
	be16(b[14:], 65535)
	return append(b, payload...)
}

func udp(sport, dport uint16, payload []byte) []byte {
	b := make([]byte, 8, 8+len(payload))
	be16(b[0:], sport)
	be16(b[2:], dport)
	be16(b[4:], uint16(8+len(payload)))
	return append(b, payload...)
}

// icmp builds an ICMP or ICMPv6 message; id goes in bytes 4-5 (echo), body
// after the 8-byte header (the quoted packet of an error).
func icmp(typ, code uint8, id uint16, body []byte) []byte {
	b := make([]byte, 8, 8+len(body))
	b[0], b[1] = typ, code
	be16(b[4:], id)
	return append(b, body...)
}

func arpBody(op uint16, sha flow.MAC, spa string, tpa string) []byte {
	b := make([]byte, 28)
	be16(b[0:], 1)
	be16(b[2:], 0x0800)
	b[4], b[5] = 6, 4
	be16(b[6:], op)
	copy(b[8:14], sha[:])
	copy(b[14:18], ip4(spa))
	copy(b[24:28], ip4(tpa))
	return b
}

// skbCtx is the head of struct __sk_buff, up to ifindex: what a test run
// may set. Everything after is zero.
type skbCtx struct {
	Len, PktType, Mark, QueueMapping, Protocol, VlanPresent, VlanTCI, VlanProto, Priority uint32
	IngressIfindex, Ifindex                                                               uint32
}

// requireBPF skips a test that needs root and a BPF-capable kernel, but
// fails it when CI is set: CI must never skip silently.
func requireBPF(t testing.TB) {
	t.Helper()
	if os.Geteuid() == 0 {
		if ok, why := Supported(); ok {
			return
		} else if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but the eBPF datapath is not supported: %s", why)
		} else {
			t.Skipf("eBPF datapath not supported: %s", why)
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but the test does not run as root: BPF programs need it")
	}
	t.Skip("needs root (BPF programs, tcx)")
}

// loTest is a loaded datapath whose programs run on crafted frames.
type loTest struct {
	t *testing.T
	d *Datapath
	// spoofs collects the spoof events drain read.
	spoofs []SpoofEvent
}

// Port numbers of the test runs: a test run's skb is on the loopback
// device, so the hook port is lo's ifindex.
const (
	loIfindex = 1
	elsewhere = 77 // an ingress_ifindex that is not registered
)

func newLoTest(t *testing.T, cfg Config) *loTest {
	t.Helper()
	requireBPF(t)
	cfg.PinPath = ""
	d, err := Load(cfg)
	if err != nil {
		t.Fatalf("load: %+v", err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.register(loIfindex); err != nil {
		t.Fatal(err)
	}
	return &loTest{t: t, d: d}
}

// in runs the ingress program on frame (the guest behind lo sent it).
func (l *loTest) in(frame []byte) {
	l.t.Helper()
	l.run(l.d.objs.PortIngress, frame, skbCtx{Ifindex: loIfindex})
}

// out runs the egress program on frame, as if it had entered the switch
// on ingress.
func (l *loTest) out(frame []byte, ingress uint32) {
	l.t.Helper()
	l.run(l.d.objs.PortEgress, frame, skbCtx{Ifindex: loIfindex, IngressIfindex: ingress})
}

// ctNext is the programs' return value, -1 (TCX_NEXT, TC_ACT_UNSPEC).
const ctNext = ^uint32(0)

func (l *loTest) run(p *ebpf.Program, frame []byte, ctx skbCtx) {
	l.t.Helper()
	ret, err := p.Run(&ebpf.RunOptions{Data: frame, Context: ctx})
	if err != nil {
		l.t.Fatalf("run: %v", err)
	}
	if ret != ctNext {
		l.t.Fatalf("program returned %d, want -1 (TCX_NEXT)", int32(ret))
	}
}

// drain returns what the ring buffer holds now, raw and converted (times
// zeroed in the converted events, after checking that they are recent).
func (l *loTest) drain() ([]bpfEvent, []flow.Event) {
	l.t.Helper()
	var raws []bpfEvent
	var evs []flow.Event
	var rec ringbuf.Record
	var ev flow.Event
	var sp SpoofEvent
	l.d.rd.SetDeadline(time.Now())
	for {
		err := l.d.rd.ReadInto(&rec)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return raws, evs
		}
		if err != nil {
			l.t.Fatalf("read ring buffer: %v", err)
		}
		var raw bpfEvent
		copy((*[eventSize]byte)(ptrOf(&raw))[:], rec.RawSample)
		raws = append(raws, raw)
		ok := l.d.conv.convert(rec.RawSample, &ev, func(e *flow.Event) {
			if d := time.Since(e.Time.Std()); d < 0 || d > time.Minute {
				l.t.Errorf("event time %s is %s from now", e.Time.Std(), d)
			}
			c := *e
			c.Time = 0
			evs = append(evs, c)
		}, &sp, func(s *SpoofEvent) {
			c := *s
			c.Time = 0
			l.spoofs = append(l.spoofs, c)
		})
		if !ok {
			l.t.Fatalf("record of %d bytes not converted", len(rec.RawSample))
		}
	}
}

func (l *loTest) stats() PortStats {
	l.t.Helper()
	s, err := l.d.Stats()
	if err != nil {
		l.t.Fatal(err)
	}
	return s.Ports[loIfindex]
}

func (l *loTest) flowOf(k flow.Key) (bpfFlow, bool) {
	l.t.Helper()
	key := bpfFlowKey{Saddr: k.Src, Daddr: k.Dst, Sport: k.SrcPort, Dport: k.DstPort, Proto: k.Proto, Family: 6}
	if k.Src.Is4() {
		key.Family = 4
	}
	var v bpfFlow
	err := l.d.objs.Flows.Lookup(&key, &v)
	if errors.Is(err, ebpf.ErrKeyNotExist) {
		return v, false
	}
	if err != nil {
		l.t.Fatal(err)
	}
	return v, true
}
