// Package ebpf is the in-kernel datapath: tc programs attached to both
// directions of every guest port (the host side of a tap, vnet or veth on
// the switch; with tcx, or on kernels before 6.6 as cls_bpf filters of a
// clsact qdisc: Config.Attach) parse each packet in the kernel, keep a bounded LRU
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
// The programs also enforce, where the frame is accounted (the sender's
// ingress):
//
//   - the segmentation policy (SetPolicy): a flow's verdict is decided by
//     one LPM lookup of (source identity, destination identity, protocol,
//     destination port) when it starts, kept in the flow map and followed
//     by every later packet of the flow, replies included (the reversed
//     tuple's lookup is the connection tracking). The source identity is
//     the ingress port's, not the address the frame claims. A denied flow
//     is dropped, still counted and its start still reported; would-deny
//     passes. The tables are swapped whole, never mixed; flows are judged
//     again on their next packet after a swap;
//   - anti-spoofing per port (SetPortIdentity): frames whose source MAC or
//     address is not the port's are counted, reported (OnSpoof,
//     rate-limited) and in enforce mode dropped;
//   - quarantine (Quarantine, Release): a port is cut off from every
//     identity but the peers named, above the policy, until an expiry the
//     kernel checks itself.
//
// IPv6 neighbour discovery and MLD are never judged, nor non-first
// fragments (their first fragment was), and the programs never redirect
// or change a packet.
//
// Fail-static: with Config.PinPath set, the maps, programs and tcx links
// are pinned in bpffs (tc filters stay on their qdisc), so enforcement
// goes on while the agent is down. A later Load adopts them (see
// Adoption; tc filters are found in the network namespace Load runs in);
// Close leaves them in place; Remove and Cleanup take everything away.
//
// It must never let a storm of new flows make its reader the victim: flow
// starts are rate-limited per port in the kernel (beyond the rate a flow
// is not tracked but its every packet is still judged), events are
// submitted without waking the reader, which drains on a timer, and what
// the limit suppresses is counted per source (Storms). Every map is
// bounded (Config) and what does not fit is counted (PortStats).
//
// The API, for the agent: Load (adopting what is pinned), Attach and
// Detach per port, Read (flow events to the flow table, spoofed frames to
// the OnSpoof function), SetPolicy with the Tables policy.Compile makes
// (entries' ranges are split into LPM prefixes here), RuleHits,
// SetPortIdentity, Quarantine and Release, Stats and Storms, Adoption,
// Close (fail-static), Remove and Cleanup (nothing left). A flow event's
// Verdict and Rule (rule index + 1, RuleQuarantine for a quarantine) are
// the kernel's decision.
//
// One goroutine calls Read; every other method may be called from any
// goroutine, and Close makes a Read in progress return ErrClosed.
package ebpf

import (
	"errors"
	"fmt"
	"time"

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
	// ErrBusy is returned by Load and Cleanup when another process holds
	// the pin path: an agent is running on it.
	ErrBusy = errors.New("pin path in use by another process")
)

// Tables are the policy's tables for this host, as policy.Compile builds
// them: identities of ports and addresses, and the verdicts of pairs of
// identities by protocol and destination port. Identity 0 is "no guest".
type Tables struct {
	// PortIdentities gives the identity of a sender by the port
	// (ifindex) its frames enter on.
	PortIdentities map[int]uint32
	// AddrIdentities gives the identity of a destination by address, and
	// of a sender whose port has no identity (an uplink).
	AddrIdentities map[flow.Addr]uint32
	// Entries are the governed pairs' verdicts. A pair, protocol and port
	// that no entry covers is not governed: its flows pass, VerdictNone.
	Entries []PolicyEntry
}

// PolicyEntry gives the verdict of flows from identity Src to identity Dst
// by protocol: TCP and UDP to destination ports Lo-Hi; ICMP (1, which
// covers ICMPv6 too) and 0 (every other protocol) with Lo and Hi 0.
type PolicyEntry struct {
	Src, Dst uint32
	Proto    uint8
	Lo, Hi   uint16
	// Action is VerdictAllowed, VerdictDenied (dropped) or
	// VerdictWouldDeny (passes).
	Action flow.Verdict
	// Rule is the deciding rule's index, below Config.MaxRules: its hit
	// counter in RuleHits, and Rule+1 in flow.Event.Rule.
	Rule uint32
}

// RuleQuarantine is the flow.Event.Rule of a flow a quarantine cut off.
const RuleQuarantine = ^uint32(0)

// SpoofMode is what anti-spoofing does on a port.
type SpoofMode uint8

// The modes.
const (
	SpoofOff     SpoofMode = iota // nothing is checked
	SpoofObserve                  // spoofed frames are counted and reported, and pass
	SpoofEnforce                  // they are dropped too
)

// SpoofWhat says which source of a frame did not belong to its port.
type SpoofWhat uint8

// The sources anti-spoofing checks.
const (
	SpoofMAC    SpoofWhat = 1 + iota // the Ethernet source address
	SpoofIP                          // the IPv4 or IPv6 source address
	SpoofARPMAC                      // the ARP sender hardware address
	SpoofARPIP                       // the ARP sender protocol address
)

func (w SpoofWhat) String() string {
	switch w {
	case SpoofMAC:
		return "source MAC"
	case SpoofIP:
		return "source address"
	case SpoofARPMAC:
		return "ARP sender MAC"
	case SpoofARPIP:
		return "ARP sender address"
	}
	return fmt.Sprintf("SpoofWhat(%d)", uint8(w))
}

// SpoofEvent is a frame that entered port with a source that is not the
// port's. The kernel reports at most Config.SpoofRate of them per second
// and port; PortStats.Spoofed counts them all.
type SpoofEvent struct {
	Time flow.Time
	Port int
	What SpoofWhat
	// Dropped is true in enforce mode.
	Dropped bool
	VLAN    uint16
	// SrcMAC and DstMAC are the Ethernet addresses; Src and Dst the IP
	// addresses (ARP: sender and target protocol addresses), Proto,
	// SrcPort and DstPort the transport's when the frame has them.
	SrcMAC, DstMAC   flow.MAC
	Src, Dst         flow.Addr
	Proto            uint8
	SrcPort, DstPort uint16
	// ARPOp and ARPSender are set for ARP frames.
	ARPOp     uint16
	ARPSender flow.MAC
}

// Adoption says what Load found under Config.PinPath.
type Adoption struct {
	// Adopted is true when maps were pinned there and are in use again:
	// flows, counters, tables and port settings carry on.
	Adopted bool
	// Replaced is true when the pinned programs differed from this
	// build's (or its settings) and the links were moved to the new
	// programs, each in one atomic tcx update; MapsReplaced when the
	// pinned maps could not be used (their layout or size changed) and
	// fresh, empty ones took their place: the tables, port settings and
	// counters are gone and must be set again. Reason says why.
	Replaced, MapsReplaced bool
	Reason                 string
	// Ports are the ports whose pinned links were adopted; Gone those
	// whose interface no longer exists (their pins were removed).
	Ports, Gone []int
}

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
	// DroppedPolicy, DroppedQuarantine and DroppedSpoof count the packets
	// the programs dropped, by reason: a flow an enforcing policy denies,
	// a quarantine, anti-spoofing in enforce mode.
	DroppedPolicy, DroppedQuarantine, DroppedSpoof uint64
	// Spoofed counts frames whose source did not belong to the port (in
	// both modes); SpoofSuppressed those of them beyond the spoof event
	// rate, not reported.
	Spoofed, SpoofSuppressed uint64
}

// Stats are the datapath's counters.
type Stats struct {
	// Ports are the kernel's counters by ifindex. Index 0 collects frames
	// seen on an interface that was not attached through this Datapath.
	Ports map[int]PortStats
	// Records is the number of ring buffer records read; BadRecords those
	// of an unexpected size or kind (expected 0).
	Records, BadRecords uint64
	// Sweeps counts the passes over the flow map; SweptReported the
	// flows whose unsent counters a sweep reported, SweptRemoved the
	// flows it removed, idle past their timeout.
	Sweeps, SweptReported, SweptRemoved uint64
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
	// Attach is how ports are attached: tcx, or tc on kernels without it.
	Attach string
}
