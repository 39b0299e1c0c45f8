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

	// inner are the templates of the tables SetPolicy creates.
	inner struct{ policy, portIDs, addrIDs *ebpf.MapSpec }

	mu    sync.Mutex // links, tables and port settings
	links map[int][2]hook
	tc    bool               // attach by tc clsact/cls_bpf, not tcx
	nl    map[uint64]*nlConn // tc: rtnetlink sockets by network namespace
	pins  *pins              // nil when nothing is pinned
	adopt Adoption

	closed     atomic.Bool
	records    atomic.Uint64
	badRecords atomic.Uint64
	onSpoof    atomic.Pointer[func(*SpoofEvent)]
	sweep      sweeper

	loadTime time.Duration
	sizes    map[string]int
}

// hooks are the two directions of a port, in the order of Datapath.links.
var hooks = [2]struct {
	name string
	at   ebpf.AttachType
}{{"ingress", ebpf.AttachTCXIngress}, {"egress", ebpf.AttachTCXEgress}}

// hook is one direction of an attached port: a tcx link, or a tc filter
// on kernels without tcx (tc_linux.go).
type hook interface {
	// Update moves the hook to another program, atomically.
	Update(p *ebpf.Program) error
	// Detach takes it off the interface (and removes its pin).
	Detach() error
	// Close lets go of it: a pinned one stays attached.
	Close() error
}

// tcxHook is a tcx link.
type tcxHook struct {
	l      link.Link
	pinned bool
}

func (h *tcxHook) Update(p *ebpf.Program) error { return h.l.Update(p) }
func (h *tcxHook) Close() error                 { return h.l.Close() }
func (h *tcxHook) Detach() error {
	var err error
	if h.pinned {
		err = h.l.Unpin()
	}
	// Closing its last reference detaches the link.
	if cerr := h.l.Close(); cerr != nil && !errors.Is(cerr, unix.ENODEV) {
		err = errors.Join(err, cerr)
	}
	return err
}

// chooseAttach settles how ports are attached (Config.Attach).
func (d *Datapath) chooseAttach() error {
	switch d.cfg.Attach {
	case "tc":
		d.tc = true
	case "tcx":
	default:
		ok, err := haveTCX(d.objs.PortIngress)
		if err != nil {
			return err
		}
		d.tc = !ok
	}
	return nil
}

// haveTCX tells whether the kernel attaches by tcx (Linux 6.6).
func haveTCX(p *ebpf.Program) (bool, error) {
	l, err := link.AttachTCX(link.TCXOptions{Interface: math.MaxInt32, Program: p, Attach: ebpf.AttachTCXIngress})
	if err == nil {
		l.Close()
	}
	switch {
	case errors.Is(err, unix.ENODEV):
		return true, nil
	case errors.Is(err, ebpf.ErrNotSupported):
		return false, nil
	case err == nil:
		return false, errors.New("tcx probe attached to a nonexistent interface")
	}
	return false, fmt.Errorf("probe tcx: %w", advise(err))
}

func (d *Datapath) prog(dir int) *ebpf.Program {
	if dir == 0 {
		return d.objs.PortIngress
	}
	return d.objs.PortEgress
}

// Load loads the port programs and creates their maps, sized by cfg.
//
// With cfg.PinPath set (it is by default) it first looks there: maps
// pinned by an earlier Load of a compatible layout are used again, with
// their contents (flows, counters, tables, port settings), and pinned
// links stay attached: they are moved to this build's programs, one
// atomic tcx update per hook, only when the programs or their settings
// changed. Maps whose layout or size changed are replaced by empty ones.
// Adoption says what happened. Only one process may hold a pin path
// (ErrBusy). Load mounts bpffs on the pin path (on /sys/fs/bpf for the
// default) when it is not on one.
//
// Load attaches no new port: call Attach for each.
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
	spec.Maps["port_cfgs"].MaxEntries = uint32(cfg.MaxPorts)
	spec.Maps["storms"].MaxEntries = uint32(cfg.StormMapSize)
	spec.Maps["rule_hits"].MaxEntries = uint32(cfg.MaxRules)
	spec.Maps["port_addrs"].MaxEntries = uint32(cfg.PortAddrsSize)
	spec.Maps["addr_ports"].MaxEntries = uint32(cfg.PortAddrsSize)
	startEvery, startTol := interval(cfg.StartRate, cfg.StartBurst)
	arpEvery, arpTol := interval(cfg.ARPRate, cfg.ARPBurst)
	spoofEvery, spoofTol := interval(cfg.SpoofRate, cfg.SpoofBurst)
	vars := map[string]uint64{
		"cfg_start_interval_ns":  startEvery,
		"cfg_start_tolerance_ns": startTol,
		"cfg_arp_interval_ns":    arpEvery,
		"cfg_arp_tolerance_ns":   arpTol,
		"cfg_spoof_interval_ns":  spoofEvery,
		"cfg_spoof_tolerance_ns": spoofTol,
		"cfg_report_interval_ns": uint64(cfg.ReportInterval),
		"cfg_idle_tcp_ns":        uint64(cfg.TCPIdle),
		"cfg_idle_other_ns":      uint64(cfg.OtherIdle),
		"cfg_idle_closed_ns":     uint64(cfg.ClosedIdle),
		"cfg_wakeup_bytes":       uint64(cfg.RingBufSize / 2),
	}
	for name, v := range vars {
		if err := spec.Variables[name].Set(v); err != nil {
			return nil, fmt.Errorf("set %s: %w", name, err)
		}
	}

	d := &Datapath{cfg: cfg, links: make(map[int][2]hook), sizes: make(map[string]int)}
	d.inner.policy = spec.Maps["policy_inner"].Copy()
	d.inner.portIDs = spec.Maps["port_ids_inner"].Copy()
	d.inner.addrIDs = spec.Maps["addr_ids_inner"].Copy()
	for name, p := range spec.Programs {
		d.sizes[name] = len(p.Instructions)
	}
	d.ncpu, err = ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("count cpus: %w", err)
	}
	start := time.Now()
	if cfg.PinPath == "" {
		if err := spec.LoadAndAssign(&d.objs, nil); err != nil {
			return nil, fmt.Errorf("load ebpf objects: %w", advise(err))
		}
		if err := d.chooseAttach(); err != nil {
			d.closeFDs()
			return nil, err
		}
	} else if err := d.loadPinned(spec, vars); err != nil {
		return nil, err
	}
	d.loadTime = time.Since(start)
	fail := func(err error) (*Datapath, error) {
		d.closeFDs()
		return nil, err
	}
	if err := d.register(otherPort); err != nil {
		return fail(err)
	}
	d.rd, err = ringbuf.NewReader(d.objs.Events)
	if err != nil {
		return fail(fmt.Errorf("open ring buffer: %w", err))
	}
	d.conv, err = newConverter()
	if err != nil {
		return fail(err)
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
// zeroed per-CPU counters. A port already registered (adopted from pins)
// keeps its counters.
func (d *Datapath) register(ifindex int) error {
	key := uint32(ifindex)
	if err := d.objs.Ports.Update(key, bpfPort{}, ebpf.UpdateNoExist); err != nil && !errors.Is(err, ebpf.ErrKeyExist) {
		return fmt.Errorf("register port %d: %w", ifindex, err)
	}
	if err := d.objs.Stats.Update(key, make([]bpfPortStats, d.ncpu), ebpf.UpdateNoExist); err != nil && !errors.Is(err, ebpf.ErrKeyExist) {
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
// (tcx on Linux 6.6 and later, else a tc clsact qdisc with a cls_bpf
// filter per direction; Config.Attach) and starts counting it; with a pin
// path the links are pinned (tc filters need no pin), so that they
// outlive the process. Attaching a port twice is a no-op.
//
// The programs go first in each direction's chain (tcx: link.Head; tc:
// priority 1), so that they see every frame before anyone else's program
// may drop it.
func (d *Datapath) Attach(ifindex int) error {
	if ifindex <= 0 {
		return fmt.Errorf("attach ifindex %d: not an interface", ifindex)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed.Load() {
		return ErrClosed
	}
	ls, ok := d.links[ifindex]
	if ok && ls[0] != nil && ls[1] != nil {
		return nil
	}
	if !ok && len(d.links) >= d.cfg.MaxPorts {
		return fmt.Errorf("attach %s: %d ports attached already (max_ports)", portName(ifindex), len(d.links))
	}
	if err := d.register(ifindex); err != nil {
		return err
	}
	for i := range hooks {
		if ls[i] != nil {
			continue // adopted
		}
		h, err := d.attach(ifindex, i)
		if err != nil {
			for j := range i {
				if ls[j] != nil && !ok {
					ls[j].Detach()
				}
			}
			if !ok {
				d.unregister(ifindex)
			}
			return err
		}
		ls[i] = h
	}
	d.links[ifindex] = ls
	return nil
}

// netlink returns the rtnetlink socket of the calling thread's network
// namespace (interfaces are indexes within one), opening it the first
// time. Called with d.mu held, or while Load builds d.
func (d *Datapath) netlink() (*nlConn, error) {
	ns, err := netnsID()
	if err != nil {
		return nil, err
	}
	if c := d.nl[ns]; c != nil {
		return c, nil
	}
	c, err := dialNetlink()
	if err != nil {
		return nil, err
	}
	if d.nl == nil {
		d.nl = make(map[uint64]*nlConn)
	}
	d.nl[ns] = c
	return c, nil
}

// attach attaches one direction of a port.
func (d *Datapath) attach(ifindex, dir int) (hook, error) {
	if d.tc {
		c, err := d.netlink()
		var h *tcHook
		if err == nil {
			h, err = tcAttach(c, ifindex, dir, d.prog(dir), d.pins != nil)
		}
		if err != nil {
			return nil, fmt.Errorf("attach tc %s on %s: %w", hooks[dir].name, portName(ifindex), advise(err))
		}
		return h, nil
	}
	l, err := link.AttachTCX(link.TCXOptions{Interface: ifindex, Program: d.prog(dir), Attach: hooks[dir].at, Anchor: link.Head()})
	if err == nil && d.pins != nil {
		if err = l.Pin(d.pins.link(ifindex, dir)); err != nil {
			l.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("attach tcx %s on %s: %w", hooks[dir].name, portName(ifindex), advise(err))
	}
	return &tcxHook{l: l, pinned: d.pins != nil}, nil
}

// Detach removes the programs from the interface (and their pins) and
// forgets its counters and its settings (SetPortIdentity, Quarantine).
// Detaching a port that is not attached, or whose interface is gone (the
// kernel detached it then), is not an error.
func (d *Datapath) Detach(ifindex int) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	ls, ok := d.links[ifindex]
	if !ok {
		return nil
	}
	delete(d.links, ifindex)
	d.unregister(ifindex)
	errs := []error{d.clearPort(ifindex)}
	for _, l := range ls {
		if l == nil {
			continue
		}
		if err := l.Detach(); err != nil {
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
	s := Stats{Ports: make(map[int]PortStats), Records: d.records.Load(), BadRecords: d.badRecords.Load(),
		Sweeps: d.sweep.sweeps.Load(), SweptReported: d.sweep.reported.Load(), SweptRemoved: d.sweep.removed.Load()}
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
			p.DroppedPolicy += c.DroppedPolicy
			p.DroppedQuarantine += c.DroppedQuarantine
			p.DroppedSpoof += c.DroppedSpoof
			p.Spoofed += c.Spoofed
			p.SpoofSuppressed += c.SpoofSuppressed
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
// which the flow table tolerates), and the OnSpoof function for spoofed
// frames. Every Config.SweepInterval it also sweeps the flow map (see
// Config.SweepInterval); those events go to fn too, timed at the flow's
// last packet. The *flow.Event is valid only during the call. Read
// returns ErrClosed after Close.
func (d *Datapath) Read(fn func(ev *flow.Event)) error {
	var rec ringbuf.Record
	var ev flow.Event
	var sp SpoofEvent
	spoof := func(s *SpoofEvent) {
		if h := d.onSpoof.Load(); h != nil {
			(*h)(s)
		}
	}
	d.sweep.next = time.Now().Add(d.cfg.SweepInterval)
	d.rd.SetDeadline(time.Now().Add(d.cfg.DrainInterval))
	for n := 0; ; n++ {
		err := d.rd.ReadInto(&rec)
		if (err != nil || n%1024 == 0) && !time.Now().Before(d.sweep.next) && !d.closed.Load() {
			d.sweepFlows(fn, &ev)
			d.sweep.next = time.Now().Add(d.cfg.SweepInterval)
		}
		switch {
		case err == nil:
			d.records.Add(1)
			if !d.conv.convert(rec.RawSample, &ev, fn, &sp, spoof) {
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

// Close stops Read and releases what this process holds. Without a pin
// path it detaches every port and frees the programs and maps. With one
// it leaves them all in place, pinned and attached: enforcement goes on
// with the tables and settings it has, and the next Load adopts it (that
// is the point: fail-static). Remove takes everything away instead.
// Close is idempotent.
func (d *Datapath) Close() error {
	if d.closed.Swap(true) {
		return nil
	}
	d.mu.Lock()
	var errs []error
	for ifindex, ls := range d.links {
		for _, l := range ls {
			if l == nil {
				continue
			}
			// A pinned link's fd is only a reference: closing it leaves
			// the link attached (a tc filter stays when pinned too).
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
	errs = append(errs, d.closeFDs())
	return errors.Join(errs...)
}

// closeFDs closes the objects and sockets and releases the pin path's
// lock.
func (d *Datapath) closeFDs() error {
	err := d.objs.Close()
	for ns, c := range d.nl {
		c.Close()
		delete(d.nl, ns)
	}
	if d.pins != nil {
		d.pins.unlock()
	}
	return err
}

// Remove detaches every port, closes the datapath and removes everything
// it pinned: a deliberate stop, after which nothing of it is left in the
// kernel.
func (d *Datapath) Remove() error {
	var errs []error
	for _, ifindex := range d.Attached() {
		errs = append(errs, d.Detach(ifindex))
	}
	var dir string
	if d.pins != nil {
		dir = d.pins.dir
	}
	errs = append(errs, d.Close())
	if dir != "" {
		errs = append(errs, removePins(dir))
	}
	return errors.Join(errs...)
}

// Adoption says what Load found pinned and did with it.
func (d *Datapath) Adoption() Adoption { return d.adopt }

// Info returns the loaded programs' sizes and load time.
func (d *Datapath) Info() ProgramInfo {
	pi := ProgramInfo{Size: d.sizes, Instructions: make(map[string]int), LoadTime: d.loadTime, Attach: "tcx"}
	if d.tc {
		pi.Attach = "tc"
	}
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
// are loaded with the smallest maps and freed). The reason says how ports
// would be attached: tcx, or tc where the kernel has no tcx. It attaches
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
	cfg.MaxRules, cfg.PortAddrsSize, cfg.PinPath = 1, minMapSize, ""
	cfg.RingBufSize = os.Getpagesize()
	d, err := Load(cfg)
	if err != nil {
		return false, err.Error()
	}
	defer d.Close()
	if d.tc {
		return true, "tc (the kernel has no tcx, Linux 6.6)"
	}
	return true, "tcx"
}
