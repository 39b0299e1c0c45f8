// Package flow is the shared language of crosstalk: addresses, flow keys,
// the flow events that every datapath produces and the flow records that
// every consumer reads.
//
// It imports nothing of ours and does no I/O. Types on the hot path (Addr,
// Key, Event) are fixed-size, comparable and pointer-free, so they can be
// map keys, live in slabs and be filled without allocating.
package flow

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"time"
)

// Time is an event time in nanoseconds since the Unix epoch. Components take
// time only from events (and Tick calls), never from the wall clock, so that
// replay is deterministic.
type Time int64

// FromTime converts a time.Time to an event time.
func FromTime(t time.Time) Time { return Time(t.UnixNano()) }

// Std returns t as a time.Time in UTC.
func (t Time) Std() time.Time { return time.Unix(0, int64(t)).UTC() }

// Add returns t+d.
func (t Time) Add(d time.Duration) Time { return t + Time(d) }

// Sub returns the duration t-u.
func (t Time) Sub(u Time) time.Duration { return time.Duration(t - u) }

// Protocol numbers used by flow keys.
const (
	ProtoICMP   uint8 = 1
	ProtoTCP    uint8 = 6
	ProtoUDP    uint8 = 17
	ProtoICMPv6 uint8 = 58
)

// ProtoName returns the lower-case name of an IP protocol number, as used in
// flow and alert records.
func ProtoName(p uint8) string {
	switch p {
	case ProtoICMP:
		return "icmp"
	case ProtoTCP:
		return "tcp"
	case ProtoUDP:
		return "udp"
	case ProtoICMPv6:
		return "icmp6"
	}
	return fmt.Sprintf("ip-%d", p)
}

// Addr is an IPv4 or IPv6 address in 16 bytes; IPv4 is stored IPv4-mapped
// (::ffff:a.b.c.d). The zero Addr means "no address".
type Addr [16]byte

var v4InV6Prefix = [12]byte{10: 0xff, 11: 0xff}

// AddrFrom4 returns the Addr of an IPv4 address given as 4 bytes.
func AddrFrom4(b []byte) Addr {
	var a Addr
	copy(a[:12], v4InV6Prefix[:])
	copy(a[12:], b[:4])
	return a
}

// AddrFrom16 returns the Addr of an IPv6 address given as 16 bytes.
func AddrFrom16(b []byte) Addr {
	var a Addr
	copy(a[:], b[:16])
	return a
}

// AddrFromNetip converts a netip.Addr.
func AddrFromNetip(ip netip.Addr) Addr {
	if ip.Is4() {
		b := ip.As4()
		return AddrFrom4(b[:])
	}
	return Addr(ip.As16())
}

// MustParseAddr parses an IP address and panics on error; for tests and constants.
func MustParseAddr(s string) Addr { return AddrFromNetip(netip.MustParseAddr(s)) }

// Is4 reports whether a is an IPv4 address.
func (a Addr) Is4() bool { return [12]byte(a[:12]) == v4InV6Prefix }

// IsZero reports whether a is the zero Addr.
func (a Addr) IsZero() bool { return a == Addr{} }

// IsGroup reports whether a addresses many receivers: IPv4 multicast or
// limited broadcast, IPv6 multicast. Nobody in particular answers it.
func (a Addr) IsGroup() bool {
	if a.Is4() {
		return a[12] >= 224 && a[12] < 240 || [4]byte(a[12:]) == [4]byte{255, 255, 255, 255}
	}
	return a[0] == 0xff
}

// Netip returns a as a netip.Addr (unmapped for IPv4).
func (a Addr) Netip() netip.Addr {
	if a.Is4() {
		return netip.AddrFrom4([4]byte(a[12:]))
	}
	return netip.AddrFrom16(a)
}

// String formats a in the usual textual form; the zero Addr is "".
func (a Addr) String() string {
	if a.IsZero() {
		return ""
	}
	return a.Netip().String()
}

// Uint64 folds the address into 64 bits, for cheap hashing and sampling.
func (a Addr) Uint64() uint64 {
	return binary.LittleEndian.Uint64(a[:8]) ^ binary.LittleEndian.Uint64(a[8:])
}

// MAC is an Ethernet address. The zero MAC means "unknown".
type MAC [6]byte

// IsZero reports whether m is the zero MAC.
func (m MAC) IsZero() bool { return m == MAC{} }

// IsBroadcast reports whether m is ff:ff:ff:ff:ff:ff.
func (m MAC) IsBroadcast() bool { return m == MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff} }

// String formats m as aa:bb:cc:dd:ee:ff; the zero MAC is "".
func (m MAC) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5])
}

// ParseMAC parses aa:bb:cc:dd:ee:ff (or with dashes).
func ParseMAC(s string) (MAC, error) {
	var m MAC
	if len(s) != 17 {
		return m, fmt.Errorf("bad MAC %q: want aa:bb:cc:dd:ee:ff", s)
	}
	for i := 0; i < 6; i++ {
		if i > 0 && s[3*i-1] != ':' && s[3*i-1] != '-' {
			return m, fmt.Errorf("bad MAC %q: want aa:bb:cc:dd:ee:ff", s)
		}
		var b byte
		for _, c := range []byte(s[3*i : 3*i+2]) {
			var v byte
			switch {
			case c >= '0' && c <= '9':
				v = c - '0'
			case c >= 'a' && c <= 'f':
				v = c - 'a' + 10
			case c >= 'A' && c <= 'F':
				v = c - 'A' + 10
			default:
				return m, fmt.Errorf("bad MAC %q: want aa:bb:cc:dd:ee:ff", s)
			}
			b = b<<4 | v
		}
		m[i] = b
	}
	return m, nil
}

// Key is a flow 5-tuple as a packet carries it: Src sent to Dst. A flow's
// canonical key is the key of its initiator's first packet. For ICMP echo
// and other query/reply types, SrcPort and DstPort carry the identifier and
// the request type so that a reply's key is the Reverse of its request's
// (see decode). Key is packed, comparable and pointer-free.
type Key struct {
	Src, Dst         Addr
	SrcPort, DstPort uint16
	Proto            uint8
}

// Reverse returns the key of the opposite direction.
func (k Key) Reverse() Key {
	return Key{Src: k.Dst, Dst: k.Src, SrcPort: k.DstPort, DstPort: k.SrcPort, Proto: k.Proto}
}

// String formats k as "tcp 10.0.0.1:1234 -> 10.0.0.2:80".
func (k Key) String() string {
	return fmt.Sprintf("%s %s -> %s", ProtoName(k.Proto),
		netip.AddrPortFrom(k.Src.Netip(), k.SrcPort), netip.AddrPortFrom(k.Dst.Netip(), k.DstPort))
}

// TCPFlags is the TCP flags byte (CWR ECE URG ACK PSH RST SYN FIN, high to low).
type TCPFlags uint8

// TCP flag bits.
const (
	FIN TCPFlags = 1 << iota
	SYN
	RST
	PSH
	ACK
	URG
	ECE
	CWR
)

const flagLetters = "FSRPAUEC"

// String gives the flags as letters in a fixed order (F S R P A U E C), so
// SYN|ACK is "SA"; no flags is "".
func (f TCPFlags) String() string {
	var buf [8]byte
	n := 0
	for i := 0; i < 8; i++ {
		if f&(1<<i) != 0 {
			buf[n] = flagLetters[i]
			n++
		}
	}
	return string(buf[:n])
}

// EventKind says what a flow event reports.
type EventKind uint8

// Event kinds.
const (
	// EventPacket reports Packets packets (Bytes bytes, TCP flags ORed in
	// Flags, the first one's in FirstFlags) sent in Key's direction. A
	// userspace decoder sends one event per packet; a datapath that counts
	// in the kernel sends deltas.
	EventPacket EventKind = iota + 1
	// EventICMPError reports an ICMP or ICMPv6 error (destination
	// unreachable, time exceeded...) sent by Key.Src about Inner, the
	// quoted packet's key as its sender sent it.
	EventICMPError
	// EventARP reports an ARP frame: Key.Src is the sender IP, Key.Dst the
	// target IP, ARPOp the operation and ARPSender the sender hardware
	// address claimed in the ARP body.
	EventARP
)

// ARP operations.
const (
	ARPRequest uint16 = 1
	ARPReply   uint16 = 2
)

// Event is what a datapath tells the flow table. Events are passed by
// pointer and owned by the caller: a consumer copies what it keeps.
type Event struct {
	Time Time
	Kind EventKind
	// Port is the switch port the frame entered on (an interface index),
	// or 0 when unknown (replay).
	Port   uint32
	VLAN   uint16
	Key    Key
	SrcMAC MAC
	DstMAC MAC

	// Packet events.
	Packets    uint32
	Bytes      uint64 // IP bytes (IP header included), all packets of the event
	Payload    uint64 // L4 payload bytes, all packets of the event
	Flags      TCPFlags
	FirstFlags TCPFlags
	// Verdict and Rule are the policy's decision when a datapath that
	// enforces (eBPF) made it as the flow started; Rule is the datapath's
	// rule number, 0 when none. VerdictNone: not judged here.
	Verdict Verdict
	Rule    uint32
	// Continued marks counters of a flow the datapath reported before (a
	// later report of a kernel-tracked flow): a flow table that no
	// longer holds the flow drops them instead of starting one mid-stream.
	Continued bool

	// ICMP error events: type and code of the error, and the quoted key.
	ICMPType, ICMPCode uint8
	Inner              Key

	// ARP events.
	ARPOp     uint16
	ARPSender MAC
}
