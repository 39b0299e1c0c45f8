//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"errors"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// sweepBatch is how many flows a batch lookup reads at once.
const sweepBatch = 4096

// sweeper is the state of the periodic pass over the flow map (Read's
// goroutine only, but for the counters).
type sweeper struct {
	next time.Time
	keys []bpfFlowKey
	vals []bpfFlow
	// noBatch is set when the kernel refused batch lookups.
	noBatch bool

	sweeps, reported, removed atomic.Uint64
}

func monoNow() uint64 {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}

// sweepFlows walks the flow map once: a flow quiet for a report interval
// with counters no event has carried gets them reported now (an update,
// timed at its last packet), and a flow idle past its timeout is reported
// if need be and removed, as the kernel would on its next packet.
//
// Writing back what was reported races with a packet of the flow that
// arrives between the read and the write: that packet's counts are lost.
// The flow has been quiet for a report interval, so that is rare.
func (d *Datapath) sweepFlows(fn func(*flow.Event), ev *flow.Event) {
	s := &d.sweep
	s.sweeps.Add(1)
	if s.keys == nil {
		s.keys = make([]bpfFlowKey, sweepBatch)
		s.vals = make([]bpfFlow, sweepBatch)
	}
	now := monoNow()
	visit := func(k *bpfFlowKey, f *bpfFlow) {
		idle := uint64(d.cfg.OtherIdle)
		switch {
		case f.State&stClosed != 0:
			idle = uint64(d.cfg.ClosedIdle)
		case k.Proto == flow.ProtoTCP:
			idle = uint64(d.cfg.TCPIdle)
		}
		expired := now > f.LastNs+idle
		pending := f.Packets != f.RepPackets
		if pending && (expired || now >= f.ReportNs+uint64(d.cfg.ReportInterval)) {
			var e bpfEvent
			fillEvent(&e, k, f)
			raw := unsafe.Slice((*byte)(unsafe.Pointer(&e)), eventSize)
			d.conv.convert(raw, ev, fn, nil, nil)
			s.reported.Add(1)
			if !expired {
				f.RepPackets, f.RepBytes, f.RepPayload = f.Packets, f.Bytes, f.Payload
				f.PendFlags = 0
				f.ReportNs = now
				d.objs.Flows.Update(k, f, ebpf.UpdateExist)
			}
		}
		if expired && d.objs.Flows.Delete(k) == nil {
			s.removed.Add(1)
		}
	}
	if !s.noBatch {
		var cursor ebpf.MapBatchCursor
		for {
			n, err := d.objs.Flows.BatchLookup(&cursor, s.keys, s.vals, nil)
			for i := range n {
				visit(&s.keys[i], &s.vals[i])
			}
			if err == nil {
				continue
			}
			if errors.Is(err, ebpf.ErrKeyNotExist) {
				return // the end
			}
			if errors.Is(err, ebpf.ErrNotSupported) {
				s.noBatch = true
				break
			}
			return // try again next time
		}
	}
	var k bpfFlowKey
	var f bpfFlow
	it := d.objs.Flows.Iterate()
	for it.Next(&k, &f) {
		visit(&k, &f)
	}
}

// stClosed is CT_ST_CLOSED.
const stClosed = 1 << 3

// fillEvent makes an update record of a flow's unreported counters.
func fillEvent(e *bpfEvent, k *bpfFlowKey, f *bpfFlow) {
	e.TimeNs = f.LastNs
	e.FirstNs = f.FirstNs
	e.Key = *k
	e.Kind = kindUpdate
	for i := range 2 {
		e.Packets[i] = f.Packets[i] - f.RepPackets[i]
		e.Bytes[i] = f.Bytes[i] - f.RepBytes[i]
		e.Payload[i] = f.Payload[i] - f.RepPayload[i]
		e.Flags[i] = uint8(f.PendFlags >> (8 * i))
	}
	e.FirstFlags = f.FirstFlags
	e.Ifindex = f.Ifindex
	e.Port = f.Ifindex[0]
	e.Mac = f.Mac
	e.Vlan = f.Vlan
	e.Outcome = f.Outcome
	e.Verdict = f.Verdict
	e.Rule = f.Rule
}
