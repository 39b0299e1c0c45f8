package decode

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Addresses used by the frames below: A talks to B, R is a router that
// sends ICMP errors.
var (
	macA = flow.MAC{0x02, 0, 0, 0, 0, 0x0a}
	macB = flow.MAC{0x02, 0, 0, 0, 0, 0x0b}
	ip4A = flow.MustParseAddr("10.0.0.1")
	ip4B = flow.MustParseAddr("10.0.0.2")
	ip4R = flow.MustParseAddr("192.0.2.254")
	ip6A = flow.MustParseAddr("2001:db8::a")
	ip6B = flow.MustParseAddr("2001:db8::b")
	ip6R = flow.MustParseAddr("2001:db8:ffff::1")
)

// The frame builder: each function returns a fresh slice holding one
// header followed by its payload. Checksums are left zero; Decode does not
// verify them.

func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func zeros(n int) []byte { return make([]byte, n) }

// fill returns n bytes of recognisable payload.
func fill(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// patch returns a copy of b with v written at offset off.
func patch(b []byte, off int, v ...byte) []byte {
	c := append([]byte(nil), b...)
	copy(c[off:], v)
	return c
}

type tag struct{ tpid, tci uint16 }

// ether builds an Ethernet frame from macA to macB with the given tags.
func ether(et uint16, payload []byte, tags ...tag) []byte {
	b := cat(macB[:], macA[:])
	for _, t := range tags {
		b = cat(b, u16(t.tpid), u16(t.tci))
	}
	return cat(b, u16(et), payload)
}

// pad pads an Ethernet frame to the 60-byte minimum, as a NIC does.
func pad(b []byte) []byte {
	if len(b) < 60 {
		b = cat(b, zeros(60-len(b)))
	}
	return b
}

func ipv4(src, dst flow.Addr, proto uint8, payload []byte) []byte {
	return ipv4o(src, dst, proto, nil, payload)
}

// ipv4o builds an IPv4 packet with options opts (a multiple of 4 bytes).
func ipv4o(src, dst flow.Addr, proto uint8, opts, payload []byte) []byte {
	hl := 20 + len(opts)
	h := zeros(20)
	h[0] = 0x40 | byte(hl/4)
	binary.BigEndian.PutUint16(h[2:], uint16(hl+len(payload)))
	binary.BigEndian.PutUint16(h[4:], 0x1234) // identification
	h[8] = 64
	h[9] = proto
	copy(h[12:], src[12:])
	copy(h[16:], dst[12:])
	return cat(h, opts, payload)
}

// frag4 sets the fragment offset (in 8-byte units) and MF flag of an IPv4
// packet.
func frag4(b []byte, off uint16, mf bool) []byte {
	v := off
	if mf {
		v |= 0x2000
	}
	return patch(b, 6, u16(v)...)
}

func ipv6(src, dst flow.Addr, nh uint8, payload []byte) []byte {
	h := zeros(40)
	h[0] = 0x60
	binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
	h[6] = nh
	h[7] = 64
	copy(h[8:], src[:])
	copy(h[24:], dst[:])
	return cat(h, payload)
}

// ext6 builds a hop-by-hop, routing or destination options header of
// (units+1)*8 bytes.
func ext6(next, units uint8) []byte {
	b := zeros((int(units) + 1) * 8)
	b[0], b[1] = next, units
	return b
}

// ah6 builds an authentication header of (plen+2)*4 bytes.
func ah6(next, plen uint8) []byte {
	b := zeros((int(plen) + 2) * 4)
	b[0], b[1] = next, plen
	return b
}

// frag6 builds a fragment header with offset off (in 8-byte units).
func frag6(next uint8, off uint16, mf bool) []byte {
	v := off << 3
	if mf {
		v |= 1
	}
	return cat([]byte{next, 0}, u16(v), u32(0xabcd))
}

func tcp(sp, dp uint16, seq, ack uint32, flags flow.TCPFlags, win uint16, opts, payload []byte) []byte {
	hl := 20 + len(opts)
	return cat(u16(sp), u16(dp), u32(seq), u32(ack),
		[]byte{byte(hl/4) << 4, byte(flags)}, u16(win), zeros(4), opts, payload)
}

func udp(sp, dp uint16, payload []byte) []byte {
	return cat(u16(sp), u16(dp), u16(uint16(8+len(payload))), zeros(2), payload)
}

// icmp builds an ICMP or ICMPv6 message whose bytes 4 to 7 are id and seq.
func icmp(typ, code uint8, id, seq uint16, payload []byte) []byte {
	return cat([]byte{typ, code, 0, 0}, u16(id), u16(seq), payload)
}

func arp(op uint16, sha flow.MAC, spa flow.Addr, tha flow.MAC, tpa flow.Addr) []byte {
	return cat(u16(1), u16(0x0800), []byte{6, 4}, u16(op), sha[:], spa[12:], tha[:], tpa[12:])
}

// sll builds a Linux cooked v1 header, packet type "to us".
func sll(hatype uint16, addr []byte, proto uint16, payload []byte) []byte {
	a := zeros(8)
	copy(a, addr)
	return cat(u16(0), u16(hatype), u16(uint16(len(addr))), a, u16(proto), payload)
}

// sll2 builds a Linux cooked v2 header on interface 3.
func sll2(proto, hatype uint16, addr []byte, payload []byte) []byte {
	a := zeros(8)
	copy(a, addr)
	return cat(u16(proto), u16(0), u32(3), u16(hatype), []byte{0, byte(len(addr))}, a, payload)
}

// null builds a BSD loopback header with family fam in byte order o.
func null(o binary.AppendByteOrder, fam uint32, payload []byte) []byte {
	return cat(o.AppendUint32(nil, fam), payload)
}

var mss = []byte{2, 4, 0x05, 0xb4} // MSS 1460

// decodeCase is one frame and what Decode must make of it.
type decodeCase struct {
	name string
	link LinkType
	data []byte
	want Packet
	err  error // the sentinel Decode must return, nil for a usable frame
	// hdr is how many bytes of a usable frame Decode needs to succeed;
	// 0 means all but the payload.
	hdr int
}

// headerLen returns how many bytes of c.data Decode needs.
func (c decodeCase) headerLen() int {
	if c.hdr != 0 {
		return c.hdr
	}
	return len(c.data) - int(c.want.Payload)
}

// eth4 and eth6 return the Packet fields that every Ethernet frame from A
// to B carries.
func eth4(p Packet) Packet {
	p.EthSrc, p.EthDst, p.EtherType, p.IPVersion, p.TTL = macA, macB, 0x0800, 4, 64
	if p.Src.IsZero() {
		p.Src, p.Dst = ip4A, ip4B
	}
	return p
}

func eth6(p Packet) Packet {
	p.EthSrc, p.EthDst, p.EtherType, p.IPVersion, p.TTL = macA, macB, 0x86dd, 6, 64
	if p.Src.IsZero() {
		p.Src, p.Dst = ip6A, ip6B
	}
	return p
}

// validCases are frames Decode accepts, one or more per link type and
// protocol.
func validCases() []decodeCase {
	quoteUDP := ipv4(ip4A, ip4B, flow.ProtoUDP, udp(5000, 53, fill(10)))[:28]
	quoteEcho := ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 0x77, 1, fill(32)))[:28]
	quoteTCP6 := ipv6(ip6A, ip6B, flow.ProtoTCP, tcp(40001, 443, 7, 0, flow.SYN, 1000, nil, nil))
	quoteFrag6 := ipv6(ip6A, ip6B, 44, cat(frag6(flow.ProtoUDP, 0, true), udp(6000, 4789, fill(1400))))[:1232]
	tso := ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1, 2, flow.ACK, 500, nil, fill(2000)))
	v6gso := ipv6(ip6A, ip6B, flow.ProtoTCP, tcp(40000, 80, 1, 2, flow.ACK, 500, nil, fill(3000)))

	return []decodeCase{
		{
			name: "ethernet ipv4 tcp syn padded",
			link: LinkEthernet,
			data: pad(ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1000, 0, flow.SYN, 64240, mss, nil)))),
			want: eth4(Packet{Proto: 6, IPLen: 44, SrcPort: 40000, DstPort: 80, TCPFlags: flow.SYN, Seq: 1000, Window: 64240}),
			hdr:  54, // options are not needed, nor is padding
		},
		{
			name: "ethernet ipv4 tcp data",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1001, 5000, flow.PSH|flow.ACK, 502, nil, fill(100)))),
			want: eth4(Packet{Proto: 6, IPLen: 140, SrcPort: 40000, DstPort: 80, TCPFlags: flow.PSH | flow.ACK, Seq: 1001, Ack: 5000, Window: 502, Payload: 100}),
		},
		{
			name: "vlan ipv4 udp dns",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(53000, 53, fill(30))), tag{0x8100, 0x2000 | 100}),
			want: eth4(Packet{VLAN: 100, Proto: 17, IPLen: 58, SrcPort: 53000, DstPort: 53, Payload: 30}),
		},
		{
			name: "qinq ipv6 tcp",
			link: LinkEthernet,
			data: ether(0x88a8, cat(u16(200), u16(0x8100), u16(300), u16(0x86dd),
				ipv6(ip6A, ip6B, flow.ProtoTCP, tcp(443, 40000, 9, 1001, flow.SYN|flow.ACK, 65535, nil, nil)))),
			want: eth6(Packet{VLAN: 200, Proto: 6, IPLen: 60, SrcPort: 443, DstPort: 40000, TCPFlags: flow.SYN | flow.ACK, Seq: 9, Ack: 1001, Window: 65535}),
		},
		{
			name: "pre-standard qinq ipv4 udp",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(1, 2, fill(20))), tag{0x9100, 7}, tag{0x8100, 8}),
			want: eth4(Packet{VLAN: 7, Proto: 17, IPLen: 48, SrcPort: 1, DstPort: 2, Payload: 20}),
		},
		{
			name: "ipv4 options udp",
			link: LinkEthernet,
			data: ether(0x0800, ipv4o(ip4A, ip4B, flow.ProtoUDP, []byte{1, 1, 1, 0}, udp(123, 123, fill(48)))),
			want: eth4(Packet{Proto: 17, IPLen: 80, SrcPort: 123, DstPort: 123, Payload: 48}),
		},
		{
			name: "ipv4 udp padded",
			link: LinkEthernet,
			data: pad(ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(5353, 5353, fill(2))))),
			want: eth4(Packet{Proto: 17, IPLen: 30, SrcPort: 5353, DstPort: 5353, Payload: 2}),
			hdr:  42,
		},
		{
			name: "icmp echo request",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 0x1234, 1, fill(56)))),
			want: eth4(Packet{Proto: 1, IPLen: 84, ICMPType: 8, ICMPID: 0x1234, Payload: 56}),
		},
		{
			name: "icmp echo reply",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(0, 0, 0x1234, 1, fill(56)))),
			want: eth4(Packet{Src: ip4B, Dst: ip4A, Proto: 1, IPLen: 84, ICMPID: 0x1234, Payload: 56}),
		},
		{
			name: "icmp port unreachable",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(3, 3, 0, 0, quoteUDP))),
			want: eth4(Packet{Src: ip4B, Dst: ip4A, Proto: 1, IPLen: 56, ICMPType: 3, ICMPCode: 3, Payload: 28,
				HasInner: true, Inner: flow.Key{Src: ip4A, Dst: ip4B, SrcPort: 5000, DstPort: 53, Proto: 17}}),
		},
		{
			name: "icmp time exceeded quoting echo",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4R, ip4A, flow.ProtoICMP, icmp(11, 0, 0, 0, quoteEcho))),
			want: eth4(Packet{Src: ip4R, Dst: ip4A, Proto: 1, IPLen: 56, ICMPType: 11, Payload: 28,
				HasInner: true, Inner: flow.Key{Src: ip4A, Dst: ip4B, SrcPort: 0x77, DstPort: 8, Proto: 1}}),
		},
		{
			name: "icmp unreachable quote too short",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(3, 1, 0, 0, quoteUDP[:22]))),
			want: eth4(Packet{Src: ip4B, Dst: ip4A, Proto: 1, IPLen: 50, ICMPType: 3, ICMPCode: 1, Payload: 22}),
		},
		{
			name: "ipv4 first fragment udp",
			link: LinkEthernet,
			data: ether(0x0800, frag4(ipv4(ip4A, ip4B, flow.ProtoUDP, udp(7000, 7001, fill(64))), 0, true)),
			want: eth4(Packet{Proto: 17, IPLen: 92, SrcPort: 7000, DstPort: 7001, Payload: 64}),
		},
		{
			name: "ipv4 later fragment",
			link: LinkEthernet,
			data: ether(0x0800, frag4(ipv4(ip4A, ip4B, flow.ProtoUDP, fill(100)), 185, false)),
			want: eth4(Packet{Proto: 17, IPLen: 120, Fragment: true}),
			hdr:  34,
		},
		{
			name: "ipv4 tso zero total length",
			link: LinkEthernet,
			data: ether(0x0800, patch(tso, 2, 0, 0)),
			want: eth4(Packet{Proto: 6, IPLen: 2040, SrcPort: 40000, DstPort: 80, TCPFlags: flow.ACK, Seq: 1, Ack: 2, Window: 500, Payload: 2000}),
		},
		{
			name: "ipv4 payload cut by snap length",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1, 2, flow.ACK, 500, nil, fill(100))))[:84],
			want: eth4(Packet{Proto: 6, IPLen: 140, SrcPort: 40000, DstPort: 80, TCPFlags: flow.ACK, Seq: 1, Ack: 2, Window: 500, Payload: 30}),
		},
		{
			name: "ipv4 gre",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, 47, fill(24))),
			want: eth4(Packet{Proto: 47, IPLen: 44, Payload: 24}),
		},
		{
			name: "ipv6 tcp",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, flow.ProtoTCP, tcp(40000, 22, 5, 6, flow.ACK, 1024, nil, fill(50)))),
			want: eth6(Packet{Proto: 6, IPLen: 110, SrcPort: 40000, DstPort: 22, TCPFlags: flow.ACK, Seq: 5, Ack: 6, Window: 1024, Payload: 50}),
		},
		{
			name: "ipv6 hop-by-hop destination routing udp",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, 0, cat(ext6(60, 0), ext6(43, 1), ext6(17, 0), udp(546, 547, fill(10))))),
			want: eth6(Packet{Proto: 17, IPLen: 90, SrcPort: 546, DstPort: 547, Payload: 10}),
		},
		{
			name: "ipv6 ah tcp",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, 51, cat(ah6(6, 4), tcp(179, 40000, 1, 1, flow.ACK, 16384, nil, fill(19))))),
			want: eth6(Packet{Proto: 6, IPLen: 103, SrcPort: 179, DstPort: 40000, TCPFlags: flow.ACK, Seq: 1, Ack: 1, Window: 16384, Payload: 19}),
		},
		{
			name: "ipv6 first fragment udp",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, 44, cat(frag6(17, 0, true), udp(6000, 4789, fill(100))))),
			want: eth6(Packet{Proto: 17, IPLen: 156, SrcPort: 6000, DstPort: 4789, Payload: 100}),
		},
		{
			name: "ipv6 later fragment",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, 0, cat(ext6(44, 0), frag6(17, 100, false), fill(50)))),
			want: eth6(Packet{Proto: 17, IPLen: 106, Fragment: true}),
			hdr:  14 + 40 + 16,
		},
		{
			name: "ipv6 esp",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, 50, fill(40))),
			want: eth6(Packet{Proto: 50, IPLen: 80, Payload: 40}),
		},
		{
			name: "ipv6 gso zero payload length",
			link: LinkEthernet,
			data: ether(0x86dd, patch(v6gso, 4, 0, 0)),
			want: eth6(Packet{Proto: 6, IPLen: 3060, SrcPort: 40000, DstPort: 80, TCPFlags: flow.ACK, Seq: 1, Ack: 2, Window: 500, Payload: 3000}),
		},
		{
			name: "icmpv6 echo request",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6A, ip6B, 58, icmp(128, 0, 0x4242, 7, fill(16)))),
			want: eth6(Packet{Proto: 58, IPLen: 64, ICMPType: 128, ICMPID: 0x4242, Payload: 16}),
		},
		{
			name: "icmpv6 echo reply",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6B, ip6A, 58, icmp(129, 0, 0x4242, 7, fill(16)))),
			want: eth6(Packet{Src: ip6B, Dst: ip6A, Proto: 58, IPLen: 64, ICMPType: 129, ICMPID: 0x4242, Payload: 16}),
		},
		{
			name: "icmpv6 unreachable quoting tcp",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6R, ip6A, 58, icmp(1, 4, 0, 0, quoteTCP6))),
			want: eth6(Packet{Src: ip6R, Dst: ip6A, Proto: 58, IPLen: 108, ICMPType: 1, ICMPCode: 4, Payload: 60,
				HasInner: true, Inner: flow.Key{Src: ip6A, Dst: ip6B, SrcPort: 40001, DstPort: 443, Proto: 6}}),
		},
		{
			name: "icmpv6 packet too big quoting first fragment",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6R, ip6A, 58, icmp(2, 0, 0, 1280, quoteFrag6))),
			want: eth6(Packet{Src: ip6R, Dst: ip6A, Proto: 58, IPLen: 1280, ICMPType: 2, Payload: 1232,
				HasInner: true, Inner: flow.Key{Src: ip6A, Dst: ip6B, SrcPort: 6000, DstPort: 4789, Proto: 17}}),
		},
		{
			name: "icmpv6 multicast listener query has no id",
			link: LinkEthernet,
			data: ether(0x86dd, ipv6(ip6R, ip6A, 58, icmp(130, 0, 1000, 0, zeros(16)))),
			want: eth6(Packet{Src: ip6R, Dst: ip6A, Proto: 58, IPLen: 64, ICMPType: 130, Payload: 16}),
		},
		{
			name: "arp request padded",
			link: LinkEthernet,
			data: pad(ether(0x0806, arp(1, macA, ip4A, flow.MAC{}, ip4B))),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x0806, ARPOp: 1, ARPSenderMAC: macA, ARPSenderIP: ip4A, ARPTargetIP: ip4B},
			hdr:  42,
		},
		{
			name: "vlan arp reply",
			link: LinkEthernet,
			data: ether(0x0806, arp(2, macA, ip4A, macB, ip4B), tag{0x8100, 10}),
			want: Packet{EthSrc: macA, EthDst: macB, VLAN: 10, EtherType: 0x0806, ARPOp: 2, ARPSenderMAC: macA, ARPSenderIP: ip4A, ARPTargetMAC: macB, ARPTargetIP: ip4B},
		},
		{
			name: "sll ipv4 udp",
			link: LinkSLL,
			data: sll(1, macA[:], 0x0800, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(5000, 53, fill(12)))),
			want: Packet{EthSrc: macA, EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 17, IPLen: 40, SrcPort: 5000, DstPort: 53, Payload: 12},
		},
		{
			name: "sll arp",
			link: LinkSLL,
			data: sll(1, macA[:], 0x0806, arp(1, macA, ip4A, flow.MAC{}, ip4B)),
			want: Packet{EthSrc: macA, EtherType: 0x0806, ARPOp: 1, ARPSenderMAC: macA, ARPSenderIP: ip4A, ARPTargetIP: ip4B},
		},
		{
			name: "sll loopback ipv6 udp",
			link: LinkSLL,
			data: sll(772, zeros(6), 0x86dd, ipv6(ip6A, ip6B, flow.ProtoUDP, udp(1, 2, nil))),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 17, IPLen: 48, SrcPort: 1, DstPort: 2},
		},
		{
			name: "sll2 ipv6 tcp",
			link: LinkSLL2,
			data: sll2(0x86dd, 1, macA[:], ipv6(ip6A, ip6B, flow.ProtoTCP, tcp(40000, 80, 1, 0, flow.SYN, 100, nil, nil))),
			want: Packet{EthSrc: macA, EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 6, IPLen: 60, SrcPort: 40000, DstPort: 80, TCPFlags: flow.SYN, Seq: 1, Window: 100},
		},
		{
			name: "sll2 vlan ipv4 icmp",
			link: LinkSLL2,
			data: sll2(0x8100, 1, macA[:], cat(u16(42), u16(0x0800), ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(13, 0, 9, 0, fill(12))))),
			want: Packet{EthSrc: macA, VLAN: 42, EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 1, IPLen: 40, ICMPType: 13, ICMPID: 9, Payload: 12},
		},
		{
			name: "raw ipv4 tcp",
			link: LinkRaw,
			data: ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(1, 2, 3, 4, flow.RST, 0, nil, nil)),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 40, SrcPort: 1, DstPort: 2, TCPFlags: flow.RST, Seq: 3, Ack: 4},
		},
		{
			name: "raw ipv6 udp",
			link: LinkRaw,
			data: ipv6(ip6A, ip6B, flow.ProtoUDP, udp(1, 2, fill(3))),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 17, IPLen: 51, SrcPort: 1, DstPort: 2, Payload: 3},
		},
		{
			name: "ipv4 link icmp",
			link: LinkIPv4,
			data: ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 1, 1, nil)),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 1, IPLen: 28, ICMPType: 8, ICMPID: 1},
		},
		{
			name: "ipv6 link icmpv6",
			link: LinkIPv6,
			data: ipv6(ip6A, ip6B, 58, icmp(144, 0, 5, 0, nil)),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 58, IPLen: 48, ICMPType: 144, ICMPID: 5},
		},
		{
			name: "null little-endian ipv4",
			link: LinkNull,
			data: null(binary.LittleEndian, 2, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(1, 2, nil))),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 17, IPLen: 28, SrcPort: 1, DstPort: 2},
		},
		{
			name: "null little-endian ipv6 darwin",
			link: LinkNull,
			data: null(binary.LittleEndian, 30, ipv6(ip6A, ip6B, flow.ProtoUDP, udp(1, 2, nil))),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 17, IPLen: 48, SrcPort: 1, DstPort: 2},
		},
		{
			name: "null big-endian ipv6 openbsd",
			link: LinkNull,
			data: null(binary.BigEndian, 24, ipv6(ip6A, ip6B, flow.ProtoUDP, udp(1, 2, nil))),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 17, IPLen: 48, SrcPort: 1, DstPort: 2},
		},
		{
			name: "loop ipv4",
			link: LinkLoop,
			data: null(binary.BigEndian, 2, ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(1, 2, 0, 0, flow.SYN, 0, nil, nil))),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 40, SrcPort: 1, DstPort: 2, TCPFlags: flow.SYN},
		},
	}
}

// errorCases are frames Decode refuses, with what it fills in before
// giving up.
func errorCases() []decodeCase {
	tcp4 := ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1, 2, flow.ACK, 500, nil, nil))
	deep := ext6(0, 0)
	var chain []byte
	for range 9 {
		chain = cat(chain, deep)
	}
	return []decodeCase{
		{
			name: "unknown link type",
			link: 9999,
			data: ether(0x0800, tcp4),
			err:  ErrUnsupported,
		},
		{
			name: "ethernet short",
			link: LinkEthernet,
			data: zeros(13),
			err:  ErrTruncated,
		},
		{
			name: "lldp",
			link: LinkEthernet,
			data: pad(ether(0x88cc, fill(20))),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x88cc},
			err:  ErrUnsupported,
		},
		{
			name: "stp 802.3 length",
			link: LinkEthernet,
			data: pad(ether(0x0026, fill(38))),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x0026},
			err:  ErrUnsupported,
		},
		{
			name: "five vlan tags",
			link: LinkEthernet,
			data: ether(0x0800, tcp4, tag{0x88a8, 1}, tag{0x8100, 2}, tag{0x8100, 3}, tag{0x8100, 4}, tag{0x8100, 5}),
			want: Packet{EthSrc: macA, EthDst: macB, VLAN: 1},
			err:  ErrUnsupported,
		},
		{
			name: "vlan tag cut",
			link: LinkEthernet,
			data: ether(0x8100, u16(5)),
			want: Packet{EthSrc: macA, EthDst: macB},
			err:  ErrTruncated,
		},
		{
			name: "ipv4 ethertype with ipv6 packet",
			link: LinkEthernet,
			data: ether(0x0800, ipv6(ip6A, ip6B, flow.ProtoUDP, udp(1, 2, nil))),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x0800},
			err:  ErrMalformed,
		},
		{
			name: "ipv4 header length 16",
			link: LinkRaw,
			data: patch(tcp4, 0, 0x44),
			want: Packet{EtherType: 0x0800},
			err:  ErrMalformed,
		},
		{
			name: "ipv4 total length below header",
			link: LinkRaw,
			data: patch(tcp4, 2, 0, 12),
			want: Packet{EtherType: 0x0800},
			err:  ErrMalformed,
		},
		{
			name: "ipv4 options cut",
			link: LinkRaw,
			data: patch(patch(tcp4, 0, 0x4f), 2, 0, 80)[:30],
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 80},
			err:  ErrTruncated,
		},
		{
			name: "tcp header cut",
			link: LinkRaw,
			data: tcp4[:30],
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 40, SrcPort: 40000, DstPort: 80},
			err:  ErrTruncated,
		},
		{
			name: "tcp header beyond ip length",
			link: LinkRaw,
			data: patch(tcp4, 2, 0, 30),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 30, SrcPort: 40000, DstPort: 80},
			err:  ErrMalformed,
		},
		{
			name: "tcp options beyond ip length",
			link: LinkRaw,
			data: patch(tcp4, 32, 0x60),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 40,
				SrcPort: 40000, DstPort: 80, TCPFlags: flow.ACK, Seq: 1, Ack: 2, Window: 500},
			err: ErrMalformed,
		},
		{
			name: "tcp data offset 4",
			link: LinkRaw,
			data: patch(tcp4, 32, 0x40),
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 6, IPLen: 40,
				SrcPort: 40000, DstPort: 80, TCPFlags: flow.ACK, Seq: 1, Ack: 2, Window: 500},
			err: ErrMalformed,
		},
		{
			name: "udp header cut",
			link: LinkIPv4,
			data: ipv4(ip4A, ip4B, flow.ProtoUDP, udp(1, 2, fill(10)))[:25],
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 17, IPLen: 38, SrcPort: 1, DstPort: 2},
			err:  ErrTruncated,
		},
		{
			name: "icmp header cut",
			link: LinkIPv4,
			data: ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 1, 1, nil))[:23],
			want: Packet{EtherType: 0x0800, IPVersion: 4, Src: ip4A, Dst: ip4B, TTL: 64, Proto: 1, IPLen: 28, ICMPType: 8},
			err:  ErrTruncated,
		},
		{
			name: "ipv6 header cut",
			link: LinkIPv6,
			data: ipv6(ip6A, ip6B, flow.ProtoUDP, nil)[:39],
			want: Packet{EtherType: 0x86dd},
			err:  ErrTruncated,
		},
		{
			name: "ipv6 bad version",
			link: LinkIPv6,
			data: patch(ipv6(ip6A, ip6B, flow.ProtoUDP, udp(1, 2, nil)), 0, 0x40),
			want: Packet{EtherType: 0x86dd},
			err:  ErrMalformed,
		},
		{
			name: "ipv6 nine extension headers",
			link: LinkIPv6,
			data: ipv6(ip6A, ip6B, 0, cat(chain, udp(1, 2, nil))),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, IPLen: 120},
			err:  ErrMalformed,
		},
		{
			name: "ipv6 extension header cut",
			link: LinkIPv6,
			data: ipv6(ip6A, ip6B, 60, cat(ext6(17, 2), udp(1, 2, nil)))[:60],
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 60, IPLen: 72},
			err:  ErrTruncated,
		},
		{
			name: "ipv6 extension header beyond payload length",
			link: LinkIPv6,
			data: patch(ipv6(ip6A, ip6B, 60, cat(ext6(17, 2), udp(1, 2, nil))), 4, 0, 16),
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 60, IPLen: 56},
			err:  ErrMalformed,
		},
		{
			name: "icmpv6 in ipv6 cut",
			link: LinkIPv6,
			data: ipv6(ip6A, ip6B, 58, icmp(128, 0, 1, 1, nil))[:45],
			want: Packet{EtherType: 0x86dd, IPVersion: 6, Src: ip6A, Dst: ip6B, TTL: 64, Proto: 58, IPLen: 48, ICMPType: 128},
			err:  ErrTruncated,
		},
		{
			name: "arp ieee 802 hardware",
			link: LinkEthernet,
			data: ether(0x0806, patch(arp(1, macA, ip4A, flow.MAC{}, ip4B), 0, 0, 6)),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x0806},
			err:  ErrUnsupported,
		},
		{
			name: "arp operation 0",
			link: LinkEthernet,
			data: ether(0x0806, arp(0, macA, ip4A, flow.MAC{}, ip4B)),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x0806},
			err:  ErrMalformed,
		},
		{
			name: "arp cut",
			link: LinkEthernet,
			data: ether(0x0806, arp(1, macA, ip4A, flow.MAC{}, ip4B)[:20]),
			want: Packet{EthSrc: macA, EthDst: macB, EtherType: 0x0806},
			err:  ErrTruncated,
		},
		{
			name: "null unknown family",
			link: LinkNull,
			data: null(binary.LittleEndian, 7, tcp4),
			err:  ErrUnsupported,
		},
		{
			name: "null header cut",
			link: LinkNull,
			data: []byte{2, 0},
			err:  ErrTruncated,
		},
		{
			name: "raw ip version 5",
			link: LinkRaw,
			data: patch(tcp4, 0, 0x55),
			err:  ErrMalformed,
		},
		{
			name: "raw ip empty",
			link: LinkRaw,
			data: nil,
			err:  ErrTruncated,
		},
		{
			name: "sll netlink",
			link: LinkSLL,
			data: sll(824, nil, 0, fill(20)),
			err:  ErrUnsupported,
		},
		{
			name: "sll2 cut",
			link: LinkSLL2,
			data: sll2(0x0800, 1, macA[:], nil)[:19],
			err:  ErrTruncated,
		},
	}
}

func TestDecode(t *testing.T) {
	for _, c := range append(validCases(), errorCases()...) {
		t.Run(c.name, func(t *testing.T) {
			var d Decoder
			// Start from a dirty Packet: Decode must reset it.
			p := Packet{Src: ip6R, Payload: 99, HasInner: true, VLAN: 7}
			err := d.Decode(c.data, c.link, &p)
			if !errors.Is(err, c.err) || (err == nil) != (c.err == nil) {
				t.Fatalf("Decode() error = %v, want %v", err, c.err)
			}
			if diff := cmp.Diff(p, c.want); diff != "" {
				t.Errorf("Decode() (-got +want):\n%s", diff)
			}
			var want Decoder
			switch c.err {
			case ErrTruncated:
				want.Truncated = 1
			case ErrMalformed:
				want.Malformed = 1
			case ErrUnsupported:
				want.Unsupported = 1
			}
			if diff := cmp.Diff(d, want); diff != "" {
				t.Errorf("counters (-got +want):\n%s", diff)
			}
		})
	}
}

// TestDecodeTruncated cuts every valid frame at every length: Decode must
// not panic, must report ErrTruncated while a needed header is incomplete
// and must decode the frame once it is complete.
func TestDecodeTruncated(t *testing.T) {
	for _, c := range validCases() {
		t.Run(c.name, func(t *testing.T) {
			var d Decoder
			var p Packet
			hdr := c.headerLen()
			for n := 0; n < len(c.data); n++ {
				// A copy with no spare capacity, so that any read past
				// the cut panics instead of seeing the rest of the frame.
				data := append([]byte(nil), c.data[:n]...)
				err := d.Decode(data, c.link, &p)
				if n < hdr {
					if !errors.Is(err, ErrTruncated) {
						t.Errorf("Decode(first %d of %d bytes) error = %v, want %v", n, len(c.data), err, ErrTruncated)
					}
					continue
				}
				if err != nil {
					t.Errorf("Decode(first %d of %d bytes) error = %v, want nil", n, len(c.data), err)
				}
				if p.Payload > c.want.Payload || int(p.Payload) > n {
					t.Errorf("Decode(first %d of %d bytes) Payload = %d, want at most %d", n, len(c.data), p.Payload, c.want.Payload)
				}
			}
		})
	}
}

func TestDecodeCounters(t *testing.T) {
	var d Decoder
	var p Packet
	var want Decoder
	for _, c := range append(validCases(), errorCases()...) {
		d.Decode(c.data, c.link, &p)
		switch c.err {
		case ErrTruncated:
			want.Truncated++
		case ErrMalformed:
			want.Malformed++
		case ErrUnsupported:
			want.Unsupported++
		}
	}
	if diff := cmp.Diff(d, want); diff != "" {
		t.Errorf("counters (-got +want):\n%s", diff)
	}
}

func TestLinkTypeSupported(t *testing.T) {
	for _, l := range []LinkType{LinkNull, LinkEthernet, LinkRaw, LinkLoop, LinkSLL, LinkIPv4, LinkIPv6, LinkSLL2} {
		if !l.Supported() {
			t.Errorf("LinkType(%d).Supported() = false, want true", l)
		}
	}
	for _, l := range []LinkType{2, 12, 14, 105, 127, 9999} {
		if l.Supported() {
			t.Errorf("LinkType(%d).Supported() = true, want false", l)
		}
	}
}

func TestEvent(t *testing.T) {
	const at = flow.Time(1_700_000_000_000_000_000)
	cases := []struct {
		name string
		link LinkType
		data []byte
		want flow.Event
		ok   bool
	}{
		{
			name: "tcp syn",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1, 0, flow.SYN, 100, nil, nil)), tag{0x8100, 5}),
			want: flow.Event{Time: at, Kind: flow.EventPacket, VLAN: 5, SrcMAC: macA, DstMAC: macB,
				Key:     flow.Key{Src: ip4A, Dst: ip4B, SrcPort: 40000, DstPort: 80, Proto: 6},
				Packets: 1, Bytes: 40, Flags: flow.SYN, FirstFlags: flow.SYN},
			ok: true,
		},
		{
			name: "udp",
			link: LinkRaw,
			data: ipv6(ip6A, ip6B, flow.ProtoUDP, udp(5000, 53, fill(30))),
			want: flow.Event{Time: at, Kind: flow.EventPacket,
				Key:     flow.Key{Src: ip6A, Dst: ip6B, SrcPort: 5000, DstPort: 53, Proto: 17},
				Packets: 1, Bytes: 78, Payload: 30},
			ok: true,
		},
		{
			name: "icmp echo request",
			link: LinkRaw,
			data: ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 0x1234, 1, fill(56))),
			want: flow.Event{Time: at, Kind: flow.EventPacket,
				Key:     flow.Key{Src: ip4A, Dst: ip4B, SrcPort: 0x1234, DstPort: 8, Proto: 1},
				Packets: 1, Bytes: 84, Payload: 56},
			ok: true,
		},
		{
			name: "icmp echo reply",
			link: LinkRaw,
			data: ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(0, 0, 0x1234, 1, fill(56))),
			want: flow.Event{Time: at, Kind: flow.EventPacket,
				Key:     flow.Key{Src: ip4B, Dst: ip4A, SrcPort: 8, DstPort: 0x1234, Proto: 1},
				Packets: 1, Bytes: 84, Payload: 56},
			ok: true,
		},
		{
			name: "icmpv6 router solicitation has no id",
			link: LinkRaw,
			data: ipv6(ip6A, ip6B, 58, icmp(133, 0, 0, 0, nil)),
			want: flow.Event{Time: at, Kind: flow.EventPacket,
				Key:     flow.Key{Src: ip6A, Dst: ip6B, SrcPort: 0, DstPort: 133, Proto: 58},
				Packets: 1, Bytes: 48},
			ok: true,
		},
		{
			name: "icmp redirect without quote",
			link: LinkRaw,
			data: ipv4(ip4R, ip4A, flow.ProtoICMP, icmp(5, 1, 0, 0, nil)),
			want: flow.Event{Time: at, Kind: flow.EventPacket,
				Key:     flow.Key{Src: ip4R, Dst: ip4A, SrcPort: 5, DstPort: 1, Proto: 1},
				Packets: 1, Bytes: 28},
			ok: true,
		},
		{
			name: "icmp port unreachable",
			link: LinkEthernet,
			data: ether(0x0800, ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(3, 3, 0, 0, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(5000, 53, fill(10)))[:28]))),
			want: flow.Event{Time: at, Kind: flow.EventICMPError, SrcMAC: macA, DstMAC: macB,
				Key:      flow.Key{Src: ip4B, Dst: ip4A, Proto: 1},
				ICMPType: 3, ICMPCode: 3,
				Inner: flow.Key{Src: ip4A, Dst: ip4B, SrcPort: 5000, DstPort: 53, Proto: 17}},
			ok: true,
		},
		{
			name: "icmpv6 time exceeded",
			link: LinkRaw,
			data: ipv6(ip6R, ip6A, 58, icmp(3, 0, 0, 0, ipv6(ip6A, ip6B, 58, icmp(128, 0, 9, 1, nil)))),
			want: flow.Event{Time: at, Kind: flow.EventICMPError,
				Key:      flow.Key{Src: ip6R, Dst: ip6A, Proto: 58},
				ICMPType: 3,
				Inner:    flow.Key{Src: ip6A, Dst: ip6B, SrcPort: 9, DstPort: 128, Proto: 58}},
			ok: true,
		},
		{
			name: "icmp unreachable with short quote is a packet",
			link: LinkRaw,
			data: ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(3, 1, 0, 0, fill(4))),
			want: flow.Event{Time: at, Kind: flow.EventPacket,
				Key:     flow.Key{Src: ip4B, Dst: ip4A, SrcPort: 3, DstPort: 1, Proto: 1},
				Packets: 1, Bytes: 32, Payload: 4},
			ok: true,
		},
		{
			name: "arp request",
			link: LinkEthernet,
			data: pad(ether(0x0806, arp(1, macA, ip4A, flow.MAC{}, ip4B), tag{0x8100, 3})),
			want: flow.Event{Time: at, Kind: flow.EventARP, VLAN: 3, SrcMAC: macA, DstMAC: macB,
				Key:   flow.Key{Src: ip4A, Dst: ip4B},
				ARPOp: 1, ARPSender: macA},
			ok: true,
		},
		{
			name: "later fragment",
			link: LinkRaw,
			data: frag4(ipv4(ip4A, ip4B, flow.ProtoUDP, fill(100)), 185, false),
		},
		{
			name: "gre",
			link: LinkRaw,
			data: ipv4(ip4A, ip4B, 47, fill(24)),
		},
		{
			name: "icmp in ipv6",
			link: LinkRaw,
			data: ipv6(ip6A, ip6B, flow.ProtoICMP, icmp(8, 0, 1, 1, nil)),
		},
		{
			name: "lldp",
			link: LinkEthernet,
			data: pad(ether(0x88cc, fill(20))),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d Decoder
			var p Packet
			d.Decode(c.data, c.link, &p)
			ev := flow.Event{Port: 99} // left alone when not tracked
			ok := p.Event(at, &ev)
			if ok != c.ok {
				t.Fatalf("Event() = %v, want %v", ok, c.ok)
			}
			want := c.want
			if !ok {
				want = flow.Event{Port: 99}
			}
			if diff := cmp.Diff(ev, want); diff != "" {
				t.Errorf("Event() (-got +want):\n%s", diff)
			}
		})
	}
}

// TestReplyKeyIsReverse checks the promise of flow.Key: the event key of a
// reply is the Reverse of its request's, so both land in one flow.
func TestReplyKeyIsReverse(t *testing.T) {
	cases := []struct {
		name       string
		req, reply []byte
	}{
		{"icmp echo",
			ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 0x1234, 1, fill(56))),
			ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(0, 0, 0x1234, 1, fill(56)))},
		{"icmp timestamp",
			ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(13, 0, 77, 1, fill(12))),
			ipv4(ip4B, ip4A, flow.ProtoICMP, icmp(14, 0, 77, 1, fill(12)))},
		{"icmpv6 echo",
			ipv6(ip6A, ip6B, 58, icmp(128, 0, 0x4242, 1, fill(16))),
			ipv6(ip6B, ip6A, 58, icmp(129, 0, 0x4242, 1, fill(16)))},
		{"icmpv6 neighbor solicitation",
			ipv6(ip6A, ip6B, 58, icmp(135, 0, 0, 0, zeros(16))),
			ipv6(ip6B, ip6A, 58, icmp(136, 0, 0x6000, 0, zeros(16)))},
		{"tcp handshake",
			ipv4(ip4A, ip4B, flow.ProtoTCP, tcp(40000, 80, 1, 0, flow.SYN, 100, nil, nil)),
			ipv4(ip4B, ip4A, flow.ProtoTCP, tcp(80, 40000, 9, 2, flow.SYN|flow.ACK, 100, nil, nil))},
		{"tcp over ipv6",
			ipv6(ip6A, ip6B, flow.ProtoTCP, tcp(40000, 80, 1, 0, flow.SYN, 100, nil, nil)),
			ipv6(ip6B, ip6A, flow.ProtoTCP, tcp(80, 40000, 9, 2, flow.SYN|flow.ACK, 100, nil, nil))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d Decoder
			var p Packet
			var req, reply flow.Event
			if err := d.Decode(c.req, LinkRaw, &p); err != nil || !p.Event(0, &req) {
				t.Fatalf("request: Decode() = %v, Event() = false", err)
			}
			if err := d.Decode(c.reply, LinkRaw, &p); err != nil || !p.Event(0, &reply) {
				t.Fatalf("reply: Decode() = %v, Event() = false", err)
			}
			if diff := cmp.Diff(reply.Key, req.Key.Reverse()); diff != "" {
				t.Errorf("reply key (-got +want request's reverse):\n%s", diff)
			}
		})
	}
}

// TestICMPTables checks the local switches against the shared tables in
// package flow, which use maps and are too slow for the hot path.
func TestICMPTables(t *testing.T) {
	for _, v6 := range []bool{false, true} {
		for i := range 256 {
			typ := uint8(i)
			if got, want := icmpIsRequest(typ, v6), flow.IsICMPRequest(typ, v6); got != want {
				t.Errorf("icmpIsRequest(%d, v6=%v) = %v, want %v", typ, v6, got, want)
			}
			if flow.IsICMPRequest(typ, v6) {
				continue
			}
			req, ok := icmpRequestOf(typ, v6)
			want := flow.ICMPCounterpart(typ, v6)
			if ok != (want != 0) || uint16(req) != want {
				t.Errorf("icmpRequestOf(%d, v6=%v) = %d, %v, want %d", typ, v6, req, ok, want)
			}
		}
	}
}

// TestDecodeAllocs asserts the package's promise: decoding and mapping to
// an event allocate nothing.
func TestDecodeAllocs(t *testing.T) {
	var frames []decodeCase
	frames = append(frames, validCases()...)
	frames = append(frames, errorCases()...)
	var d Decoder
	var p Packet
	var ev flow.Event
	allocs := testing.AllocsPerRun(100, func() {
		for _, c := range frames {
			if d.Decode(c.data, c.link, &p) == nil {
				p.Event(1, &ev)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("Decode and Event: %v allocations per run, want 0", allocs)
	}
}
