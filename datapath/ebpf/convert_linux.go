//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"fmt"
	"math"
	"math/bits"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Event kinds of the ring buffer (CT_EV_* in bpf/ct.h).
const (
	kindStart     = 1
	kindReply     = 2
	kindICMPError = 3
	kindClose     = 4
	kindUpdate    = 5
	kindARP       = 6
	kindSpoof     = 7
)

// ruleQuarantine is CT_RULE_QUARANTINE.
const ruleQuarantine = 0xffffffff

// Outcomes the kernel decided (CT_OUT_*, the values of flowtable.Outcome).
const (
	outcomeNone        = 0
	outcomeAnswered    = 2
	outcomeRefusedRST  = 3
	outcomeRefusedICMP = 4
)

// eventSize is the size of struct event; a test checks it against the
// object's BTF.
const eventSize = int(unsafe.Sizeof(bpfEvent{}))

// converter turns ring buffer records into flow events.
type converter struct {
	// offset turns the kernel's monotonic clock (bpf_ktime_get_ns) into
	// Unix time. It is measured once: a wall clock step later shifts
	// event times, as it would shift AF_PACKET's timestamps.
	offset int64
}

func newConverter() (converter, error) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return converter{}, fmt.Errorf("read monotonic clock: %w", err)
	}
	return converter{offset: time.Now().UnixNano() - ts.Nano()}, nil
}

// mono turns a wall clock time into the kernel's clock.
func (c *converter) mono(t time.Time) uint64 {
	ns := t.UnixNano() - c.offset
	if ns < 0 {
		return 0
	}
	return uint64(ns)
}

func (c *converter) time(ns uint64) flow.Time {
	if ns == 0 {
		return 0
	}
	return flow.Time(int64(ns) + c.offset)
}

// convert calls fn for each flow event a record stands for, filling ev
// (owned by the caller, reused), or spoof for a spoof record (filling sp;
// spoof may be nil). It reports false for a record it cannot read.
//
// A flow record carries counter deltas for both directions since the
// previous record of its flow; each direction with packets becomes one
// flow.EventPacket, the initiator's first, so that the flow table sees a
// start before its answer. An ICMP refusal becomes the two directions'
// deltas, then a flow.EventICMPError about the flow's key.
func (c *converter) convert(raw []byte, ev *flow.Event, fn func(*flow.Event), sp *SpoofEvent, spoof func(*SpoofEvent)) bool {
	if len(raw) < eventSize {
		return false
	}
	// The ring buffer hands out 8-byte aligned records, and RawSample is
	// a copy in a Go allocation, aligned too.
	e := (*bpfEvent)(unsafe.Pointer(unsafe.SliceData(raw)))
	t := c.time(e.TimeNs)
	switch e.Kind {
	case kindARP:
		*ev = flow.Event{}
		ev.Time = t
		ev.Kind = flow.EventARP
		ev.Port = e.Port
		ev.VLAN = e.Vlan
		ev.Key.Src = flow.Addr(e.Key.Saddr)
		ev.Key.Dst = flow.Addr(e.Key.Daddr)
		ev.SrcMAC = flow.MAC(e.Mac[0])
		ev.DstMAC = flow.MAC(e.Mac[1])
		ev.ARPOp = e.ArpOp
		ev.ARPSender = flow.MAC(e.Extra[:6])
		fn(ev)
		return true
	case kindSpoof:
		if spoof == nil {
			return true
		}
		*sp = SpoofEvent{
			Time: t, Port: int(e.Port), What: SpoofWhat(e.Reason), Dropped: e.Verdict == uint8(flow.VerdictDenied),
			VLAN: e.Vlan, SrcMAC: flow.MAC(e.Mac[0]), DstMAC: flow.MAC(e.Mac[1]),
			Src: flow.Addr(e.Key.Saddr), Dst: flow.Addr(e.Key.Daddr), Proto: e.Key.Proto,
			SrcPort: e.Key.Sport, DstPort: e.Key.Dport, ARPOp: e.ArpOp,
		}
		if e.ArpOp != 0 {
			sp.ARPSender = flow.MAC(e.Extra[:6])
		}
		spoof(sp)
		return true
	case kindStart, kindReply, kindClose, kindUpdate, kindICMPError:
	default:
		return false
	}
	rule := e.Rule
	if rule == ruleQuarantine {
		rule = RuleQuarantine
	}
	key := flow.Key{
		Src:     flow.Addr(e.Key.Saddr),
		Dst:     flow.Addr(e.Key.Daddr),
		SrcPort: e.Key.Sport,
		DstPort: e.Key.Dport,
		Proto:   e.Key.Proto,
	}
	for dir := range 2 {
		if e.Packets[dir] == 0 {
			continue
		}
		*ev = flow.Event{}
		ev.Time = t
		ev.Kind = flow.EventPacket
		ev.Port = e.Ifindex[dir]
		ev.VLAN = e.Vlan
		ev.SrcMAC = flow.MAC(e.Mac[dir])
		ev.DstMAC = flow.MAC(e.Mac[1-dir])
		if dir == 0 {
			ev.Key = key
		} else {
			ev.Key = key.Reverse()
		}
		ev.Packets = uint32(min(e.Packets[dir], math.MaxUint32))
		ev.Bytes = e.Bytes[dir]
		ev.Payload = e.Payload[dir]
		ev.Flags = flow.TCPFlags(e.Flags[dir])
		ev.FirstFlags = ev.Flags
		ev.Verdict = flow.Verdict(e.Verdict)
		ev.Rule = rule
		// Only a start opens a flow: the rest continue one (the table may
		// have ended it meanwhile: its idle timeout, a close).
		ev.Continued = e.Kind != kindStart
		if e.Kind == kindStart || e.Kind == kindReply && dir == 1 {
			// This record holds the direction's first packet.
			ev.FirstFlags = flow.TCPFlags(e.FirstFlags[dir])
		}
		fn(ev)
	}
	if e.Kind == kindICMPError {
		*ev = flow.Event{}
		ev.Time = t
		ev.Kind = flow.EventICMPError
		ev.Port = e.Port
		ev.VLAN = e.Vlan
		ev.Key.Src = flow.Addr(e.Extra)
		ev.Key.Dst = key.Src
		ev.Key.Proto = flow.ProtoICMP
		if !key.Src.Is4() {
			ev.Key.Proto = flow.ProtoICMPv6
		}
		ev.ICMPType, ev.ICMPCode = e.IcmpType, e.IcmpCode
		ev.Inner = key
		fn(ev)
	}
	return true
}

// linearCount estimates the number of distinct values hashed into a
// bitmap: m ln(m / zero bits). A full bitmap gives the estimate for one
// zero bit, a lower bound.
func linearCount(words [4]uint64) int {
	const m = 256
	set := 0
	for _, w := range words {
		set += bits.OnesCount64(w)
	}
	zero := m - set
	if zero == 0 {
		zero = 1
	}
	return int(math.Round(m * math.Log(float64(m)/float64(zero))))
}
