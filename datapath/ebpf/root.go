// Package ebpf is the in-kernel datapath: tc programs attached with tcx to
// both directions of every guest port (the host side of a tap, vnet or
// veth on the switch) parse each packet in the kernel, keep a bounded LRU
// flow map and per-port counters, and hand userspace only flow events
// through a ring buffer: a flow started, its attempt was answered or
// refused (TCP RST, or an ICMP unreachable whose quoted header names it),
// it closed, or it is still active (at most once per report interval).
// The C sources are in bpf/ at the top of the module; the compiled object
// and its Go bindings are generated (gen.go) and committed.
//
// Read turns those events into the flow events every other datapath
// produces (flow.EventPacket with counter deltas, flow.EventICMPError,
// flow.EventARP), so the flow table and the detectors work unchanged. An
// event carries deltas since the previous event of its flow, kept in the
// kernel's flow map: userspace holds no per-flow state.
//
// A frame between two attached ports is accounted once, at the sender's
// ingress, which attributes it to the sender's port like the AF_PACKET
// datapath does; the receiver's egress only counts it in the port
// counters. Frames from anywhere else (an uplink, the host) are accounted
// at the egress of the guest they reach.
//
// The package observes only: its programs never drop, redirect or change a
// packet. It must never let a storm of new flows make its reader the
// victim: flow starts are rate-limited per port in the kernel, events are
// submitted without waking the reader, which drains on a timer, and what
// the limit suppresses is counted per source (Storms). Every map is
// bounded (Config) and what does not fit is counted (PortStats).
//
// One goroutine calls Read; Attach, Detach, Stats, Storms and Close may be
// called from any goroutine, and Close makes a Read in progress return
// ErrClosed.
package ebpf

import (
	"errors"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Errors that callers branch on.
var (
	// ErrClosed is returned by Read after Close.
	ErrClosed = errors.New("ebpf datapath closed")
	// ErrNotSupported is wrapped by the errors of Load and Attach when the
	// kernel lacks what the datapath needs (BPF, tcx); see Supported.
	ErrNotSupported = errors.New("not supported by this kernel")
	// ErrPermission is wrapped when the kernel refused for lack of
	// privilege: the agent needs CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON
	// (or root).
	ErrPermission = errors.New("needs CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON")
)

// PortStats are the kernel's counters of one port since it was attached.
type PortStats struct {
	// RxPackets and RxBytes count what the guest sent into the switch
	// (the ingress hook), TxPackets and TxBytes what the switch delivered
	// to it (egress). Bytes are frame bytes; packets count segments of
	// offloaded (GSO) packets.
	RxPackets, RxBytes uint64
	TxPackets, TxBytes uint64
	// FlowsNew counts flows created in the flow map.
	FlowsNew uint64
	// FlowsRestarted counts packets that found their flow idle past its
	// timeout and started it afresh.
	FlowsRestarted uint64
	// FlowsMidstream counts TCP flows first seen without a SYN: they
	// predate the attach, or the flow map evicted them (LRU evictions are
	// silent; this is how they show).
	FlowsMidstream uint64
	// StartsSuppressed counts new flows beyond the port's start rate: not
	// tracked, counted per source in Storms.
	StartsSuppressed uint64
	// EventsLost counts events dropped because the ring buffer was full.
	EventsLost uint64
	// FlowMapErrors and StormMapErrors count inserts the maps refused.
	FlowMapErrors, StormMapErrors uint64
	// ParseErrors counts truncated or malformed frames.
	ParseErrors uint64
	// Other counts valid frames that are not tracked: EtherTypes other
	// than IPv4, IPv6 and ARP, other IP protocols, IPv6 extension headers,
	// stacked VLAN tags.
	Other uint64
	// Fragments counts non-first IP fragments (they have no ports).
	Fragments uint64
	// ICMPUnmatched counts ICMP unreachables about no tracked flow.
	ICMPUnmatched uint64
	// RSTUntracked counts TCP RSTs about no tracked flow: backscatter, or
	// a victim's answers to starts that were suppressed. They open no
	// flow (the flow table would keep them as flows without an outcome),
	// so that a scan cannot spend its victim's start budget.
	RSTUntracked uint64
	// ARPSuppressed counts ARP frames beyond the port's ARP rate.
	ARPSuppressed uint64
}

// Stats are the datapath's counters.
type Stats struct {
	// Ports are the kernel's counters by ifindex. Index 0 collects frames
	// seen on an interface that was not attached through this Datapath.
	Ports map[int]PortStats
	// Records is the number of ring buffer records read; BadRecords those
	// of an unexpected size or kind (expected 0).
	Records, BadRecords uint64
}

// Storm is what the kernel counted about the flow starts of one source
// address that the start rate suppressed.
type Storm struct {
	Src flow.Addr
	// Port is the switch port (ifindex) of the latest suppressed start.
	Port int
	// Suppressed is the number of flow starts not reported; Replies those
	// of them that answered someone else (SYN-ACK, ICMP reply): a
	// victim's answers to a scan, not a scan of its own.
	Suppressed, Replies uint64
	First, Last         flow.Time
	// LastDst, LastDstPort and LastProto describe the latest one.
	LastDst     flow.Addr
	LastDstPort uint16
	LastProto   uint8
	// DstPorts and Dsts estimate the distinct destination ports and
	// addresses (linear counting over 256 bits: good to a few hundred,
	// then a lower bound).
	DstPorts, Dsts int
}
