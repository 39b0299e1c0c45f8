//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/features"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// otherPort is the map key of the counters and buckets shared by frames on
// interfaces that were never attached (key 0 is no ifindex).
const otherPort = 0

// Datapath is the loaded port programs and their maps.
type Datapath struct {
	cfg  Config
	objs bpfObjects
	rd   *ringbuf.Reader
	conv converter
	ncpu int

	mu    sync.Mutex
	links map[int][2]link.Link

	closed     atomic.Bool
	records    atomic.Uint64
	badRecords atomic.Uint64

	loadTime time.Duration
	sizes    map[string]int
}

// Load loads the port programs and creates their maps, sized by cfg. It
// attaches nothing: call Attach for each port.
func Load(cfg Config) (*Datapath, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	spec, err := loadBpf()
	if err != nil {
		return nil, fmt.Errorf("load ebpf spec: %w", err)
	}
	spec.Maps["flows"].MaxEntries = uint32(cfg.FlowMapSize)
	spec.Maps["events"].MaxEntries = uint32(cfg.RingBufSize)
	// One more than MaxPorts: the shared entry of unattached interfaces.
	spec.Maps["ports"].MaxEntries = uint32(cfg.MaxPorts + 1)
	spec.Maps["stats"].MaxEntries = uint32(cfg.MaxPorts + 1)
	spec.Maps["storms"].MaxEntries = uint32(cfg.StormMapSize)
	startEvery, startTol := interval(cfg.StartRate, cfg.StartBurst)
	arpEvery, arpTol := interval(cfg.ARPRate, cfg.ARPBurst)
	for name, v := range map[string]uint64{
		"cfg_start_interval_ns":  startEvery,
		"cfg_start_tolerance_ns": startTol,
		"cfg_arp_interval_ns":    arpEvery,
		"cfg_arp_tolerance_ns":   arpTol,
		"cfg_report_interval_ns": uint64(cfg.ReportInterval),
		"cfg_idle_tcp_ns":        uint64(cfg.TCPIdle),
		"cfg_idle_other_ns":      uint64(cfg.OtherIdle),
		"cfg_idle_closed_ns":     uint64(cfg.ClosedIdle),
		"cfg_wakeup_bytes":       uint64(cfg.RingBufSize / 2),
	} {
		if err := spec.Variables[name].Set(v); err != nil {
			return nil, fmt.Errorf("set %s: %w", name, err)
		}
	}

	d := &Datapath{cfg: cfg, links: make(map[int][2]link.Link), sizes: make(map[string]int)}
	for name, p := range spec.Programs {
		d.sizes[name] = len(p.Instructions)
	}
	d.ncpu, err = ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("count cpus: %w", err)
	}
	start := time.Now()
	if err := spec.LoadAndAssign(&d.objs, nil); err != nil {
		return nil, fmt.Errorf("load ebpf objects: %w", advise(err))
	}
	d.loadTime = time.Since(start)
	if err := d.register(otherPort); err != nil {
		d.objs.Close()
		return nil, err
	}
	d.rd, err = ringbuf.NewReader(d.objs.Events)
	if err != nil {
		d.objs.Close()
		return nil, fmt.Errorf("open ring buffer: %w", err)
	}
	d.conv, err = newConverter()
	if err != nil {
		d.rd.Close()
		d.objs.Close()
		return nil, err
	}
	return d, nil
}

// advise translates kernel errors into what to do about them. The
// verifier's log is kept whole (%+v prints it).
func advise(err error) error {
	switch {
	case errors.Is(err, unix.EPERM), errors.Is(err, unix.EACCES) && !isVerifierError(err):
		return fmt.Errorf("%w: %w", ErrPermission, err)
	case errors.Is(err, ebpf.ErrNotSupported):
		return fmt.Errorf("%w: %w", ErrNotSupported, err)
	}
	return err
}

func isVerifierError(err error) bool {
	var ve *ebpf.VerifierError
	return errors.As(err, &ve)
}

// register creates the map entries of a port: its shared token buckets and
// zeroed per-CPU counters.
func (d *Datapath) register(ifindex int) error {
	key := uint32(ifindex)
	if err := d.objs.Ports.Update(key, bpfPort{}, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("register port %d: %w", ifindex, err)
	}
	if err := d.objs.Stats.Update(key, make([]bpfPortStats, d.ncpu), ebpf.UpdateAny); err != nil {
		d.objs.Ports.Delete(key)
		return fmt.Errorf("register port %d counters: %w", ifindex, err)
	}
	return nil
}

func (d *Datapath) unregister(ifindex int) {
	key := uint32(ifindex)
	d.objs.Ports.Delete(key)
	d.objs.Stats.Delete(key)
}

// portName names an interface for error messages.
func portName(ifindex int) string {
	if ifi, err := net.InterfaceByIndex(ifindex); err == nil {
		return fmt.Sprintf("%s (ifindex %d)", ifi.Name, ifindex)
	}
	return fmt.Sprintf("ifindex %d", ifindex)
}

// Attach attaches the port programs to both directions of the interface
// (tcx, Linux 6.6 and later) and starts counting it. Attaching a port
// twice is a no-op.
//
// The programs go first in each direction's tcx chain (link.Head), so
// that they see every frame before anyone else's program may drop it.
// Kernels without tcx get ErrNotSupported: the tc clsact/cls_bpf fallback
// is not written yet (the agent falls back to AF_PACKET).
func (d *Datapath) Attach(ifindex int) error {
	if ifindex <= 0 {
		return fmt.Errorf("attach ifindex %d: not an interface", ifindex)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed.Load() {
		return ErrClosed
	}
	if _, ok := d.links[ifindex]; ok {
		return nil
	}
	if len(d.links) >= d.cfg.MaxPorts {
		return fmt.Errorf("attach %s: %d ports attached already (max_ports)", portName(ifindex), len(d.links))
	}
	if err := d.register(ifindex); err != nil {
		return err
	}
	var ls [2]link.Link
	for i, hook := range []struct {
		name string
		prog *ebpf.Program
		at   ebpf.AttachType
	}{
		{"ingress", d.objs.PortIngress, ebpf.AttachTCXIngress},
		{"egress", d.objs.PortEgress, ebpf.AttachTCXEgress},
	} {
		l, err := link.AttachTCX(link.TCXOptions{Interface: ifindex, Program: hook.prog, Attach: hook.at, Anchor: link.Head()})
		if err != nil {
			if i > 0 {
				ls[0].Close()
			}
			d.unregister(ifindex)
			return fmt.Errorf("attach tcx %s on %s: %w", hook.name, portName(ifindex), advise(err))
		}
		ls[i] = l
	}
	d.links[ifindex] = ls
	return nil
}

// Detach removes the programs from the interface and forgets its
// counters. Detaching a port that is not attached, or whose interface is
// gone (the kernel detached it then), is not an error.
func (d *Datapath) Detach(ifindex int) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	ls, ok := d.links[ifindex]
	if !ok {
		return nil
	}
	delete(d.links, ifindex)
	d.unregister(ifindex)
	var errs []error
	for _, l := range ls {
		if err := l.Close(); err != nil && !errors.Is(err, unix.ENODEV) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("detach ifindex %d: %w", ifindex, err)
	}
	return nil
}

// Attached returns the ifindexes attached now.
func (d *Datapath) Attached() []int {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]int, 0, len(d.links))
	for i := range d.links {
		out = append(out, i)
	}
	return out
}

// Stats reads the kernel's per-port counters (summed over CPUs) and the
// reader's.
func (d *Datapath) Stats() (Stats, error) {
	s := Stats{Ports: make(map[int]PortStats), Records: d.records.Load(), BadRecords: d.badRecords.Load()}
	var key uint32
	var percpu []bpfPortStats
	it := d.objs.Stats.Iterate()
	for it.Next(&key, &percpu) {
		var p PortStats
		for i := range percpu {
			c := &percpu[i]
			p.RxPackets += c.RxPackets
			p.RxBytes += c.RxBytes
			p.TxPackets += c.TxPackets
			p.TxBytes += c.TxBytes
			p.FlowsNew += c.FlowsNew
			p.FlowsRestarted += c.FlowsRestarted
			p.FlowsMidstream += c.FlowsMidstream
			p.StartsSuppressed += c.StartsSuppressed
			p.EventsLost += c.EventsLost
			p.FlowMapErrors += c.FlowMapErrors
			p.StormMapErrors += c.StormMapErrors
			p.ParseErrors += c.ParseErrors
			p.Other += c.Other
			p.Fragments += c.Fragments
			p.ICMPUnmatched += c.IcmpUnmatched
			p.RSTUntracked += c.RstUntracked
			p.ARPSuppressed += c.ArpSuppressed
		}
		s.Ports[int(key)] = p
	}
	if err := it.Err(); err != nil {
		return s, fmt.Errorf("read port counters: %w", err)
	}
	return s, nil
}

// Storms reads the per-source counters of suppressed flow starts, at most
// Config.StormMapSize entries.
func (d *Datapath) Storms() ([]Storm, error) {
	var out []Storm
	var key bpfStormKey
	var v bpfStorm
	it := d.objs.Storms.Iterate()
	for it.Next(&key, &v) {
		out = append(out, Storm{
			Src:         flow.Addr(key.Addr),
			Port:        int(v.Ifindex),
			Suppressed:  v.Suppressed,
			Replies:     v.Replies,
			First:       d.conv.time(v.FirstNs),
			Last:        d.conv.time(v.LastNs),
			LastDst:     flow.Addr(v.LastDaddr),
			LastDstPort: v.LastDport,
			LastProto:   v.LastProto,
			DstPorts:    linearCount(v.DportBits),
			Dsts:        linearCount(v.DaddrBits),
		})
	}
	if err := it.Err(); err != nil {
		return out, fmt.Errorf("read storm map: %w", err)
	}
	return out, nil
}

// Read drains the ring buffer every Config.DrainInterval and calls fn for
// every flow event, in the order the kernel submitted them (per CPU; events
// of different CPUs may interleave a few microseconds out of time order,
// which the flow table tolerates). The *flow.Event is valid only during
// the call. Read returns ErrClosed after Close.
func (d *Datapath) Read(fn func(ev *flow.Event)) error {
	var rec ringbuf.Record
	var ev flow.Event
	d.rd.SetDeadline(time.Now().Add(d.cfg.DrainInterval))
	for {
		err := d.rd.ReadInto(&rec)
		switch {
		case err == nil:
			d.records.Add(1)
			if !d.conv.convert(rec.RawSample, &ev, fn) {
				d.badRecords.Add(1)
			}
		case errors.Is(err, os.ErrDeadlineExceeded):
			// The ring is empty: sleep until the next drain. The kernel
			// wakes the poll early only when the ring is half full.
			d.rd.SetDeadline(time.Now().Add(d.cfg.DrainInterval))
		case errors.Is(err, ringbuf.ErrClosed), d.closed.Load():
			return ErrClosed
		default:
			return fmt.Errorf("read ring buffer: %w", err)
		}
	}
}

// Close detaches every port, stops Read and frees the programs and maps.
// It is idempotent.
func (d *Datapath) Close() error {
	if d.closed.Swap(true) {
		return nil
	}
	d.mu.Lock()
	var errs []error
	for ifindex, ls := range d.links {
		for _, l := range ls {
			if err := l.Close(); err != nil && !errors.Is(err, unix.ENODEV) {
				errs = append(errs, fmt.Errorf("detach ifindex %d: %w", ifindex, err))
			}
		}
		delete(d.links, ifindex)
	}
	d.mu.Unlock()
	if err := d.rd.Close(); err != nil {
		errs = append(errs, err)
	}
	if err := d.objs.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// ProgramInfo describes the loaded programs, for logs and benchmarks.
type ProgramInfo struct {
	// Size is the number of instructions of each program in the object,
	// by program name (a 64-bit immediate load counts once).
	Size map[string]int
	// Instructions is the number of instructions the verifier processed
	// for each program (all paths it walked), by program name.
	Instructions map[string]int
	// LoadTime is how long loading the collection took (verification of
	// both programs included).
	LoadTime time.Duration
}

// Info returns the loaded programs' sizes and load time.
func (d *Datapath) Info() ProgramInfo {
	pi := ProgramInfo{Size: d.sizes, Instructions: make(map[string]int), LoadTime: d.loadTime}
	for name, p := range map[string]*ebpf.Program{"port_ingress": d.objs.PortIngress, "port_egress": d.objs.PortEgress} {
		info, err := p.Info()
		if err != nil {
			continue
		}
		if n, ok := info.VerifiedInstructions(); ok {
			pi.Instructions[name] = int(n)
		}
	}
	return pi
}

// Supported reports whether this kernel can run the datapath, and if not,
// why, for --datapath auto: it needs tc BPF programs, LRU hash and ring
// buffer maps, the verifier's acceptance of the programs themselves (they
// are loaded with the smallest maps and freed) and tcx. It attaches
// nothing: tcx is probed with an interface index that cannot exist.
func Supported() (bool, string) {
	for _, probe := range []struct {
		what string
		err  error
	}{
		{"tc BPF programs", features.HaveProgramType(ebpf.SchedCLS)},
		{"LRU hash maps", features.HaveMapType(ebpf.LRUHash)},
		{"BPF ring buffers (Linux 5.8)", features.HaveMapType(ebpf.RingBuf)},
	} {
		if probe.err != nil {
			if errors.Is(probe.err, ebpf.ErrNotSupported) {
				return false, "kernel has no " + probe.what
			}
			return false, fmt.Sprintf("probe %s: %v", probe.what, advise(probe.err))
		}
	}
	cfg := DefaultConfig()
	cfg.FlowMapSize, cfg.StormMapSize, cfg.MaxPorts = minMapSize, minMapSize, 1
	cfg.RingBufSize = os.Getpagesize()
	d, err := Load(cfg)
	if err != nil {
		return false, err.Error()
	}
	defer d.Close()
	l, err := link.AttachTCX(link.TCXOptions{Interface: math.MaxInt32, Program: d.objs.PortIngress, Attach: ebpf.AttachTCXIngress})
	if err == nil {
		l.Close()
	}
	switch {
	case errors.Is(err, unix.ENODEV):
		return true, "tcx"
	case errors.Is(err, ebpf.ErrNotSupported):
		return false, "kernel has no tcx (Linux 6.6); the tc clsact fallback is not implemented"
	case err == nil:
		return false, "tcx probe attached to a nonexistent interface"
	}
	return false, fmt.Sprintf("probe tcx: %v", advise(err))
}
